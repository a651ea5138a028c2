"""The one schema engine: closed, typed fields, declared once to validate, default and document.

A :class:`Schema` is a tuple of :class:`Field` declarations. Each field names its key, what the
README and messages call its type, a doc line, a parser that turns the YAML value into the
typed value (or raises :class:`FieldError` with the rule that was broken), and the value that
stands in when the key is absent or broken. :meth:`Schema.check` validates a mapping's entries
against it: unknown keys (with a did-you-mean), missing required keys and bad values are each
reported at their own line. The front matter (``proofpress.records.model.POST_SCHEMA``) and the
authors registry (``proofpress.records.authors.AUTHOR_SCHEMA``) both use it, each read from the
record that declares its keys with :func:`key_field` (``Post``, ``Author``), and the README's
tables are generated from both (``scripts/gen_docs.py``).

This module owns the front-matter rules PP101-PP112; the authors registry reuses the generic
ones (PP101 unknown key, PP104 wrong type, PP109 date).
"""

from __future__ import annotations

import copy
import dataclasses
import difflib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import PurePosixPath
from typing import Any, Protocol
from urllib.parse import urlsplit

from proofpress.core.diagnostics import Diagnostic, short_list
from proofpress.core.rule import Rule, declared_all, in_words, ordinal_in_words
from proofpress.core.weburl import is_remote_url, is_web_address
from proofpress.reading.controls import CONTROL_CHARACTER, control_character
from proofpress.records.urls import slugify

MAX_TITLE = 128
MAX_TAGS = 4
MAX_TAG_LENGTH = 30
TAG_RE = re.compile(r"^[a-z0-9]+$")
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_DRAFT_WORDS = ("draft", "drafts", "is_draft", "isdraft", "unpublished", "hidden")


# ------------------------------------------------------------------------------- the rules

# The front-matter rules (their words and examples are in core/rules.toml); the limits above
# fill in their text.
RULES = declared_all(
    "PP101",
    "PP102",
    "PP103",
    "PP104",
    "PP105",
    "PP106",
    "PP107",
    "PP108",
    "PP109",
    "PP110",
    "PP111",
    "PP112",
    max_title=MAX_TITLE,
    max_tags=MAX_TAGS,
    max_tags_word=in_words(MAX_TAGS),
    dropped_ordinal=ordinal_in_words(MAX_TAGS + 1),
    max_tag_length=MAX_TAG_LENGTH,
)
(
    UNKNOWN_KEY,
    DRAFT_KEY,
    MISSING_KEY,
    WRONG_TYPE,
    TITLE_LENGTH,
    TAG_COUNT,
    TAG_FORMAT,
    BAD_URL,
    BAD_DATE,
    COVER_IMAGE,
    BAD_SLUG,
    FOREIGN_CANONICAL,
) = RULES
DEV_HOSTS = ("dev.to", "www.dev.to")


# ------------------------------------------------------------------------- the schema engine


