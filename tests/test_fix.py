"""`proofpress check --fix` and `--diff` (issue 23, item 4), through the real command line.

A fix runs only where the check reports its finding and is kept only when it adds no finding;
code and Liquid tags never change; a second run changes nothing; `--diff` writes nothing; line
endings and a byte-order mark survive; a link or a file with mixed line endings is left alone.
The repository's own hostile corpus comes out no worse.
"""

from __future__ import annotations

import os
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest
from conftest import AUTHORS, GOOD_FRONT_MATTER, REPO, run_cli, write_site
from test_cli import HOSTILE

from proofpress.check.engine import check_site
from proofpress.hooks.config import load_site_config
from proofpress.reading import sections
from proofpress.reading.sections import LineKind

UNTIDY = """\
---
title: Fix me
date: 2026-11-02
author: larissa
draft: true   # not yet
series:
tags:
  - Node.js
  - "#Python"
  - python
  - Web
  - API
  - Backend
---

Intro.

#### Deep

Text.

```md
#### not a heading
```

{% embed https://dev.to/ada/x %}
"""
TIDY = """\
---
title: Fix me
date: 2026-11-02
author: larissa
published: false   # not yet
tags: [nodejs, python, web, api]
---

Intro.

## Deep

Text.

```md
#### not a heading
```

{% embed https://dev.to/ada/x %}
"""


# Shapes that make a fix easy to get wrong; each post's findings may only shrink.
TRICKY = {
    "tags-text.md": "tags: 'Rust, Go, C++, Zig, Web, Web'",
    "tags-commented.md": "tags: [Rust, Go]  # the two I use\nseries:",
    "tags-mixed.md": "tags: [1, Rust, [nested]]",
    "tags-empty-after.md": "tags: ['#', '++']",
    "draft-text.md": "draft: 'true'",
    "draft-false.md": "draft: false",
    "empty-keys.md": "series: ''\ncanonical_url:\ncover_image:",
}
TRICKY_BODY = """\
Intro.

Deep
----

##### Deeper

```
# code, not a heading
```

{% details Open %}
#### inside a Liquid block
{% enddetails %}

    # indented code
"""


def _tricky() -> dict[str, str | bytes]:
    front = GOOD_FRONT_MATTER.replace("tags: [python, web]\n", "")
    return {
        name: front.replace("published: true\n", f"published: true\n{keys}\n") + TRICKY_BODY
        for name, keys in TRICKY.items()
    }


def _post(tmp_path: Path, text: str | bytes) -> Path:
    write_site(tmp_path, {"p.md": text})
    return tmp_path / "docs/posts/p.md"


def test_fix_rewrites_what_is_mechanical_prints_each_change_and_then_checks(
    tmp_path: Path,
) -> None:
    post = _post(tmp_path, UNTIDY)
    done = run_cli(tmp_path, "check", "--fix")
    assert done.exit_code == 0, done.output
    assert post.read_text(encoding="utf-8") == TIDY
    assert done.stderr.splitlines() == [
        "docs/posts/p.md:5: PP102 fixed: draft: true -> published: false",
        "docs/posts/p.md:6: fixed: removed the empty 'series:'",
        "docs/posts/p.md:7: PP107 fixed: tags: [nodejs, python, web, api]",
        "docs/posts/p.md:18: PP302 fixed: 1 heading level(s) re-levelled",
        "Fixed 4 thing(s) in 1 post(s).",
        "1 post checked: no problems.",
    ]
    again = run_cli(tmp_path, "check", "--fix")
    assert again.stderr.splitlines() == ["1 post checked: no problems."]
    assert post.read_text(encoding="utf-8") == TIDY


def test_diff_shows_the_fixes_and_writes_nothing(tmp_path: Path) -> None:
    post = _post(tmp_path, UNTIDY)
    done = run_cli(tmp_path, "check", "--diff")
    assert done.exit_code == 1
    assert post.read_text(encoding="utf-8") == UNTIDY
    assert done.stdout.splitlines()[:3] == [
        "--- a/docs/posts/p.md",
        "+++ b/docs/posts/p.md",
        "@@ -2,20 +2,13 @@",
    ]
    removed = [line[1:] for line in done.stdout.splitlines() if line.startswith("-")][1:]
    added = [line[1:] for line in done.stdout.splitlines() if line.startswith("+")][1:]
    assert removed == [*UNTIDY.splitlines()[4:13], "#### Deep"]
    assert added == ["published: false   # not yet", "tags: [nodejs, python, web, api]", "## Deep"]
    post.write_text(TIDY, encoding="utf-8")
    clean = run_cli(tmp_path, "check", "--diff")
    assert (clean.exit_code, clean.stdout) == (0, "")


