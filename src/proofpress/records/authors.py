"""The authors registry (``docs/.authors.yml``): read with the same strict YAML as posts.

The file maps a key (what a post's ``author:`` names) to a mapping of the fields declared in
:data:`AUTHOR_SCHEMA`, validated by the same schema engine as front matter. Every problem is
reported at its own line of the file. This module owns the registry rules (PP201, PP202,
PP204, PP205).
"""

from __future__ import annotations

import contextlib
import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from proofpress.core.diagnostics import Diagnostic, short_list
from proofpress.core.rule import declared_all
from proofpress.core.weburl import is_remote_url, is_web_address
from proofpress.reading.controls import CONTROL_CHARACTER, control_character
from proofpress.reading.reader import read_text
from proofpress.reading.yamlsafe import Entry, YamlProblem, load_mapping
from proofpress.records.schema import (
    BAD_DATE,
    UNKNOWN_KEY,
    Field,
    FieldError,
    Place,
    Problem,
    Schema,
    check_date_range,
    close_match,
    describe,
    key_field,
    keys_of,
    matching,
    parse_nonempty,
    parse_url,
    wrong,
)

AUTHORS_FILE = ".authors.yml"
MAX_USERNAME = 30  # characters
USERNAME_RE = re.compile(rf"^[A-Za-z0-9_]{{1,{MAX_USERNAME}}}$")

AUTHORS_FILE_RULE, UNKNOWN_AUTHOR, USERNAME, AVATAR = RULES = declared_all(
    "PP201", "PP202", "PP204", "PP205", max_username=MAX_USERNAME
)


_username = matching(
    parse_nonempty,
    USERNAME_RE,
    USERNAME,
    f"a username is 1 to {MAX_USERNAME} letters, digits or underscores",
    lambda name: re.sub(r"[^A-Za-z0-9_]", "", name)[:MAX_USERNAME].lower() or "yourname",
)


def _avatar(value: Any, place: Place) -> str:
    ref = parse_nonempty(value, place)
    parts = urlsplit(ref)
    if parts.scheme or is_remote_url(ref):  # "//host/x" and "/\\host/x" are remote too
        if is_web_address(ref, ("https",)):
            return ref
        raise FieldError(AVATAR, f"expected an https address, found '{ref}'")
    local = ref.lstrip("/")
    if ".." in Path(local).parts or not place.existing(local):
        raise FieldError(AVATAR, f"the avatar '{ref}' does not exist under docs/")
    return local


def _joined(value: Any, _: Place) -> date:
    day: date | None = None
    if isinstance(value, datetime):
        day = value.date()
    elif isinstance(value, date):
        day = value
    elif isinstance(value, str):
        with contextlib.suppress(ValueError):
            day = date.fromisoformat(value.strip())
    if day is not None:
        check_date_range(day)
        return day
    raise FieldError(BAD_DATE, f"expected a date such as 2024-03-14, found {describe(value)}", None)


def _names(value: Any, place: Place) -> tuple[str, ...]:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list):
        raise wrong("a list of names", value)
    return tuple(parse_nonempty(item, place) for item in items)


def _unknown_field(key: str, names: list[str]) -> Problem:
    close = close_match(key, names)
    guess = f"; did you mean '{close}'?" if close else ""
    return UNKNOWN_KEY, f"unknown field '{key}'{guess}", f"use one of: {', '.join(names)}"


def _missing_field(spec: Field, owner: str) -> Problem:
    return AUTHORS_FILE_RULE, f"{owner} has no {spec.name}", f"add '{spec.name}:': {spec.doc}"


@dataclass(frozen=True, slots=True)
class Author:
    """An entry of the registry that passed :data:`AUTHOR_SCHEMA`. Each field of the file is
    declared once, here, with :func:`~proofpress.records.schema.key_field`: its type, default,
    parser and docs."""

    key: str  # what a post's ``author:`` names
    name: str = key_field(
        "text",
        "Display name, shown on posts and the author card.",
        parse_nonempty,
        required=True,
        default="",
    )
    username: str = key_field(  # the author's pages live at /<username>/
        "letters, digits, _",
        "DEV-style username: the author's pages live at `/<username>/`.",
        _username,
        required=True,
        default="",
    )
    bio: str = key_field(
        "text", "A sentence or two for the author card.", parse_nonempty, default=""
    )
    avatar: str = key_field(  # docs-relative path or https URL
        "image path or https URL",
        "A file under `docs/` or an https address.",
        _avatar,
        default="",
    )
    joined: date | None = key_field("a date", 'Shown as "Joined <date>".', _joined)
    location: str = key_field("text", "Shown on the author card.", parse_nonempty, default="")
    work: str = key_field("text", "Shown on the author card.", parse_nonempty, default="")
    website: str = key_field(
        "http(s) URL",
        "A link on the author card and profile.",
        parse_url,
        default="",
    )
    pen_names: tuple[str, ...] = key_field(
        "list of text",
        "Other names the author signs letters with.",
        _names,
        default=(),
    )

    @property
    def signatures(self) -> tuple[str, ...]:
        """Names this author may sign a letter with."""
        return (self.name, *self.pen_names)


