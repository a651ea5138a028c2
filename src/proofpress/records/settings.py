"""The site's settings, read once: where the files are, and the closed, typed schemas of
``extra.proofpress`` and ``extra.comments`` in ``mkdocs.yml``.

This module does not import MkDocs: ``proofpress check`` reads ``mkdocs.yml`` itself, and the
MkDocs adapter hands over the mapping MkDocs loaded. Each setting is declared once, as a
:class:`~proofpress.records.schema.Field` of :data:`PROOFPRESS_SCHEMA` or
:data:`COMMENTS_SCHEMA` (the same schema engine as front matter and the authors registry);
the declaration validates, supplies the default and generates the README's settings table. A bad
setting is a finding located in ``mkdocs.yml`` (PP601, PP602), so it fails the build like any
content problem; the rest of the build uses the default in its place.
"""

from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit

import yaml

from proofpress.core.diagnostics import Diagnostic, Severity
from proofpress.core.rule import declared_all
from proofpress.core.weburl import browser_host, url_scheme
from proofpress.records.schema import (
    Checked,
    Field,
    FieldError,
    Place,
    Problem,
    Schema,
    close_match,
    describe,
    key_field,
    keys_of,
    parse_bool,
    parse_nonempty,
)

UNKNOWN_SETTING, SETTING_VALUE = RULES = declared_all("PP601", "PP602")


class ConfigError(Exception):
    """The site's configuration cannot be used at all (exit code 2 in the CLI)."""


def _whole(low: int, high: int) -> Callable[[Any, Place], int]:
    def parse(value: Any, _: Place) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise FieldError(
                SETTING_VALUE,
                f"expected a whole number from {low} to {high}, found {describe(value)}",
            )
        return value

    return parse


def _folder(value: Any, place: Place) -> str:
    """A folder under docs/ that exists: relative, no '..', no backslashes."""
    text = parse_nonempty(value, place).strip("/")
    parts = PurePosixPath(text).parts
    if "\\" in text or not parts or any(part in ("..", ".") for part in parts):
        raise FieldError(
            SETTING_VALUE,
            f"expected a folder inside docs/, found {describe(value)}",
            "name a folder relative to docs_dir, such as posts",
        )
    folder = "/".join(parts)
    if not place.existing(folder):
        raise FieldError(
            SETTING_VALUE,
            f"docs/{folder} is not a folder",
            "create the folder, or name the folder your posts are in",
        )
    return folder


def _choice(*allowed: str) -> Callable[[Any, Place], str]:
    def parse(value: Any, _: Place) -> str:
        if value not in allowed:
            raise FieldError(
                SETTING_VALUE,
                f"expected one of {', '.join(allowed)}, found {describe(value)}",
                f"write {allowed[0]}",
            )
        return str(value)

    return parse


LEVELS = ("error", "advice", "off")


def _rule_levels(value: Any, _: Place) -> dict[str, Any]:
    """Rule (code, name or family) -> level, and kind name -> such a mapping. Which codes,
    names and kinds exist is the check's to say (:mod:`proofpress.check.levels`), at each key."""
    if not isinstance(value, Mapping) or not all(isinstance(key, str) for key in value):
        raise FieldError(
            SETTING_VALUE,
            f"expected a mapping of rule codes to error, advice or off, found {describe(value)}",
            "write one rule a line, like PP303: advice",
        )
    return {key: dict(v) if isinstance(v, Mapping) else v for key, v in value.items()}


def _number(low: int, high: int, doc: str, default: int) -> Any:
    """A setting that is a whole number from ``low`` to ``high``."""
    return key_field(
        f"a whole number from {low} to {high}", doc, _whole(low, high), default=default
    )


def _one_of(doc: str, *allowed: str) -> Any:
    """A setting that is one of ``allowed``, the first by default."""
    return key_field(" or ".join(allowed), doc, _choice(*allowed), default=allowed[0])


def _switch(doc: str) -> Any:
    """A setting that is true or false, false by default."""
    return key_field("true or false", doc, parse_bool, default=False)


def _tag_colors(value: Any, _: Place) -> dict[str, str]:
    """Tag name -> "#rrggbb": the colour a tag's pills and header take instead of the one its
    name gives."""
    if not isinstance(value, Mapping):
        raise FieldError(
            SETTING_VALUE, f"expected a mapping of tag to colour, found {describe(value)}"
        )
    colors = {}
    for tag, color in value.items():
        if (
            not isinstance(tag, str)
            or not isinstance(color, str)
            or not re.fullmatch(r"#[0-9a-fA-F]{6}", color)
        ):
            raise FieldError(
                SETTING_VALUE,
                f"expected a colour like #3b49df for tag {describe(tag)}, found {describe(color)}",
                "quote the colour: python: '#3572a5'",
            )
        colors[tag] = color.lower()
    return colors