class FieldError(Exception):
    def __init__(self, rule: Rule, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.rule = rule
        self.message = message
        self.hint = hint


@dataclass(frozen=True, slots=True)
class Place:
    """Where the file being validated lives, for fields that resolve paths."""

    src_uri: str  # "posts/x.md", relative to docs_dir
    existing: Callable[[str], bool]  # does this docs-relative path exist?


@dataclass(frozen=True, slots=True)
class Field:
    name: str  # the key, and the model's attribute of the same name
    expected: str  # how the README and messages describe the type
    doc: str
    parse: Callable[[Any, Place], Any]
    required: bool = False
    dev: bool = False  # read by DEV's own editor
    default: Any = None  # the value when absent or broken; a callable gets the Place
    shown_default: str = ""  # how the README describes the default

    def initial(self, place: Place) -> Any:
        if callable(self.default):
            return self.default(place)
        return copy.copy(self.default)


def key_field(
    expected: str,
    doc: str,
    parse: Callable[[Any, Place], Any],
    *,
    required: bool = False,
    dev: bool = False,
    default: Any = None,
    shown_default: str = "",
) -> Any:
    """A record's attribute that is a key of its file, declared once: the record's type and
    default, the schema's parser and the docs. :func:`keys_of` reads the schema's fields back.
    A required key, or one whose default depends on the file, has no default in the record."""
    spec = {"key": Field("", expected, doc, parse, required, dev, default, shown_default)}
    if required or callable(default):
        return dataclasses.field(metadata=spec)
    if isinstance(default, dict | list):  # a fresh copy per record
        return dataclasses.field(default_factory=lambda: copy.copy(default), metadata=spec)
    return dataclasses.field(default=default, metadata=spec)


def keys_of(record: type) -> tuple[Field, ...]:
    """The schema fields of a record declared with :func:`key_field`, in declaration order."""
    return tuple(
        dataclasses.replace(f.metadata["key"], name=f.name)
        for f in dataclasses.fields(record)
        if "key" in f.metadata
    )


Problem = tuple[Rule, str, str | None]  # rule, message, hint (None: the rule's own)


class Keyed(Protocol):
    """What the schema reads of one key: a YAML :class:`~proofpress.reading.yamlsafe.Entry`, or a
    setting MkDocs already loaded (:mod:`proofpress.records.settings`)."""

    @property
    def key(self) -> str: ...
    @property
    def value(self) -> Any: ...
    def where(self) -> tuple[int, int]: ...
    def value_where(self) -> tuple[int, int]: ...
    def child_positions(self) -> dict[str, tuple[int, int]]: ...


@dataclass(frozen=True)
class Schema:
    fields: tuple[Field, ...]
    unknown: Callable[[str, list[str]], Problem]  # an unknown key, given the known names
    missing: Callable[[Field, str], Problem]  # a missing required field, given its owner
    # As DEV reads front matter: an optional key left empty (``series:``) means "not set".
    empty_is_unset: bool = False
    # The rule a value of the wrong type is reported under (the settings have their own).
    wrong_type: Rule = WRONG_TYPE

    def check(
        self,
        entries: Sequence[Keyed],
        place: Place,
        path: str,
        owner: str = "",
        missing_at: tuple[int, int] = (1, 1),
    ) -> Checked:
        """Every entry validated; ``owner`` prefixes messages ("author 'x': ")."""
        by_name = {f.name: f for f in self.fields}
        prefix = f"{owner}: " if owner else ""
        parsed: dict[str, Any] = {}
        positions: dict[str, tuple[int, int]] = {}
        problems: list[Diagnostic] = []
        for entry in entries:
            line, column = positions[entry.key] = entry.where()
            spec = by_name.get(entry.key)
            if spec is None:
                rule, message, hint = self.unknown(entry.key, list(by_name))
                problems.append(rule.at(path, line, column, prefix + message, hint))
                continue
            if self.empty_is_unset and not spec.required and _is_empty(entry.value):
                continue
            for child, where in entry.child_positions().items():
                positions[f"{entry.key}.{child}"] = where
            if (char := control_character(entry.value)) is not None:
                message = f"{prefix}{entry.key}: contains the invisible character {char}"
                problems.append(CONTROL_CHARACTER.at(path, *entry.value_where(), message))
                continue
            try:
                parsed[entry.key] = spec.parse(entry.value, place)
            except FieldError as err:
                vline, vcolumn = entry.value_where()
                message = f"{prefix}{entry.key}: {err.message}"
                rule = self.wrong_type if err.rule is WRONG_TYPE else err.rule
                problems.append(rule.at(path, vline, vcolumn, message, err.hint))
        for spec in self.fields:
            if spec.required and spec.name not in positions:
                rule, message, hint = self.missing(spec, owner)
                problems.append(rule.at(path, *missing_at, message, hint))
        values = {
            f.name: parsed[f.name] if f.name in parsed else f.initial(place) for f in self.fields
        }
        return Checked(parsed, values, positions, problems)


@dataclass(frozen=True, slots=True)
class Checked:
    parsed: dict[str, Any]  # the fields whose values are valid
    values: dict[str, Any]  # every field: its parsed value, or its default
    positions: dict[str, tuple[int, int]]  # file line and column of each key; "a.b" nested
    problems: list[Diagnostic]


def _is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def close_match(key: str, names: Sequence[str]) -> str | None:
    """The declared name a mistyped key most likely meant."""
    close = difflib.get_close_matches(key.lower(), names, n=1, cutoff=0.6)
    return close[0] if close else None


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


def wrong(expected: str, value: Any, hint: str | None = None) -> FieldError:
    return FieldError(WRONG_TYPE, f"expected {expected}, found {describe(value)}", hint)


def parse_text(value: Any, _: Place) -> str:
    if not isinstance(value, str):
        hint = None
        if isinstance(value, int | float | bool | date):
            hint = "quote the value to keep it as text"
        raise wrong("text", value, hint)
    return value.strip()


def parse_nonempty(value: Any, _: Place) -> str:
    """Text that says something: not empty, not only spaces."""
    if not isinstance(value, str) or not value.strip():
        raise wrong("text", value)
    return value.strip()


def parse_optional_text(value: Any, place: Place) -> str | None:
    return parse_text(value, place) or None


def parse_kind(value: Any, place: Place) -> str:
    return parse_text(value, place) or "article"


def parse_title(value: Any, place: Place) -> str:
    title = parse_text(value, place)
    if not title:
        raise FieldError(TITLE_LENGTH, "the title is empty")
    if len(title) > MAX_TITLE:
        raise FieldError(
            TITLE_LENGTH,
            f"the title is {len(title)} characters long; DEV allows at most {MAX_TITLE}",
            "shorten the title; the description can carry the rest",
        )
    return title


def parse_bool(value: Any, _: Place) -> bool:
    if not isinstance(value, bool):
        raise wrong("true or false", value, "write true or false unquoted")
    return value


def parse_datetime(value: Any, _: Place) -> datetime:
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):
        moment = datetime.combine(value, time.min)
    elif isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value.strip())
        except ValueError:
            raise FieldError(
                BAD_DATE,
                f"expected a date such as 2026-11-02 or 2026-11-02 09:30, found '{value}'",
            ) from None
    else:
        raise wrong("a date such as 2026-11-02", value)
    check_date_range(moment.date())
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


