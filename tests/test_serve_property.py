"""The preview's dirty rebuilds, proven against clean builds on random edits.

Hypothesis draws sequences of edits (bodies, titles, descriptions, dates that reorder the
listings, tags, series, authors, ``published`` both ways, scheduled dates, renames, deletions,
new posts, the authors file, ``mkdocs.yml``, an ordinary page, a finding appearing and going
away) and applies each to a real ``mkdocs serve`` as one atomic file-system change. After each,
the whole folder the server serves must be byte for byte what a clean build of the same files
writes. A post links to another with DEV's ``{% link %}`` tag, and most posts have no
description, so their cards show their first paragraph: the two ways one post's edit reaches
other pages' content.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import GOOD_FRONT_MATTER, write_site
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from test_serve import AUTHORS, Serve, clean_preview, clock, differences, replace, tree

pytestmark = pytest.mark.usefixtures("clock")
__all__ = ["clock"]  # the build clock fixture, shared with test_serve

TAGS = ("python", "web", "rust", "databases", "career")


def post(title: str, day: int, *, author: str = "larissa", body: str = "") -> str:
    text = (
        GOOD_FRONT_MATTER.replace("title: A good post", f"title: {title}")
        .replace("description: A post that passes every rule.\n", "")
        .replace("date: 2026-11-02", f"date: 2026-10-{day:02d}")
        .replace("author: larissa", f"author: {author}")
    )
    return text + (body or f"First words of {title}.\n\n## Details\n\nMore about {title}.\n")


def start_site(root: Path) -> Path:
    posts = {
        f"p{n}.md": post(f"Post {n}", n + 1, author=("larissa", "omar")[n % 2]) for n in range(6)
    }
    posts["p5.md"] = post("Post 5", 6, body="See {% link larissacaldwell/p0 %} first.\n")
    config = write_site(
        root, posts, authors=AUTHORS, files={"about.md": "# About\n\nThe blog's page.\n"}
    )
    return config


class Site:
    """The files of a served site, edited one atomic change at a time."""

    def __init__(self, config: Path) -> None:
        self.config = config
        self.docs = config.parent / "docs"
        self.posts = self.docs / "posts"
        self.made = 6

    def names(self) -> list[str]:
        return sorted(p.name for p in self.posts.glob("*.md"))

    def pick(self, number: int) -> Path:
        names = self.names()
        return self.posts / names[number % len(names)]

    def rewrite(self, file: Path, change: Callable[[str], str]) -> None:
        replace(file, change(file.read_text(encoding="utf-8")))


def _front(key: str, value: str) -> Callable[[str], str]:
    """Set (or add) a front-matter key."""

    def change(text: str) -> str:
        head, sep, body = text.partition("\n---\n")
        lines = [line for line in head.split("\n") if not line.startswith(f"{key}:")]
        return "\n".join([*lines, f"{key}: {value}"]) + sep + body

    return change


def _without(key: str) -> Callable[[str], str]:
    def change(text: str) -> str:
        head, sep, body = text.partition("\n---\n")
        lines = [line for line in head.split("\n") if not line.startswith(f"{key}:")]
        return "\n".join(lines) + sep + body

    return change


def edit(site: Site, kind: str, number: int) -> bool:
    """Make one edit; False when it cannot apply to the site as it is (nothing changes)."""
    file = site.pick(number)
    if kind == "body":
        site.rewrite(file, lambda t: t.replace("\n---\n\n", f"\n---\n\nEdit {number} first. ", 1))
    elif kind == "body-later":
        site.rewrite(file, lambda t: t + f"\nA later paragraph {number}.\n")
    elif kind == "title":
        site.rewrite(file, _front("title", f"Title {number}"))
    elif kind == "description":
        site.rewrite(file, _front("description", f"Described {number}."))
    elif kind == "date":
        site.rewrite(file, _front("date", f"2026-09-{number % 28 + 1:02d}"))
    elif kind == "tags":
        site.rewrite(file, _front("tags", f"[{TAGS[number % 5]}, {TAGS[(number + 2) % 5]}]"))
    elif kind == "series":
        site.rewrite(file, _front("series", "Queues") if number % 2 else _without("series"))
    elif kind == "author":
        site.rewrite(file, _front("author", ("larissa", "omar")[number % 2]))
    elif kind == "published":
        site.rewrite(file, _front("published", ("true", "false")[number % 2]))
    elif kind == "scheduled":
        site.rewrite(file, _front("date", "2027-06-01"))  # after the build clock: scheduled
    elif kind == "rename":
        site.made += 1
        file.rename(site.posts / f"p{site.made}.md")
    elif kind == "delete":
        if len(site.names()) <= 2:
            return False
        file.unlink()
    elif kind == "new":
        site.made += 1
        replace(site.posts / f"p{site.made}.md", post(f"Post {site.made}", number % 28 + 1))
    elif kind == "authors":
        bio = f"  bio: Writes about {number} things.\n"
        site.rewrite(
            site.docs / ".authors.yml", lambda t: re.sub(r"  bio: Writes about .*\n", bio, t)
        )
    elif kind == "config":
        site.rewrite(
            site.config, lambda t: re.sub(r"per_page: \d+", f"per_page: {number % 3 + 2}", t)
        )
    elif kind == "page":
        replace(site.docs / "about.md", f"# About\n\nThe blog's page, edition {number}.\n")
    elif kind == "finding":
        site.rewrite(file, _front("colour", "red"))
    elif kind == "fixed":
        site.rewrite(file, _without("colour"))
    return True


KINDS = (
    "body", "body-later", "title", "description", "date", "tags", "series", "author",
    "published", "scheduled", "rename", "delete", "new", "authors", "config", "page",
    "finding", "fixed",
)  # fmt: skip


# Every kind, every run; the title edit is p0's, which p5's {% link %} card shows.
@example([(kind, 0 if kind == "title" else 7 * n + 1) for n, kind in enumerate(KINDS)])
@settings(
    max_examples=1,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.lists(st.tuples(st.sampled_from(KINDS), st.integers(0, 1000)), min_size=10, max_size=10))
def test_served_folder_equals_a_clean_build_after_random_edits(
    tmp_path_factory: pytest.TempPathFactory, edits: list[tuple[str, int]]
) -> None:
    root = tmp_path_factory.mktemp("site")
    config = start_site(root)
    config.write_text(
        config.read_text(encoding="utf-8").replace("per_page: 20", "per_page: 3"), encoding="utf-8"
    )
    site = Site(config)
    server = Serve(config, root / "serve-tmp")
    try:
        server.wait_started()
        for step, (kind, number) in enumerate(edits):
            if not site.names():
                break
            done = False

            def change(kind: str = kind, number: int = number) -> None:
                nonlocal done
                done = edit(site, kind, number)

            if kind == "delete" and len(site.names()) <= 2:
                continue
            server.after(change)
            assert done
            clean = clean_preview(config, root / f"clean-{step}", server.url)
            differ = differences(tree(server.site_dir()), clean)
            assert differ == [], (edits[: step + 1], differ)
    finally:
        server.stop()
