"""A draft never stops a build: it ships nothing, so its findings are advice (issue 23, item 1).

Real MkDocs builds and the real command line: an unfinished draft with an empty section and a
missing cover leaves the blog buildable, `--strict` too; `proofpress check` shows its findings
as advice; `--drafts=error` and the `drafts: error` setting restore the old behaviour. A file
whose front matter cannot be read, a draft of an unknown author and a scheduled post (which the
hourly build publishes unwatched) still stop the build.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import GOOD_FRONT_MATTER, build_site, run_module, write_site
from mkdocs.exceptions import Abort

from proofpress.check.engine import DRAFT_NOTE

UNFINISHED = """\
---
title: Half written
date: 2026-10-01
author: larissa
published: false
cover_image: missing-cover.png
---

The idea, roughly.

## Second thoughts

## Plan

Ship it.
"""
SECRET = b"\x89PNG\r\n\x1a\n draft-only picture"


def _blog(tmp_path: Path, draft: str = UNFINISHED) -> Path:
    body = "The first paragraph.\n\n![only the draft](../assets/draft-only.png)\n"
    return write_site(
        tmp_path,
        {"live.md": GOOD_FRONT_MATTER + "Published words.\n", "draft.md": draft.replace(
            "The idea, roughly.", body
        )},
        files={"assets/draft-only.png": SECRET},
    )  # fmt: skip


def test_a_draft_s_findings_are_advice_and_the_strict_build_goes_on(tmp_path: Path) -> None:
    config = _blog(tmp_path)
    checked = run_module(tmp_path, "proofpress", "check")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout == ""
    advice = [line for line in checked.stderr.splitlines() if line.startswith("docs/")]
    assert advice == [
        "docs/posts/draft.md:6:14: PP110 advice: cover_image: the image 'missing-cover.png' does "
        "not exist "
        f"(looked for docs/posts/missing-cover.png){DRAFT_NOTE}",
        "docs/posts/draft.md:14:4: PP303 advice: section 'Second thoughts' is empty; expected "
        "text before line 16" + DRAFT_NOTE,
    ]
    site_dir = tmp_path / "site"
    build_site(config, site_dir)  # strict, as CI builds
    assert (site_dir / "larissacaldwell/live/index.html").is_file()
    built = [p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*") if p.is_file()]
    assert not [name for name in built if "draft" in name]
    assert all(b"Half written" not in (site_dir / name).read_bytes() for name in built)


def test_drafts_error_restores_the_stop(tmp_path: Path) -> None:
    config = _blog(tmp_path)
    checked = run_module(tmp_path, "proofpress", "check", "--drafts=error")
    assert checked.returncode == 1
    assert [line.split(": ")[1].split()[0] for line in checked.stdout.splitlines()[::2]] == [
        "PP110",
        "PP303",
    ]
    assert DRAFT_NOTE not in checked.stdout
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("proofpress:\n", "proofpress:\n    drafts: error\n", 1))
    with pytest.raises(Abort):
        build_site(config, tmp_path / "site")


@pytest.mark.parametrize(
    ("change", "code"),
    [
        (("published: false", "published: false\ntags: [unclosed"), "PP004"),  # unreadable
        (("published: false", "published: nope"), "PP104"),  # not known to be a draft
        (("author: larissa", "author: nobody"), "PP202"),  # a draft nobody wrote
        (("published: false\n", "published: true\n"), "PP303"),  # published
        (("date: 2026-10-01\nauthor: larissa\npublished: false", "date: 2027-06-01\n"
          "author: larissa\npublished: true"), "PP303"),  # scheduled: goes live unwatched
    ],
)  # fmt: skip
def test_what_is_not_surely_a_draft_still_stops_the_build(
    tmp_path: Path, change: tuple[str, str], code: str
) -> None:
    config = _blog(tmp_path, UNFINISHED.replace(*change))
    checked = run_module(tmp_path, "proofpress", "check")
    assert checked.returncode == 1, checked.stdout + checked.stderr
    assert f" {code} " in checked.stdout
    with pytest.raises(Abort):
        build_site(config, tmp_path / "site")


def test_a_draft_at_a_live_post_s_address_is_advice_until_published(tmp_path: Path) -> None:
    clash = UNFINISHED.replace("published: false\n", "published: false\nslug: live\n").replace(
        "cover_image: missing-cover.png\n", ""
    )
    config = _blog(tmp_path, clash)
    checked = run_module(tmp_path, "proofpress", "check")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert (
        "docs/posts/live.md:1:1: PP111 advice: slug 'live' is already used by "
        "docs/posts/draft.md; both would be published at /larissacaldwell/live/" + DRAFT_NOTE
    ) in checked.stderr.splitlines()
    build_site(config, tmp_path / "site")
    published = run_module(tmp_path, "proofpress", "check", "--drafts=error")
    assert published.returncode == 1
    assert " PP111 slug 'live' is already used by" in published.stdout
