"""Validated values: what the rest of Proofpress (checks, site, feeds) reads about a post.

Only the engine builds these, after the front matter has passed the schema, so every field
has its declared type here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime


@dataclass(frozen=True, slots=True)
class Author:
    key: str  # what a post's ``author:`` names
    name: str  # display name
    username: str  # DEV-style username; the author's pages live at /<username>/
    bio: str = ""
    avatar: str = ""  # docs-relative path or https URL
    joined: date | None = None
    location: str = ""
    work: str = ""
    website: str = ""
    pen_names: tuple[str, ...] = ()

    @property
    def signatures(self) -> tuple[str, ...]:
        """Names this author may sign a letter with."""
        return (self.name, *self.pen_names)


@dataclass(frozen=True, slots=True)
class Post:
    src_uri: str  # relative to docs_dir, "posts/x.md"
    path: str  # relative to the site root, for messages: "docs/posts/x.md"
    title: str
    date: datetime  # timezone-aware (UTC when the file gives none)
    author: str  # key into the authors registry
    slug: str
    body: str  # Markdown without front matter, newlines normalised to "\n"
    body_line: int  # file line number of the body's first line
    description: str = ""
    updated: datetime | None = None
    tags: tuple[str, ...] = ()
    cover_image: str | None = None
    canonical_url: str | None = None
    series: str | None = None
    published: bool = True
    kind: str = "article"
    comments: bool = True
    word_limits: dict[str, int] = field(default_factory=dict)  # section title -> max words
    max_words: int | None = None  # whole-post limit; overrides the kind's
    # File line and column of each front-matter key, so body rules can point at the key they
    # read; nested word_limits keys appear as "word_limits.<section title>".
    positions: dict[str, tuple[int, int]] = field(default_factory=dict)

    def is_draft(self) -> bool:
        return not self.published

    def is_scheduled(self, now: datetime | None = None) -> bool:
        return self.date > (now or datetime.now(UTC))

    def is_live(self, now: datetime | None = None) -> bool:
        """Published and not scheduled for later: the only posts ``mkdocs build`` may emit."""
        return self.published and not self.is_scheduled(now)
