"""``proofpress check`` as a writer runs it, in a fixture site.

Cases run in-process through click's ``CliRunner``; one smoke test starts a real process on a
real terminal.
"""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from click.testing import Result
from conftest import GOOD_FRONT_MATTER, LINEAR, growth, run_cli, write_site

from proofpress.check.engine import check_post, load_context
from proofpress.hooks.config import load_site_config

BODY = "A short body.\n"
BAD = GOOD_FRONT_MATTER.replace("title: A good post", "title: 123") + BODY


def run(site: Path, *args: str) -> Result:
    """``proofpress check args`` in-process, from the site's folder."""
    return run_cli(site, "check", *args)


def test_clean_site_exits_zero(tmp_path: Path) -> None:
    write_site(tmp_path, {"good.md": GOOD_FRONT_MATTER + BODY})
    done = run(tmp_path)
    assert (done.exit_code, done.stdout, done.stderr) == (0, "", "1 post checked: no problems.\n")


def test_text_format_lists_findings_with_hints(tmp_path: Path) -> None:
    write_site(tmp_path, {"bad.md": BAD, "good.md": GOOD_FRONT_MATTER + BODY})
    done = run(tmp_path)
    assert done.exit_code == 1
    assert done.stdout == (
        "docs/posts/bad.md:2:8: PP104 title: expected text, found the number 123\n"
        "    hint: quote the value to keep it as text\n"
    )
    assert done.stderr == "2 posts checked: 1 problem in 1 file(s).\n"


def test_json_format(tmp_path: Path) -> None:
    write_site(tmp_path, {"bad.md": BAD})
    done = run(tmp_path, "--format", "json")
    assert done.exit_code == 1
    assert json.loads(done.stdout) == [
        {
            "path": "docs/posts/bad.md",
            "line": 2,
            "column": 8,
            "code": "PP104",
            "message": "title: expected text, found the number 123",
            "hint": "quote the value to keep it as text",
            "severity": "error",
        }
    ]


def test_github_format(tmp_path: Path) -> None:
    write_site(tmp_path, {"bad.md": BAD})
    done = run(tmp_path, "--format", "github")
    assert done.exit_code == 1
    assert done.stdout == (
        "::error file=docs/posts/bad.md,line=2,col=8,title=PP104::title: expected text, "
        "found the number 123 Hint: quote the value to keep it as text\n"
    )


def test_only_the_given_paths_are_checked(tmp_path: Path) -> None:
    write_site(tmp_path, {"bad.md": BAD, "good.md": GOOD_FRONT_MATTER + BODY})
    done = run(tmp_path, "docs/posts/good.md")
    assert (done.exit_code, done.stdout) == (0, "")


def test_usage_errors_exit_two(tmp_path: Path) -> None:
    write_site(tmp_path, {"good.md": GOOD_FRONT_MATTER + BODY})
    assert run(tmp_path, "-f", "missing.yml").exit_code == 2
    assert run(tmp_path, "docs/posts/nope.md").exit_code == 2
    assert run(tmp_path, "--format", "xml").exit_code == 2


FM = "---\ntitle: A post\ndate: 2026-11-02\nauthor: larissa\npublished: true\n"
HOSTILE: dict[str, tuple[str | bytes, tuple[int, int, str]]] = {
    "broken-colon.md": ("---\ntitle: Failure: a story\n---\n\nx\n", (2, 15, "PP004")),
    "broken-quote.md": ('---\ntitle: "open\ndate: 2026-11-02\n---\n\nx\n', (4, 1, "PP004")),
    "broken-indent.md": ("---\ntitle: a\n  date: b\n---\n\nx\n", (3, 7, "PP004")),
    "broken-flow.md": ("---\ntags: [a, b\n---\n\nx\n", (3, 1, "PP004")),
    "list.md": ("---\n- a\n- b\n---\n\nx\n", (2, 1, "PP008")),
    "scalar.md": ("---\njust text\n---\n\nx\n", (2, 1, "PP008")),
    "empty.md": ("", (1, 1, "PP003")),
    "only-front-matter.md": (FM + "---\n", (6, 1, "PP010")),
    "latin1.md": (FM.encode() + "title: caf\xe9\n---\n".encode("latin-1"), (6, 11, "PP001")),
    "alias-bomb.md": (
        FM + 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
        "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n---\n\nx\n",
        (6, 4, "PP005"),
    ),
    "deep.md": (FM + "x: " + "[" * 10000 + "]" * 10000 + "\n---\n\nx\n", (6, 11, "PP007")),
    "huge.md": (FM + "---\n\n" + "word " * 300_000, (1, 1, "PP002")),
    "huge-front-matter.md": (FM + "description: " + "x" * 70_000 + "\n---\n\nx\n", (2, 1, "PP002")),
    "yes.md": (FM.replace("published: true", "published: yes") + "---\n\nx\n", (5, 12, "PP009")),
    "on.md": (FM + "comments: on\n---\n\nx\n", (6, 11, "PP009")),
    # 50,000 link openings in one paragraph: PP811 at its first line, then PP803 at the 11th [
    "brackets.md": (FM + "---\n\n" + "[" * 50_000 + "]" * 50_000 + "\n", (8, 1, "PP811")),
    "wrong-title.md": (
        "---\ntitle: [1]\ndate: 2026-11-02\nauthor: larissa\n---\n\nx\n",
        (2, 8, "PP104"),
    ),
    "wrong-date.md": ("---\ntitle: a\ndate: [1]\nauthor: larissa\n---\n\nx\n", (3, 7, "PP104")),
    "wrong-author.md": ("---\ntitle: a\ndate: 2026-11-02\nauthor: 7\n---\n\nx\n", (4, 9, "PP104")),
    "wrong-description.md": (FM + "description: [a]\n---\n\nx\n", (6, 14, "PP104")),
    "wrong-updated.md": (FM + "updated: true\n---\n\nx\n", (6, 10, "PP104")),
    "wrong-tags.md": (FM + "tags: 5\n---\n\nx\n", (6, 7, "PP104")),
    "wrong-published.md": (
        FM.replace("published: true", "published: 1") + "---\n\nx\n",
        (5, 12, "PP104"),
    ),
    "wrong-cover.md": (FM + "cover_image: [a]\n---\n\nx\n", (6, 14, "PP104")),
    "wrong-canonical.md": (FM + "canonical_url: 5\n---\n\nx\n", (6, 16, "PP104")),
    "wrong-series.md": (FM + "series: {a: 1}\n---\n\nx\n", (6, 9, "PP104")),
    "wrong-kind.md": (FM + "kind: 3\n---\n\nx\n", (6, 7, "PP104")),
    "wrong-comments.md": (FM + "comments: 'no'\n---\n\nx\n", (6, 11, "PP104")),
    "wrong-slug.md": (FM + "slug: 12\n---\n\nx\n", (6, 7, "PP104")),
    "wrong-word-limits.md": (FM + "word_limits: {Intro: many}\n---\n\nx\n", (6, 14, "PP104")),
    "wrong-max-words.md": (FM + "max_words: 1.5\n---\n\nx\n", (6, 12, "PP104")),
}