EARLIEST = date(1990, 1, 1)
LATEST = date(2100, 12, 31)


def check_date_range(day: date) -> None:
    """Dates from 1990 to 2100: a year-1 date or 9999-12-31 is a typo, and breaks sorting."""
    if not EARLIEST <= day <= LATEST:
        raise FieldError(
            BAD_DATE,
            f"{day.isoformat()} is outside {EARLIEST.isoformat()} to {LATEST.isoformat()}",
            "check the year",
        )


def dev_tag(tag: str) -> str:
    """What DEV publishes a tag as: lowercased and stripped to [0-9a-z]."""
    return re.sub(r"[^0-9a-z]", "", tag.lower())[:MAX_TAG_LENGTH]


def parse_tags(value: Any, _: Place) -> tuple[str, ...]:
    if isinstance(value, str):
        items: list[Any] = [part.strip() for part in value.split(",") if part.strip()]
    elif isinstance(value, list):
        items = value
    elif value is None:
        items = []
    else:
        raise wrong("a list of tags or a comma-separated string", value)
    tags: list[str] = []
    for item in items:
        if not isinstance(item, str):
            raise wrong("each tag to be text", item, "quote the tag")
        tag = item.strip()
        if not TAG_RE.match(tag) or len(tag) > MAX_TAG_LENGTH:
            fixed = dev_tag(tag)
            became = f"DEV would publish it as #{fixed}" if fixed else "DEV would drop it"
            raise FieldError(
                TAG_FORMAT,
                f"tag '{tag}' must be lowercase letters and digits, at most "
                f"{MAX_TAG_LENGTH} characters; {became}",
                f"write {fixed}" if fixed else "remove the tag",
            )
        if tag not in tags:
            tags.append(tag)
    if len(tags) > MAX_TAGS:
        raise FieldError(
            TAG_COUNT,
            f"a post has at most {MAX_TAGS} tags; found {len(tags)}: {short_list(tags)}",
            f"keep the {MAX_TAGS} that describe the post best",
        )
    return tuple(tags)


def parse_url(value: Any, place: Place) -> str:
    """An http(s) address, as a browser reads it: a link never runs script (javascript:, data:,
    //host are refused)."""
    url = parse_text(value, place)
    if not is_web_address(url):  # as a browser reads it, and Python alike
        raise FieldError(
            BAD_URL,
            f"expected an http(s) address without spaces, found '{url}'",
            "write the full address, e.g. https://example.com/my-post",
        )
    return url