def _unknown(section: str) -> Callable[[str, list[str]], Problem]:
    def unknown(key: str, names: list[str]) -> Problem:
        close = close_match(key, names)
        if close:
            return (
                UNKNOWN_SETTING,
                f"unknown setting '{key}'; did you mean '{close}'?",
                f"rename it to '{close}'",
            )
        return UNKNOWN_SETTING, f"unknown setting '{key}'", f"use one of: {', '.join(names)}"

    return unknown


def _missing(field: Field, owner: str) -> Problem:
    return (
        SETTING_VALUE,
        f"{owner}: giscus needs {field.name} ({field.doc})",
        "complete the settings from giscus.app, or remove extra.comments",
    )


@dataclass(frozen=True, slots=True)
class Settings:
    """The validated ``extra.proofpress`` values (defaults where a value was broken). Each
    setting is declared once, here, with :func:`~proofpress.records.schema.key_field` (or its
    shorthands for a number in a range, a choice and a switch, which describe the type from the
    range or the choices): its type, default, parser and docs; :data:`PROOFPRESS_SCHEMA` reads
    them back."""

    posts_dir: str = key_field(
        "a folder under docs/",
        "Where posts live, relative to `docs_dir`; it must exist.",
        _folder,
        default="posts",
    )
    per_page: int = _number(
        1, 500, "Post cards per page of the home, tag, author and series feeds.", default=20
    )
    feed_size: int = _number(
        1, 1000, "Newest posts in `feed.xml` and in each author's feed.", default=20
    )
    remote_images: bool = _switch(
        "`true` lets covers, avatars and body images load from other hosts."
    )
    dialect: str = _one_of(
        "`dev` reads posts as DEV does (its Markdown, Liquid tags, emoji; DIALECT.md).",
        "dev",
        "markdown",
    )
    embeds: bool = _switch("`true` shows players as sandboxed iframes, not click-to-load cards.")
    rules: Mapping[str, Any] = key_field(
        "code: level", "Rule levels, as Checking posts shows.", _rule_levels, default={}
    )
    alt_text: Severity = _one_of(
        "Sets PP704 and PP705 (missing alt texts), as `rules` would.", "advice", "error"
    )
    drafts: Severity = _one_of("`error`: a draft's findings stop the build too.", "advice", "error")
    tag_colors: Mapping[str, str] = key_field(
        "tag: '#rrggbb'", "Tag colours (default: from the name).", _tag_colors, default={}
    )
    # The giscus settings, complete, or None: each post then shows the comments placeholder.
    comments: Mapping[str, str] | None = None


PROOFPRESS_SCHEMA = Schema(
    wrong_type=SETTING_VALUE,
    fields=keys_of(Settings),
    unknown=_unknown("proofpress"),
    missing=_missing,
)

COMMENTS_SCHEMA = Schema(
    wrong_type=SETTING_VALUE,
    fields=(
        Field("provider", "giscus", "the comment system: giscus", _choice("giscus"), True),
        Field(
            "repo",
            "text",
            "`owner/name` of the repository, from giscus.app",
            parse_nonempty,
            True,
        ),
        Field("repo_id", "text", "the repository id giscus.app gives", parse_nonempty, True),
        Field("category", "text", "the Discussions category for comments", parse_nonempty, True),
        Field("category_id", "text", "that category's id from giscus.app", parse_nonempty, True),
        Field(
            "mapping",
            "text",
            "How giscus maps a page to a discussion.",
            _choice("pathname", "url", "title", "og:title"),
            default="pathname",
        ),
        Field(
            "theme",
            "text",
            "giscus' theme name.",
            parse_nonempty,
            default="preferred_color_scheme",
        ),
        Field("lang", "text", "giscus' interface language.", parse_nonempty, default="en"),
    ),
    unknown=_unknown("comments"),
    missing=_missing,
)
SECTIONS = {"proofpress": PROOFPRESS_SCHEMA, "comments": COMMENTS_SCHEMA}


STATIC_TEMPLATES = ("404.html", "sitemap.xml")  # MkDocs' and Material's own


