"""The closed, typed front-matter schema: declared once, used to validate and to document.

Each :class:`Field` names its key, whether it is required, what DEV makes of it, a docstring,
and a parser that turns the YAML value into the typed value :class:`~proofpress.model.Post`
holds or raises :class:`FieldError` with the rule that was broken. The README's front-matter
table is generated from :data:`FIELDS` (``scripts/gen_docs.py``).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import urlsplit

from proofpress.diagnostics import Diagnostic
from proofpress.model import Post
from proofpress.reader import Document
from proofpress.rules import (
    Rule,
    pp101_unknown_key,
    pp102_draft_key,
    pp103_missing_key,
    pp104_wrong_type,
    pp105_title,
    pp106_tag_count,
    pp107_tag_format,
    pp108_url,
    pp109_date,
    pp110_cover_image,
    pp111_slug,
)

MAX_TITLE = 128
MAX_TAGS = 4
MAX_TAG_LENGTH = 30
TAG_RE = re.compile(r"^[a-z0-9]+$")
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_DRAFT_WORDS = ("draft", "drafts", "is_draft", "isdraft", "unpublished", "hidden")


class FieldError(Exception):
    def __init__(self, rule: Rule, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.rule = rule
        self.message = message
        self.hint = hint


@dataclass(frozen=True, slots=True)
class PostPlace:
    """Where the post lives, for checks that resolve paths."""

    src_uri: str  # "posts/x.md", relative to docs_dir
    existing: Callable[[str], bool]  # does this docs-relative path exist?


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    expected: str  # how the README and messages describe the type
    doc: str
    parse: Callable[[Any, PostPlace], Any]
    required: bool = False
    dev: bool = False  # read by DEV's own editor
    default: str = ""  # how the README describes the default


# ---------------------------------------------------------------------------- value parsers


def describe(value: Any) -> str:
    """A value as a writer would recognise it in a message."""
    if value is None:
        return "an empty value"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, datetime | date):
        return f"the date {value.isoformat()}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return f"'{value}'"


def _wrong(expected: str, value: Any, hint: str | None = None) -> FieldError:
    return FieldError(pp104_wrong_type.RULE, f"expected {expected}, found {describe(value)}", hint)


def parse_text(value: Any, _: PostPlace) -> str:
    if not isinstance(value, str):
        hint = None
        if isinstance(value, int | float | bool | date):
            hint = "quote the value to keep it as text"
        raise _wrong("text", value, hint)
    return value.strip()


def parse_title(value: Any, place: PostPlace) -> str:
    title = parse_text(value, place)
    if not title:
        raise FieldError(pp105_title.RULE, "the title is empty")
    if len(title) > MAX_TITLE:
        raise FieldError(
            pp105_title.RULE,
            f"the title is {len(title)} characters long; DEV allows at most {MAX_TITLE}",
            "shorten the title; the description can carry the rest",
        )
    return title


def parse_bool(value: Any, _: PostPlace) -> bool:
    if not isinstance(value, bool):
        hint = "write true or false without quotes" if isinstance(value, str) else None
        raise _wrong("true or false", value, hint)
    return value


def parse_datetime(value: Any, _: PostPlace) -> datetime:
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):
        moment = datetime.combine(value, time.min)
    elif isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value.strip())
        except ValueError:
            raise FieldError(
                pp109_date.RULE,
                f"expected a date such as 2026-11-02 or 2026-11-02 09:30, found '{value}'",
            ) from None
    else:
        raise _wrong("a date such as 2026-11-02", value)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def dev_tag(tag: str) -> str:
    """What DEV publishes a tag as: lowercased and stripped to [0-9a-z]."""
    return re.sub(r"[^0-9a-z]", "", tag.lower())[:MAX_TAG_LENGTH]


def parse_tags(value: Any, _: PostPlace) -> tuple[str, ...]:
    if isinstance(value, str):
        items: list[Any] = [part.strip() for part in value.split(",") if part.strip()]
    elif isinstance(value, list):
        items = value
    elif value is None:
        items = []
    else:
        raise _wrong("a list of tags or a comma-separated string", value)
    tags: list[str] = []
    for item in items:
        if not isinstance(item, str):
            raise _wrong("each tag to be text", item, "quote the tag")
        tag = item.strip()
        if not TAG_RE.match(tag) or len(tag) > MAX_TAG_LENGTH:
            fixed = dev_tag(tag)
            became = f"DEV would publish it as #{fixed}" if fixed else "DEV would drop it"
            raise FieldError(
                pp107_tag_format.RULE,
                f"tag '{tag}' must be lowercase letters and digits, at most "
                f"{MAX_TAG_LENGTH} characters; {became}",
                f"write {fixed}" if fixed else "remove the tag",
            )
        if tag not in tags:
            tags.append(tag)
    if len(tags) > MAX_TAGS:
        raise FieldError(
            pp106_tag_count.RULE,
            f"a post has at most {MAX_TAGS} tags; found {len(tags)}: {', '.join(tags)}",
            f"keep the {MAX_TAGS} that describe the post best",
        )
    return tuple(tags)


def parse_url(value: Any, place: PostPlace) -> str:
    url = parse_text(value, place)
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or any(c.isspace() for c in url):
        raise FieldError(
            pp108_url.RULE,
            f"expected an http(s) address without spaces, found '{url}'",
            "write the full address, e.g. https://example.com/my-post",
        )
    return url


def parse_image(value: Any, place: PostPlace) -> str:
    ref = parse_text(value, place)
    parts = urlsplit(ref)
    if parts.scheme:
        if parts.scheme != "https" or not parts.netloc:
            raise FieldError(
                pp110_cover_image.RULE,
                f"expected an https address or a file under docs/, found '{ref}'",
            )
        return ref
    target = resolve_local(ref, place.src_uri)
    if target is None or not place.existing(target):
        raise FieldError(
            pp110_cover_image.RULE,
            f"the image '{ref}' does not exist (looked for docs/{target or ref})",
            "put the image under docs/ and give its path relative to the post, "
            "or relative to docs/ with a leading /",
        )
    return target


def resolve_local(ref: str, src_uri: str) -> str | None:
    """A docs-relative path for ``ref`` as written in the post ``src_uri``; None if it escapes."""
    base = PurePosixPath() if ref.startswith("/") else PurePosixPath(src_uri).parent
    parts: list[str] = list(base.parts)
    for part in PurePosixPath(ref.lstrip("/")).parts:
        if part == "..":
            if not parts:
                return None
            parts.pop()
        elif part != ".":
            parts.append(part)
    return "/".join(parts) if parts else None


def parse_slug(value: Any, place: PostPlace) -> str:
    slug = parse_text(value, place)
    if not SLUG_RE.match(slug):
        raise FieldError(
            pp111_slug.RULE,
            f"a slug is lowercase words joined by single hyphens, found '{slug}'",
            f"write {slugify(slug) or 'my-post'}",
        )
    return slug


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def parse_positive_int(value: Any, _: PostPlace) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise _wrong("a whole number above 0", value)
    return value


def parse_word_limits(value: Any, place: PostPlace) -> dict[str, int]:
    if not isinstance(value, dict):
        raise _wrong("a mapping of section titles to word limits", value)
    limits: dict[str, int] = {}
    for section, limit in value.items():
        if not isinstance(section, str):
            raise _wrong("section titles as keys", section)
        limits[section.strip()] = parse_positive_int(limit, place)
    return limits


# ------------------------------------------------------------------------------ the schema

FIELDS: tuple[Field, ...] = (
    Field(
        "title",
        "text",
        "The post's title, shown as its one `<h1>`; at most 128 characters.",
        parse_title,
        required=True,
        dev=True,
    ),
    Field(
        "description",
        "text",
        "One or two sentences for cards, search and social previews.",
        parse_text,
        dev=True,
    ),
    Field(
        "date",
        "a date or date-time",
        "When the post is published. A future date "
        "schedules it: it is previewed but not built until then. Without a time zone, UTC.",
        parse_datetime,
        required=True,
        dev=True,
    ),
    Field(
        "updated",
        "a date or date-time",
        'When the post was last edited; shown as "Updated on" when a day or more after `date`.',
        parse_datetime,
    ),
    Field("author", "text", "A key of `docs/.authors.yml`.", parse_text, required=True),
    Field(
        "tags",
        "list or comma-separated text",
        "At most 4 tags, each lowercase letters and digits, at most 30 characters.",
        parse_tags,
        dev=True,
        default="none",
    ),
    Field(
        "published",
        "true or false",
        "`false` keeps the post a draft: previewed by "
        "`mkdocs serve`, absent from `mkdocs build`. As on DEV, a post without it is a draft.",
        parse_bool,
        dev=True,
        default="false",
    ),
    Field(
        "cover_image",
        "image path or https URL",
        "A file under `docs/` (relative to the "
        "post, or to `docs/` with a leading `/`) or an https address; best at 1000 by 420 pixels.",
        parse_image,
        dev=True,
    ),
    Field(
        "canonical_url",
        "http(s) URL",
        'Where the post first appeared; the page then says "Originally published at <host>".',
        parse_url,
        dev=True,
    ),
    Field(
        "series",
        "text",
        "Posts with the same series name are linked as one series.",
        parse_text,
        dev=True,
    ),
    Field(
        "kind", "text", "The structure the post follows (see Kinds).", parse_text, default="article"
    ),
    Field(
        "comments",
        "true or false",
        "`false` hides the comment section.",
        parse_bool,
        default="true",
    ),
    Field(
        "slug",
        "lowercase-words-with-hyphens",
        "The last part of the post's URL.",
        parse_slug,
        default="the file name",
    ),
    Field(
        "word_limits",
        "mapping of section title to a number",
        "Overrides the kind's per-section word limits.",
        parse_word_limits,
    ),
    Field(
        "max_words",
        "a whole number",
        "Overrides the kind's whole-post word limit.",
        parse_positive_int,
    ),
)
FIELD_BY_NAME = {f.name: f for f in FIELDS}


@dataclass(frozen=True, slots=True)
class Validated:
    """The post as far as its front matter allows, and what is wrong with the front matter.

    With problems, ``post`` is provisional (defaults stand in for the broken values): good
    enough for the body checks, so that every problem is reported at once, never published.
    """

    post: Post
    problems: list[Diagnostic]


_PROVISIONAL = {"title": "", "date": datetime(1970, 1, 1, tzinfo=UTC), "author": ""}


def validate(doc: Document, place: PostPlace) -> Validated:
    """Check every front-matter entry and build the post from what is valid."""
    problems: list[Diagnostic] = []
    values: dict[str, Any] = {}
    positions: dict[str, tuple[int, int]] = {}
    for entry in doc.entries:
        line, column = doc.locate(entry)
        positions[entry.key] = (line, column)
        field = FIELD_BY_NAME.get(entry.key)
        if field is None:
            problems.append(_unknown_key(doc.path, line, column, entry.key))
            continue
        if not field.required and _is_empty(entry.value):
            continue  # as on DEV, an empty optional key (`series:`) means "not set"
        for child in (entry.children() or []) if entry.key == "word_limits" else []:
            positions[f"word_limits.{child.key}"] = doc.locate(child)
        try:
            values[entry.key] = field.parse(entry.value, place)
        except FieldError as err:
            vline, vcolumn = doc.locate_value(entry)
            problems.append(
                err.rule.at(doc.path, vline, vcolumn, f"{entry.key}: {err.message}", err.hint)
            )
    for field in FIELDS:
        if field.required and field.name not in positions:
            problems.append(
                pp103_missing_key.RULE.at(
                    doc.path,
                    1,
                    1,
                    f"the required key '{field.name}' is missing (expected {field.expected})",
                    f"add '{field.name}:' to the front matter: {field.doc}",
                )
            )
    _check_updated(doc, values, positions, problems)
    post = _build_post(doc, place, {**_PROVISIONAL, **values}, positions)
    return Validated(post, problems)


def _is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _check_updated(
    doc: Document,
    values: dict[str, Any],
    positions: dict[str, tuple[int, int]],
    problems: list[Diagnostic],
) -> None:
    if "updated" in values and "date" in values and values["updated"] < values["date"]:
        line, column = positions["updated"]
        problems.append(
            pp109_date.RULE.at(
                doc.path,
                line,
                column,
                f"updated: {values['updated'].date()} is before the post's date "
                f"{values['date'].date()}",
                "set updated to the day of the last edit, on or after date",
            )
        )


def _unknown_key(path: str, line: int, column: int, key: str) -> Diagnostic:
    candidates = [f.name for f in FIELDS]
    lowered = key.lower()
    field_score = max(difflib.SequenceMatcher(None, lowered, c).ratio() for c in candidates)
    draft_score = max(difflib.SequenceMatcher(None, lowered, w).ratio() for w in _DRAFT_WORDS)
    if draft_score >= 0.75 and draft_score > field_score:
        return pp102_draft_key.RULE.at(
            path,
            line,
            column,
            f"unknown key '{key}': Proofpress, like DEV, has no draft key",
            "write 'published: false' to keep the post a draft (and 'published: true' to "
            "publish it)",
        )
    close = difflib.get_close_matches(lowered, candidates, n=1, cutoff=0.6)
    if close:
        return pp101_unknown_key.RULE.at(
            path,
            line,
            column,
            f"unknown key '{key}'; did you mean '{close[0]}'?",
            f"rename it to '{close[0]}'",
        )
    return pp101_unknown_key.RULE.at(
        path,
        line,
        column,
        f"unknown key '{key}'; expected one of: {', '.join(candidates)}",
        "remove the key, or move the information into the body",
    )


def _build_post(
    doc: Document,
    place: PostPlace,
    values: dict[str, Any],
    positions: dict[str, tuple[int, int]],
) -> Post:
    stem = PurePosixPath(place.src_uri).stem
    if stem == "index":
        stem = PurePosixPath(place.src_uri).parent.name
    return Post(
        src_uri=place.src_uri,
        path=doc.path,
        title=values["title"],
        date=values["date"],
        author=values["author"],
        slug=values.get("slug") or slugify(stem) or "post",
        body=doc.body,
        body_line=doc.body_line,
        description=values.get("description", ""),
        updated=values.get("updated"),
        tags=values.get("tags", ()),
        cover_image=values.get("cover_image"),
        canonical_url=values.get("canonical_url"),
        series=values.get("series") or None,
        published=values.get("published", False),
        kind=values.get("kind") or "article",
        comments=values.get("comments", True),
        word_limits=values.get("word_limits", {}),
        max_words=values.get("max_words"),
        positions=positions,
    )
