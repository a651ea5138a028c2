"""Validated values: what the rest of Proofpress (checks, site, feeds) reads about a post.

Only the engine builds these, after the front matter has passed the schema, so every field
has its declared type here. A post's front-matter keys are declared once, as :class:`Post`'s
fields; :data:`POST_SCHEMA` and the README's front-matter table are read from them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from proofpress.core.diagnostics import Diagnostic
from proofpress.reading.reader import Document
from proofpress.records.schema import (
    BAD_DATE,
    MAX_TAG_LENGTH,
    MAX_TAGS,
    MAX_TITLE,
    Checked,
    Place,
    Schema,
    key_field,
    keys_of,
    missing_key,
    parse_bool,
    parse_datetime,
    parse_image,
    parse_kind,
    parse_optional_text,
    parse_positive_int,
    parse_slug,
    parse_tags,
    parse_text,
    parse_title,
    parse_url,
    parse_word_limits,
    slug_from_file,
    unknown_key,
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Post:
    """A post whose front matter passed :data:`POST_SCHEMA`. Each front-matter key is declared
    once, here, with :func:`~proofpress.records.schema.key_field`: its type, default, parser and
    docs."""

    src_uri: str  # relative to docs_dir, "posts/x.md"
    path: str  # relative to the site root, for messages: "docs/posts/x.md"
    body: str  # Markdown without front matter, newlines normalised to "\n"
    body_line: int  # file line number of the body's first line
    title: str = key_field(
        "text",
        f"The post's title, shown as its one `<h1>`; at most {MAX_TITLE} characters.",
        parse_title,
        required=True,
        dev=True,
        default="",
    )
    description: str = key_field(
        "text",
        "One or two sentences for feeds, search and social previews.",
        parse_text,
        dev=True,
        default="",
    )
    date: datetime = key_field(  # timezone-aware (UTC when the file gives none)
        "a date or date-time",
        "When the post is published; a future date schedules it (previewed, not built). "
        "Without a time zone, UTC.",
        parse_datetime,
        required=True,
        dev=True,
        default=datetime(1970, 1, 1, tzinfo=UTC),
    )
    updated: datetime | None = key_field(
        "a date or date-time",
        'When the post was last edited; shown as "Updated on" when a day or more after `date`.',
        parse_datetime,
    )
    author: str = key_field(  # a key of the authors registry
        "text", "A key of `docs/.authors.yml`.", parse_text, required=True, default=""
    )
    tags: tuple[str, ...] = key_field(
        "list or comma-separated text",
        f"At most {MAX_TAGS} tags, each lowercase letters and digits, at most {MAX_TAG_LENGTH} "
        "characters.",
        parse_tags,
        dev=True,
        default=(),
        shown_default="none",
    )
    published: bool = key_field(
        "true or false",
        "`false` keeps the post a draft: previewed by `mkdocs serve`, not built. As on DEV, "
        "the default.",
        parse_bool,
        dev=True,
        default=False,
        shown_default="false",
    )
    cover_image: str | None = key_field(
        "image path or https URL",
        "A file under `docs/` (relative to the post, or to `docs/` with a leading `/`) or "
        "an https address; best at 1000 by 420 pixels.",
        parse_image,
        dev=True,
    )
    cover_alt: str | None = key_field(
        "text",
        'The cover\'s alt text; default "Cover image for <title>", as on DEV.',
        parse_optional_text,
    )
    canonical_url: str | None = key_field(
        "http(s) URL",
        'Where the post first appeared; the page then says "Originally published at <host>".',
        parse_url,
        dev=True,
    )
    series: str | None = key_field(
        "text",
        "Posts with the same series name are linked as one series.",
        parse_optional_text,
        dev=True,
    )
    kind: str = key_field(
        "text",
        "The structure the post follows (see Kinds).",
        parse_kind,
        default="article",
        shown_default="article",
    )
    comments: bool = key_field(
        "true or false",
        "`false` hides the comment section.",
        parse_bool,
        default=True,
        shown_default="true",
    )
    slug: str = key_field(
        "lowercase-words-with-hyphens",
        "The last part of the post's URL.",
        parse_slug,
        default=slug_from_file,
        shown_default="the file name",
    )
    word_limits: dict[str, int] = key_field(  # section title -> max words
        "mapping of section title to a number",
        "Overrides the kind's per-section word limits.",
        parse_word_limits,
        default={},
    )
    max_words: int | None = key_field(  # whole-post limit; overrides the kind's
        "a whole number",
        "Overrides the kind's whole-post word limit.",
        parse_positive_int,
    )
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


POST_SCHEMA = Schema(
    fields=keys_of(Post),
    unknown=unknown_key,
    missing=missing_key,
    empty_is_unset=True,
)


@dataclass(frozen=True, slots=True)
class Validated:
    """The post as far as its front matter allows, and what is wrong with the front matter.

    With problems, ``post`` is provisional (defaults stand in for the broken values): good
    enough for the body checks, so that every problem is reported at once, never published.
    """

    post: Post
    problems: list[Diagnostic] = field(default_factory=list)


def validate(doc: Document, place: Place) -> Validated:
    """Check every front-matter entry and build the post from what is valid."""
    checked = POST_SCHEMA.check(doc.entries, place, doc.path)
    problems = checked.problems + _updated_problems(doc.path, checked)
    post = Post(
        src_uri=place.src_uri,
        path=doc.path,
        body=doc.body,
        body_line=doc.body_line,
        positions=checked.positions,
        **checked.values,
    )
    return Validated(post, problems)


def _updated_problems(path: str, checked: Checked) -> list[Diagnostic]:
    parsed = checked.parsed
    if "updated" not in parsed or "date" not in parsed:
        return []
    updated, published = parsed["updated"], parsed["date"]
    if updated >= published:
        return []
    # Instants compared; both shown in full when the day alone would not show the difference.
    if updated.date() == published.date() or updated.utcoffset() != published.utcoffset():
        shown = f"{updated.isoformat(' ')} is before the post's date {published.isoformat(' ')}"
    else:
        shown = f"{updated.date()} is before the post's date {published.date()}"
    line, column = checked.positions["updated"]
    return [
        BAD_DATE.at(
            path,
            line,
            column,
            f"updated: {shown}",
            "set updated to the time of the last edit, on or after date",
        )
    ]