@dataclass(frozen=True)
class SiteConfig:
    root: Path  # the site root: the folder of mkdocs.yml; messages are relative to it
    docs_dir: Path
    settings: Settings = field(default_factory=Settings)
    problems: tuple[Diagnostic, ...] = ()  # what is wrong with the settings
    site_url: str = ""  # mkdocs.yml's site_url: where the site is published
    # The scripts under docs/ that extra_javascript loads (docs-relative): the only ones published.
    scripts: frozenset[str] = frozenset()
    theme_dir: Path | None = None  # theme.custom_dir: the blog's own theme files, published too
    # The theme's static templates: rendered by MkDocs, never copied (Material's and MkDocs').
    theme_templates: frozenset[str] = frozenset(STATIC_TEMPLATES)
    config_path: str = "mkdocs.yml"  # as messages name it
    # Where each key under extra (and site_url's value) stands in mkdocs.yml: line, column.
    positions: Mapping[tuple[str, ...], tuple[int, int]] = field(default_factory=dict)

    @property
    def posts_dir(self) -> str:  # relative to docs_dir
        return self.settings.posts_dir

    def display(self, file: Path) -> str:
        """A path as messages show it: relative to the site root when inside it (symlinks are
        named by where they are, not by where they lead)."""
        for resolve in (os.path.abspath, os.path.realpath):  # the real path only when needed
            here, root = resolve(file), resolve(self.root)
            if here.startswith(root + os.sep):
                return here[len(root) + 1 :].replace(os.sep, "/")
        return file.as_posix()

    def exists(self, docs_relative: str) -> bool:
        return (self.docs_dir / docs_relative).is_file()

    @classmethod
    def from_values(
        cls,
        root: Path,
        docs_dir: str | Path,
        extra: Any,
        config_file: Path | None = None,
        positions: Mapping[tuple[str, ...], tuple[int, int]] | None = None,
        site_url: object = None,
        extra_javascript: object = None,
        custom_dir: object = None,
        static_templates: object = (),
    ) -> SiteConfig:
        """Validate ``extra`` (MkDocs' own mapping or plain YAML) against the schemas, and
        ``site_url``: only an http(s) address (a feed or canonical link is built on it)."""
        docs = root / docs_dir
        path = _display_path(root, config_file or root / "mkdocs.yml")
        place = Place("", lambda folder: (docs / folder).is_dir())
        extra = extra if isinstance(extra, Mapping) else {}
        problems: list[Diagnostic] = []
        checked = {
            name: _check_section(extra, name, schema, place, path, positions or {}, problems)
            for name, schema in SECTIONS.items()
        }
        proofpress, comments = checked["proofpress"], checked["comments"]
        complete = comments.parsed and not comments.problems
        settings = Settings(**proofpress.values, comments=comments.values if complete else None)
        address = _site_url(site_url, path, positions or {}, problems)
        return cls(
            root=root,
            docs_dir=docs,
            settings=settings,
            problems=tuple(problems),
            site_url=address,
            scripts=_local_scripts(extra_javascript),
            theme_dir=root / custom_dir if isinstance(custom_dir, str) and custom_dir else None,
            theme_templates=frozenset([*STATIC_TEMPLATES, *_texts(static_templates)]),
            config_path=path,
            positions=positions or {},
        )


def _texts(values: object) -> list[str]:
    return (
        [v for v in values if isinstance(v, str)] if isinstance(values, list | tuple | set) else []
    )


def _local_scripts(entries: object) -> frozenset[str]:
    """The docs-relative paths ``extra_javascript`` loads (a path, or a mapping with ``path``:
    MkDocs' two forms); addresses on other hosts are not files of the site."""
    paths = []
    for entry in entries if isinstance(entries, list | tuple) else ():
        path = entry.get("path") if isinstance(entry, Mapping) else getattr(entry, "path", entry)
        if isinstance(path, str) and not urlsplit(path).scheme and not path.startswith("//"):
            paths.append(posixpath.normpath(path.lstrip("/")))
    return frozenset(paths)


def _site_url(
    value: object,
    path: str,
    positions: Mapping[tuple[str, ...], tuple[int, int]],
    problems: list[Diagnostic],
) -> str:
    """``site_url`` when it is an http(s) address with a host; else "" and a PP602 at it."""
    if not isinstance(value, str) or not value:
        return ""
    if url_scheme(value) in ("http", "https") and browser_host(value) is not None:
        return value
    line, column = positions.get(("site_url",), (1, 1))
    problems.append(
        SETTING_VALUE.at(
            path,
            line,
            column,
            f"site_url: expected the http(s) address the site is published at, found {value!r}",
            "write the site's address, like https://you.github.io/blog/",
        )
    )
    return ""


def _display_path(root: Path, file: Path) -> str:
    try:
        return file.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return file.name


@dataclass(frozen=True, slots=True)
class _Setting:
    """One loaded setting as the schema reads it (MkDocs has already parsed the YAML)."""

    key: str
    value: Any
    position: tuple[int, int]

    def where(self) -> tuple[int, int]:
        return self.position

    def value_where(self) -> tuple[int, int]:
        return self.position

    def child_positions(self) -> dict[str, tuple[int, int]]:
        return {}