def test_line_endings_and_the_byte_order_mark_are_kept(tmp_path: Path) -> None:
    post = _post(tmp_path, b"\xef\xbb\xbf" + UNTIDY.replace("\n", "\r\n").encode())
    assert run_cli(tmp_path, "check", "--fix").exit_code == 0
    assert post.read_bytes() == b"\xef\xbb\xbf" + TIDY.replace("\n", "\r\n").encode()


def test_mixed_line_endings_links_and_pipes_are_not_rewritten(tmp_path: Path) -> None:
    mixed = UNTIDY.replace("Intro.\n", "Intro.\r\n").encode()
    post = _post(tmp_path, mixed)
    elsewhere = tmp_path / "elsewhere.md"
    elsewhere.write_text(UNTIDY, encoding="utf-8")
    (tmp_path / "docs/posts/linked.md").symlink_to(elsewhere)
    os.mkfifo(tmp_path / "docs/posts/pipe.md")  # reading it would wait forever
    named = ("docs/posts/p.md", "docs/posts/linked.md", "docs/posts/pipe.md")
    done = run_cli(tmp_path, "check", "--fix", *named)
    assert post.read_bytes() == mixed
    assert elsewhere.read_text(encoding="utf-8") == UNTIDY
    assert [line for line in done.stderr.splitlines() if "not fixed" in line] == [
        "docs/posts/p.md: not fixed: mixed line endings: not rewritten",
        "docs/posts/linked.md: not fixed: a link: not rewritten",
        "docs/posts/pipe.md: not fixed: not a regular file: not rewritten",
    ]


def test_a_fix_that_would_add_a_finding_is_not_made(tmp_path: Path) -> None:
    # Re-levelled, the two "Cause" headings would become siblings: PP304, a new finding.
    body = "## Outage\n\n#### Cause\n\nA.\n\n### Cause\n\nB.\n"
    post = _post(tmp_path, GOOD_FRONT_MATTER + body)
    done = run_cli(tmp_path, "check", "--fix")
    assert post.read_text(encoding="utf-8") == GOOD_FRONT_MATTER + body
    assert "fixed" not in done.stderr
    assert done.stdout.startswith("docs/posts/p.md:12:1: PP302 ")


def test_a_published_key_beside_draft_is_left_to_the_writer(tmp_path: Path) -> None:
    text = GOOD_FRONT_MATTER.replace("published: true\n", "published: true\ndraft: true\n")
    post = _post(tmp_path, text + "Words.\n")
    run_cli(tmp_path, "check", "--fix")
    assert post.read_text(encoding="utf-8") == text + "Words.\n"


def _codes(config: Path) -> dict[str, Counter[str]]:
    found: dict[str, Counter[str]] = {}
    for finding in check_site(load_site_config(config)).findings:
        found.setdefault(finding.path, Counter())[finding.code] += 1
    return found


def _untouchable(text: str) -> tuple[list[str], list[str]]:
    """The post's code lines and Liquid tags, which no fix may change."""
    body = text.split("\n---\n", 1)[-1]
    outline = sections.parse(body)
    code = [
        line for line, k in zip(body.split("\n"), outline.kinds, strict=True) if k is LineKind.CODE
    ]
    return code, re.findall(r"\{%.*?%\}", body)


@pytest.mark.parametrize("drafts", ["advice", "error"])
def test_the_hostile_corpus_comes_out_no_worse_and_a_second_run_changes_nothing(
    tmp_path: Path, drafts: str
) -> None:
    posts: dict[str, str | bytes] = {name: text for name, (text, _) in HOSTILE.items()}
    for source in (REPO / "tests/fixtures/sites/hostile/docs/posts").iterdir():
        posts[f"fixture-{source.name}"] = source.read_bytes()
    posts["seed.md"] = (REPO / "tests/fixtures/seed/backend-developer-application.md").read_bytes()
    posts["untidy.md"] = UNTIDY
    posts.update(_tricky())
    config = write_site(tmp_path, posts, authors=AUTHORS + "eve:\n  name: Eve\n  username: eve\n")
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "  proofpress:\n", f"  proofpress:\n    drafts: {drafts}\n"
        ),
        encoding="utf-8",
    )
    folder = tmp_path / "docs/posts"
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    found = _codes(config)
    run_cli(tmp_path, "check", "--fix")
    after = {p.name: p.read_bytes() for p in folder.iterdir()}
    changed = [name for name in before if before[name] != after[name]]
    assert sorted(changed) == sorted([*TRICKY, "untidy.md"])
    for path, codes in _codes(config).items():
        assert not codes - found.get(path, Counter()), path  # no finding the post did not have
    for name in changed:
        old, new = (data.decode("utf-8", "replace") for data in (before[name], after[name]))
        assert _untouchable(new) == _untouchable(old), name
    snapshot = {p.name: p.read_bytes() for p in folder.iterdir()}
    again = run_cli(tmp_path, "check", "--fix")
    assert "fixed:" not in again.stderr
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == snapshot
    shutil.rmtree(tmp_path / "site", ignore_errors=True)