def test_hostile_corpus_gives_located_errors_and_no_traceback(tmp_path: Path) -> None:
    write_site(tmp_path, {name: content for name, (content, _) in HOSTILE.items()})
    done = run(tmp_path, "--format", "json")
    assert done.exit_code == 1
    assert "Traceback" not in done.stdout + done.stderr
    found = {}
    for item in json.loads(done.stdout):
        found.setdefault(Path(item["path"]).name, (item["line"], item["column"], item["code"]))
    expected = {name: where for name, (_, where) in HOSTILE.items() if where[2]}
    assert found == expected


# Hostile shapes by size, each checked at n and 4n characters: a check must cost time in
# proportion to the input's length, never its square. Front matter stays under its 64 KiB limit
# and bodies under the 1 MiB post limit, so every size reaches the rules.
HOSTILE_SHAPES: dict[str, tuple[int, Callable[[int], str]]] = {
    "nested flow collections": (6_000, lambda n: FM + "x: " + "[" * (n // 2) + "]" * (n // 2)),
    "aliases": (6_000, lambda n: FM + "a: &a [1]\nb: [" + "*a, " * (n // 4) + "]"),
    "a long title": (6_000, lambda n: FM.replace("A post", "word " * (n // 5))),
    "unknown keys": (3_000, lambda n: FM + "".join(f"key{i}: v\n" for i in range(n // 10))),
    "nested brackets in the body": (100_000, lambda n: FM + "---\n\n" + "[]" * (n // 2)),
    "duplicate sections": (50_000, lambda n: FM + "---\n\n" + "## Part\n\nWords.\n" * (n // 20)),
    "a long paragraph": (100_000, lambda n: FM + "---\n\n" + "Some *words*, `code`. " * (n // 22)),
    "unclosed images on one line": (50_000, lambda n: FM + "---\n\n[a]: x\n\n" + "![" * (n // 2)),
    "images without alt text": (
        50_000,
        lambda n: FM + "---\n\n" + '![](x.png) <img src="y.png">\n\n' * (n // 30),
    ),
}


def _closed(text: str) -> str:
    """``text`` as a whole post: its front matter closed when the shape left it open."""
    return text if "\n---\n" in text[4:] else text + "\n---\n\nx\n"


def test_check_time_grows_linearly_with_hostile_input(tmp_path: Path) -> None:
    # the engine's per-file check, which `proofpress check` runs on each file after a constant
    # start-up (measured ratios 1.0-4.1)
    site = load_site_config(write_site(tmp_path, {}))
    context, _ = load_context(site)
    post = tmp_path / "docs" / "posts" / "hostile.md"

    def check(text: str) -> None:
        post.write_text(text, encoding="utf-8")
        check_post(post, site, context)

    ratios = {
        name: growth(check, lambda size, make=make: _closed(make(size)), n)  # type: ignore[misc]
        for name, (n, make) in HOSTILE_SHAPES.items()
    }
    assert {name: r for name, r in ratios.items() if r >= LINEAR} == {}, ratios


def test_progress_bar_only_on_a_terminal(tmp_path: Path) -> None:
    write_site(tmp_path, {f"p{i:03}.md": GOOD_FRONT_MATTER + BODY for i in range(60)})
    assert "Checking posts" not in run(tmp_path).stderr  # CliRunner's stderr is no terminal


def test_smoke_a_real_process_on_a_terminal_shows_progress(tmp_path: Path) -> None:
    """The one real process: ``python -m proofpress check`` with stderr on a pseudo-terminal."""
    write_site(tmp_path, {f"p{i:03}.md": GOOD_FRONT_MATTER + BODY for i in range(60)})
    controller, terminal = pty.openpty()
    done = subprocess.run(
        [sys.executable, "-m", "proofpress", "check"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=terminal,
        timeout=60,
        check=False,
    )
    os.close(terminal)
    shown = b""
    while True:
        try:
            chunk = os.read(controller, 65536)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
    os.close(controller)
    assert (done.returncode, done.stdout) == (0, b"")
    assert b"Checking posts" in shown
    assert b"60 posts checked: no problems." in shown