def _check_section(
    extra: Mapping[str, Any],
    name: str,
    schema: Schema,
    place: Place,
    path: str,
    positions: Mapping[tuple[str, ...], tuple[int, int]],
    problems: list[Diagnostic],
) -> Checked:
    """``extra.<name>`` validated; an absent section is all defaults and no problem."""
    raw = extra.get(name)
    section_at = locate(positions, ("extra", name))
    defaults = Checked({}, {f.name: f.initial(place) for f in schema.fields}, {}, [])
    if raw is None:
        return defaults
    if not isinstance(raw, Mapping):
        problem = SETTING_VALUE.at(
            path,
            *section_at,
            f"extra.{name}: expected a mapping of settings, found {describe(raw)}",
            f"write one setting per line under extra.{name}:, or remove it",
        )
        problems.append(problem)
        return Checked({}, defaults.values, {}, [problem])
    entries = [
        _Setting(str(key), value, locate(positions, ("extra", name, str(key))))
        for key, value in raw.items()
    ]
    checked = schema.check(entries, place, path, owner=f"extra.{name}", missing_at=section_at)
    problems.extend(checked.problems)
    return checked


def locate(
    positions: Mapping[tuple[str, ...], tuple[int, int]], key: tuple[str, ...]
) -> tuple[int, int]:
    """The key's own position in mkdocs.yml, else its nearest located parent's, else 1:1."""
    for end in range(len(key), 0, -1):
        if key[:end] in positions:
            return positions[key[:end]]
    return 1, 1


def setting_positions(text: str) -> dict[tuple[str, ...], tuple[int, int]]:
    """File line and column (1-based) of every key under ``extra`` in mkdocs.yml's text, and of
    ``site_url``'s value.

    Composing (not constructing) the YAML keeps ``!ENV`` and ``!!python/name`` tags harmless.
    """
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return {}
    found: dict[tuple[str, ...], tuple[int, int]] = {}

    def walk(node: yaml.Node, prefix: tuple[str, ...], depth: int) -> None:
        if not isinstance(node, yaml.MappingNode) or depth > 5:
            return
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                here = (*prefix, str(key.value))
                found[here] = (key.start_mark.line + 1, key.start_mark.column + 1)
                walk(value, here, depth + 1)

    if isinstance(root, yaml.MappingNode):
        for key, value in root.value:
            if isinstance(key, yaml.ScalarNode) and key.value == "site_url":
                found[("site_url",)] = (value.start_mark.line + 1, value.start_mark.column + 1)
            if isinstance(key, yaml.ScalarNode) and key.value == "extra":
                found[("extra",)] = (key.start_mark.line + 1, key.start_mark.column + 1)
                walk(value, ("extra",), 1)
    return found


def read_positions(config_file: Path) -> dict[tuple[str, ...], tuple[int, int]]:
    try:
        return setting_positions(config_file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return {}


class TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, whose !ENV and !!python/name tags only MkDocs can resolve."""


TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def load_site_config(
    config_file: Path, read: Callable[[Path], Mapping[str, Any]] | None = None
) -> SiteConfig:
    """The site's settings from ``mkdocs.yml``, as ``read`` loads it (default: plain YAML, with
    MkDocs' own tags read as nothing). The command line passes MkDocs' own reading
    (:func:`proofpress.hooks.config.load_site_config`: ``INHERIT:`` and ``!ENV`` resolved)."""
    if not config_file.is_file():
        raise ConfigError(f"{config_file}: not found; run from the site root or pass -f")
    data = (read or plain_yaml)(config_file)
    root = config_file.resolve().parent
    docs_dir = data.get("docs_dir") or "docs"
    if not isinstance(docs_dir, str):
        raise ConfigError(f"{config_file}: docs_dir: expected a folder name")
    given = data.get("theme")
    theme: Mapping[str, Any] = given if isinstance(given, Mapping) else {}
    return SiteConfig.from_values(
        root,
        docs_dir,
        data.get("extra"),
        config_file,
        read_positions(config_file),
        site_url=data.get("site_url"),
        extra_javascript=data.get("extra_javascript"),
        custom_dir=theme.get("custom_dir"),
        static_templates=theme.get("static_templates"),
    )


def plain_yaml(config_file: Path) -> Mapping[str, Any]:
    try:
        data = yaml.load(config_file.read_text(encoding="utf-8"), Loader=TolerantLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as err:
        raise ConfigError(f"{config_file}: cannot be read: {err}") from None
    if not isinstance(data, dict):
        raise ConfigError(f"{config_file}: expected a mapping of settings")
    return data