AUTHOR_SCHEMA = Schema(fields=keys_of(Author), unknown=_unknown_field, missing=_missing_field)


@dataclass
class Registry:
    authors: dict[str, Author]  # the valid entries
    broken: frozenset[str]  # keys present in the file whose entry has errors
    problems: list[Diagnostic]
    failed: bool = False  # the file could not be read: no post's author can be known


def load_authors(docs_dir: Path, path: str, exists: Callable[[str], bool]) -> Registry:
    """Read and validate the registry. ``path`` names the file in messages."""
    file = docs_dir / AUTHORS_FILE
    if not file.is_file():
        missing = AUTHORS_FILE_RULE.at(
            path, 1, 1, "the authors registry is missing", f"create {path} with your authors"
        )
        return Registry({}, frozenset(), [missing])
    text, problem = read_text(file, path, kind="authors file")
    if problem is not None or text is None:
        return Registry({}, frozenset(), [problem] if problem else [], failed=True)
    try:
        entries = load_mapping(text)
    except YamlProblem as err:
        return Registry({}, frozenset(), [err.at(path, 1)], failed=True)
    place = Place(AUTHORS_FILE, exists)
    authors: dict[str, Author] = {}
    problems: list[Diagnostic] = []
    usernames: dict[str, int] = {}
    for entry in entries:
        author = _author(entry, path, place, problems)
        if author is None:
            continue
        first = usernames.setdefault(author.username.lower(), entry.line + 1)
        if first != entry.line + 1:
            problems.append(
                USERNAME.at(
                    path,
                    entry.line + 1,
                    1,
                    f"username '{author.username}' is already used by the author on line {first}",
                    "give every author their own username",
                )
            )
            continue
        authors[author.key] = author
    # a broken entry is reported on its own line; posts naming it (spaces trimmed) say no more
    broken = frozenset(e.key for e in entries) | frozenset(e.key.strip() for e in entries)
    broken -= authors.keys()
    return Registry(authors, broken, problems)


def _author(entry: Entry, path: str, place: Place, problems: list[Diagnostic]) -> Author | None:
    try:
        fields = entry.children()
    except YamlProblem as err:  # a field named by a number, a list...
        problems.append(err.at(path, 1))
        return None
    if (char := control_character(entry.key)) is not None:
        message = f"the author key contains the invisible character {char}"
        problems.append(CONTROL_CHARACTER.at(path, *entry.where(), message))
        return None
    if entry.key != entry.key.strip() or not entry.key.strip():
        problems.append(
            AUTHORS_FILE_RULE.at(
                path,
                *entry.where(),
                f"author key '{entry.key}' has spaces around it; no post's author: can name it",
                f"write the key as {entry.key.strip() or 'a name such as larissa'}",
            )
        )
        return None
    if fields is None:
        problems.append(
            AUTHORS_FILE_RULE.at(
                path,
                *entry.where(),
                f"author '{entry.key}': expected a mapping of fields, "
                f"found {describe(entry.value)}",
                "give the author fields such as name: and username:",
            )
        )
        return None
    checked = AUTHOR_SCHEMA.check(fields, place, path, f"author '{entry.key}'", entry.where())
    problems.extend(checked.problems)
    if checked.problems:
        return None
    return Author(key=entry.key, **checked.values)


def unknown_author(
    post_author: str, authors: dict[str, Author], path: str, line: int, column: int, registry: str
) -> Diagnostic:
    close = difflib.get_close_matches(post_author, authors, n=1, cutoff=0.6)
    if close:
        message = f"author: '{post_author}' is not in {registry}; did you mean '{close[0]}'?"
        hint = f"write author: {close[0]}"
    else:
        known = short_list(sorted(authors)) or "none yet"
        message = f"author: '{post_author}' is not in {registry} (known: {known})"
        hint = f"add '{post_author}' to {registry}, or use one of its keys"
    return UNKNOWN_AUTHOR.at(path, line, column, message, hint)