def foreign_canonical(
    canonical: str, slug: str, own_url: str | None
) -> tuple[str, str | None] | None:
    """Why ``canonical`` names an article other than the post's own (slug ``slug``, address
    ``own_url`` on this site), with a hint when there is a better one than the rule's; or
    None. Only DEV's and this site's addresses are judged: elsewhere is where the post first
    appeared.

    A DEV address is the post's own only when its slug is the post's, letter for letter: the
    slug DEV gave the article (kept by ``import``). A suffix like DEV's random one is no proof:
    ``learn-rust-2`` may be another article of the writer's."""
    parts = urlsplit(canonical)
    host = (parts.hostname or "").lower()
    if host in DEV_HOSTS:
        segments = [part for part in parts.path.split("/") if part]
        if len(segments) == 2 and segments[1] == slug:
            return None
        named = "/".join(segments) or "/"
        hint = None
        if len(segments) == 2 and SLUG_RE.fullmatch(segments[1]):
            hint = (
                f"if this post is that article, set slug: {segments[1]} (DEV's slug for it); "
                "else remove canonical_url"
            )
        return (
            f"canonical_url names the DEV address '{named}', not this post's own "
            f"('<username>/{slug}'): publish-dev would overwrite that article with this post",
            hint,
        )
    if own_url is None:
        return None
    site = urlsplit(own_url)
    if host != (site.hostname or "").lower() or not parts.path.startswith(_site_root(site.path)):
        return None
    if parts.path.rstrip("/") == site.path.rstrip("/"):
        return None
    return (
        f"canonical_url names {canonical} on this site, not this post's own address "
        f"{own_url}: publish-dev would overwrite the DEV copy of that page with this post",
        None,
    )


def _site_root(path: str) -> str:
    """The site's own path prefix, from a post's address ``/<site>/<user>/<slug>/``."""
    return "/".join(path.rstrip("/").split("/")[:-2]) + "/"


def parse_image(value: Any, place: Place) -> str:
    ref = parse_text(value, place)
    if urlsplit(ref).scheme or is_remote_url(ref):  # "//host/x" and "/\\host/x" are remote
        if not is_web_address(ref, ("https",)):
            raise FieldError(
                COVER_IMAGE,
                f"expected an https address or a file under docs/, found '{ref}'",
            )
        return ref
    target = resolve_local(ref, place.src_uri)
    if target is None or not place.existing(target):
        raise FieldError(
            COVER_IMAGE,
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


def matching(
    parse: Callable[[Any, Place], str],
    pattern: re.Pattern[str],
    rule: Rule,
    what: str,
    fixed: Callable[[str], str],
) -> Callable[[Any, Place], str]:
    """A parser of text that ``pattern`` matches: ``parse`` reads the value, and text the
    pattern refuses is ``rule``'s finding, saying ``what`` it must be, with ``fixed(text)`` as the
    suggested rewrite."""

    def parse_matching(value: Any, place: Place) -> str:
        text = parse(value, place)
        if not pattern.match(text):
            raise FieldError(rule, f"{what}, found '{text}'", f"write {fixed(text)}")
        return text

    return parse_matching


parse_slug = matching(
    parse_text,
    SLUG_RE,
    BAD_SLUG,
    "a slug is lowercase words joined by single hyphens",
    lambda slug: slugify(slug) or "my-post",
)


def slug_from_file(place: Place) -> str:
    """The default slug: the file's name (its folder's for an index.md)."""
    stem = PurePosixPath(place.src_uri).stem
    if stem == "index":
        stem = PurePosixPath(place.src_uri).parent.name
    return slugify(stem) or "post"


def parse_positive_int(value: Any, _: Place) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise wrong("a whole number above 0", value)
    return value


def parse_word_limits(value: Any, place: Place) -> dict[str, int]:
    if not isinstance(value, dict):
        raise wrong("a mapping of section titles to word limits", value)
    limits: dict[str, int] = {}
    for section, limit in value.items():
        if not isinstance(section, str):
            raise wrong("section titles as keys", section)
        limits[section.strip()] = parse_positive_int(limit, place)
    return limits


# ------------------------------------------------------------------- the post's keys (model.Post)


def unknown_key(key: str, names: list[str]) -> Problem:
    lowered = key.lower()
    field_score = max(difflib.SequenceMatcher(None, lowered, c).ratio() for c in names)
    draft_score = max(difflib.SequenceMatcher(None, lowered, w).ratio() for w in _DRAFT_WORDS)
    if draft_score >= 0.75 and draft_score > field_score:
        return (
            DRAFT_KEY,
            f"unknown key '{key}': Proofpress, like DEV, has no draft key",
            "write 'published: false' to keep the post a draft (and 'published: true' to "
            "publish it)",
        )
    close = close_match(key, names)
    if close:
        return (
            UNKNOWN_KEY,
            f"unknown key '{key}'; did you mean '{close}'?",
            f"rename it to '{close}'",
        )
    return (
        UNKNOWN_KEY,
        f"unknown key '{key}'; expected one of: {', '.join(names)}",
        "remove the key, or move the information into the body",
    )


def missing_key(spec: Field, _: str) -> Problem:
    return (
        MISSING_KEY,
        f"the required key '{spec.name}' is missing (expected {spec.expected})",
        f"add '{spec.name}:' to the front matter: {spec.doc}",
    )
