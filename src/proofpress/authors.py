"""The authors registry (``docs/.authors.yml``): read with the same strict YAML as posts.

The file maps a key (what a post's ``author:`` names) to a mapping of the fields declared in
:data:`AUTHOR_FIELDS`. Every problem is reported at its own line of the file.
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

from proofpress.controls import control_character
from proofpress.diagnostics import Diagnostic, short_list
from proofpress.model import Author
from proofpress.reader import read_text, yaml_diagnostic
from proofpress.rules import (
    pp101_unknown_key,
    pp104_wrong_type,
    pp108_url,
    pp109_date,
    pp201_authors_file,
    pp202_unknown_author,
    pp204_username,
    pp205_avatar,
    pp505_control_character,
)
from proofpress.schema import FieldError, check_date_range, describe
from proofpress.site.urls import is_remote_url, url_scheme
from proofpress.yamlsafe import Entry, YamlProblem, load_mapping

AUTHORS_FILE = ".authors.yml"
USERNAME_RE = re.compile(r"^[A-Za-z0-9_]{1,30}$")


@dataclass(frozen=True, slots=True)
class AuthorField:
    name: str
    expected: str
    doc: str
    parse: Callable[[Any, Callable[[str], bool]], Any]
    required: bool = False


def _text(value: Any, _: Callable[[str], bool]) -> str:
    if not isinstance(value, str) or not value.strip():
        raise FieldError(pp104_wrong_type.RULE, f"expected text, found {describe(value)}")
    if (char := control_character(value)) is not None:
        raise FieldError(
            pp505_control_character.RULE, f"contains the invisible character {char}", None
        )
    return value.strip()


def _website(value: Any, exists: Callable[[str], bool]) -> str:
    url = _text(value, exists)
    parts = urlsplit(url)
    if (
        url_scheme(url) not in ("http", "https")
        or not parts.netloc
        or parts.scheme != url_scheme(url)
        or any(c.isspace() for c in url)
    ):
        raise FieldError(
            pp108_url.RULE,
            f"expected an http(s) address, found '{url}'",
            "write the full address, e.g. https://example.com",
        )
    return url


def _username(value: Any, exists: Callable[[str], bool]) -> str:
    name = _text(value, exists)
    if not USERNAME_RE.match(name):
        raise FieldError(
            pp204_username.RULE,
            f"a username is 1 to 30 letters, digits or underscores, found '{name}'",
            f"write {re.sub(r'[^A-Za-z0-9_]', '', name)[:30].lower() or 'yourname'}",
        )
    return name


def _avatar(value: Any, exists: Callable[[str], bool]) -> str:
    ref = _text(value, exists)
    parts = urlsplit(ref)
    if parts.scheme or is_remote_url(ref):
        if parts.scheme == "https" and parts.netloc and url_scheme(ref) == "https":
            return ref
        raise FieldError(pp205_avatar.RULE, f"expected an https address, found '{ref}'")
    local = ref.lstrip("/")
    if ".." in Path(local).parts or not exists(local):
        raise FieldError(pp205_avatar.RULE, f"the avatar '{ref}' does not exist under docs/")
    return local


def _joined(value: Any, _: Callable[[str], bool]) -> date:
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
    raise FieldError(
        pp109_date.RULE, f"expected a date such as 2024-03-14, found {describe(value)}", None
    )


def _names(value: Any, exists: Callable[[str], bool]) -> tuple[str, ...]:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list):
        raise FieldError(
            pp104_wrong_type.RULE, f"expected a list of names, found {describe(value)}", None
        )
    return tuple(_text(item, exists) for item in items)


AUTHOR_FIELDS: tuple[AuthorField, ...] = (
    AuthorField("name", "text", "Display name, shown on posts and the author card.", _text, True),
    AuthorField(
        "username",
        "letters, digits, _",
        "DEV-style username: the author's pages live at `/<username>/`.",
        _username,
        True,
    ),
    AuthorField("bio", "text", "A sentence or two for the author card.", _text),
    AuthorField(
        "avatar", "image path or https URL", "A file under `docs/` or an https address.", _avatar
    ),
    AuthorField("joined", "a date", 'Shown as "Joined <date>".', _joined),
    AuthorField("location", "text", "Shown on the author card.", _text),
    AuthorField("work", "text", "Shown on the author card.", _text),
    AuthorField("website", "http(s) URL", "A link on the author card and profile.", _website),
    AuthorField("pen_names", "list of text", "Other names the author signs letters with.", _names),
)
_BY_NAME = {f.name: f for f in AUTHOR_FIELDS}


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
        missing = pp201_authors_file.RULE.at(
            path, 1, 1, "the authors registry is missing", f"create {path} with your authors"
        )
        return Registry({}, frozenset(), [missing])
    text, problem = read_text(file, path, kind="authors file")
    if problem is not None or text is None:
        return Registry({}, frozenset(), [problem] if problem else [], failed=True)
    try:
        entries = load_mapping(text)
    except YamlProblem as err:
        return Registry({}, frozenset(), [yaml_diagnostic(err, path, 1)], failed=True)
    authors: dict[str, Author] = {}
    problems: list[Diagnostic] = []
    usernames: dict[str, int] = {}
    for entry in entries:
        author = _author(entry, path, exists, problems)
        if author is None:
            continue
        first = usernames.setdefault(author.username.lower(), entry.line + 1)
        if first != entry.line + 1:
            problems.append(
                pp204_username.RULE.at(
                    path,
                    entry.line + 1,
                    1,
                    f"username '{author.username}' is already used by the author on line {first}",
                    "give every author their own username",
                )
            )
            continue
        authors[author.key] = author
    broken = frozenset(entry.key for entry in entries) - authors.keys()
    return Registry(authors, broken, problems)


def _author(
    entry: Entry, path: str, exists: Callable[[str], bool], problems: list[Diagnostic]
) -> Author | None:
    fields = entry.children()
    if (char := control_character(entry.key)) is not None:
        problems.append(
            pp505_control_character.RULE.at(
                path,
                entry.line + 1,
                entry.column + 1,
                f"the author key contains the invisible character {char}",
            )
        )
        return None
    if fields is None:
        problems.append(
            pp201_authors_file.RULE.at(
                path,
                entry.line + 1,
                entry.column + 1,
                f"author '{entry.key}': expected a mapping of fields, "
                f"found {describe(entry.value)}",
                "give the author fields such as name: and username:",
            )
        )
        return None
    values: dict[str, Any] = {}
    before = len(problems)
    for item in fields:
        spec = _BY_NAME.get(item.key)
        line, column = item.line + 1, item.column + 1
        if spec is None:
            close = difflib.get_close_matches(item.key, _BY_NAME, n=1, cutoff=0.6)
            guess = f"; did you mean '{close[0]}'?" if close else ""
            problems.append(
                pp101_unknown_key.RULE.at(
                    path,
                    line,
                    column,
                    f"author '{entry.key}': unknown field '{item.key}'{guess}",
                    f"use one of: {', '.join(_BY_NAME)}",
                )
            )
            continue
        try:
            values[item.key] = spec.parse(item.value, exists)
        except FieldError as bad:
            if item.value_line == item.line:
                column = item.value_column + 1
            problems.append(
                bad.rule.at(
                    path, line, column, f"author '{entry.key}': {item.key}: {bad.message}", bad.hint
                )
            )
    for spec in AUTHOR_FIELDS:
        if (
            spec.required
            and spec.name not in values
            and not any(f.key == spec.name for f in fields)
        ):
            problems.append(
                pp201_authors_file.RULE.at(
                    path,
                    entry.line + 1,
                    entry.column + 1,
                    f"author '{entry.key}' has no {spec.name}",
                    f"add '{spec.name}:': {spec.doc}",
                )
            )
    if len(problems) > before:
        return None
    return Author(key=entry.key, **values)


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
    return pp202_unknown_author.RULE.at(path, line, column, message, hint)
