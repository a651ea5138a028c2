"""The site's settings, read once: where the files are, and the closed, typed schemas of
``extra.proofpress`` and ``extra.comments`` in ``mkdocs.yml``.

This module does not import MkDocs: ``proofpress check`` reads ``mkdocs.yml`` itself, and the
MkDocs adapter hands over the mapping MkDocs loaded. Each setting is declared once in
:data:`PROOFPRESS_SETTINGS` or :data:`COMMENT_SETTINGS` (name, type, default, range, doc); the
declaration validates, supplies the default and generates the README's settings table. A bad
setting is a finding located in ``mkdocs.yml`` (PP601, PP602), so it fails the build like any
content problem; the rest of the build uses the default in its place.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from proofpress.diagnostics import Diagnostic
from proofpress.rules import EXAMPLE_CONFIG, Example, Rule

UNKNOWN_SETTING = Rule(
    code="PP601",
    name="unknown-setting",
    summary="extra.proofpress and extra.comments in mkdocs.yml hold only the documented settings.",
    hint="rename the setting to the one you meant, or remove it",
    why="A misspelt setting silently does nothing: the site is built with the default instead.",
    example=Example(
        bad=EXAMPLE_CONFIG + "extra:\n  proofpress:\n    pre_page: 10\n",
        good=EXAMPLE_CONFIG + "extra:\n  proofpress:\n    per_page: 10\n",
        file="config",
    ),
)
SETTING_VALUE = Rule(
    code="PP602",
    name="setting-value",
    summary="Each setting in mkdocs.yml's extra.proofpress and extra.comments has its declared "
    "type and range.",
    hint="give the setting a value of the type the message names",
    why="A wrong value would be ignored or crash a template; a folder outside docs/ would "
    "publish files nobody proved.",
    example=Example(
        bad=EXAMPLE_CONFIG + "extra:\n  proofpress:\n    per_page: 0\n",
        good=EXAMPLE_CONFIG + "extra:\n  proofpress:\n    per_page: 12\n",
        file="config",
    ),
)
RULES = (UNKNOWN_SETTING, SETTING_VALUE)


class ConfigError(Exception):
    """The site's configuration cannot be used at all (exit code 2 in the CLI)."""


class SettingError(Exception):
    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


@dataclass(frozen=True, slots=True)
class Setting:
    name: str
    expected: str  # how messages and the README describe the type
    default: Any
    doc: str
    parse: Callable[[Any], Any]  # the typed value, or SettingError


def _describe(value: Any) -> str:
    if value is None:
        return "an empty value"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, Mapping):
        return "a mapping"
    return f"'{value}'"


def _whole(low: int, high: int) -> Callable[[Any], int]:
    def parse(value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise SettingError(
                f"expected a whole number from {low} to {high}, found {_describe(value)}"
            )
        return value

    return parse


def _boolean(value: Any) -> bool:
    if not isinstance(value, bool):
        raise SettingError(
            f"expected true or false, found {_describe(value)}", "write true or false unquoted"
        )
    return value


def _text(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise SettingError(f"expected text, found {_describe(value)}")
    return value.strip()


def _folder(value: Any) -> str:
    """A folder under docs/: relative, no '..', no backslashes."""
    text = _text(value).strip("/")
    parts = PurePosixPath(text).parts
    if "\\" in text or not parts or any(part in ("..", ".") for part in parts):
        raise SettingError(
            f"expected a folder inside docs/, found {_describe(value)}",
            "name a folder relative to docs_dir, such as posts",
        )
    return "/".join(parts)


def _choice(*allowed: str) -> Callable[[Any], str]:
    def parse(value: Any) -> str:
        if value not in allowed:
            raise SettingError(
                f"expected one of {', '.join(allowed)}, found {_describe(value)}",
                f"write {allowed[0]}",
            )
        return str(value)

    return parse


PROOFPRESS_SETTINGS: tuple[Setting, ...] = (
    Setting(
        "posts_dir",
        "a folder under docs/",
        "posts",
        "Where posts live, relative to `docs_dir`; it must exist.",
        _folder,
    ),
    Setting(
        "per_page",
        "a whole number from 1 to 500",
        20,
        "Post cards on each page of the home, tag, author and series feeds.",
        _whole(1, 500),
    ),
    Setting(
        "feed_size",
        "a whole number from 1 to 1000",
        20,
        "Newest posts in `feed.xml` and in each author's feed.",
        _whole(1, 1000),
    ),
    Setting(
        "remote_images",
        "true or false",
        False,
        "`true` lets covers, avatars and body images load from other hosts.",
        _boolean,
    ),
)

GISCUS_REQUIRED = ("repo", "repo_id", "category", "category_id")
COMMENT_SETTINGS: tuple[Setting, ...] = (
    Setting("provider", "giscus", None, "The comment system; only `giscus`.", _choice("giscus")),
    Setting("repo", "text", None, "`owner/name` of the repository (from giscus.app).", _text),
    Setting("repo_id", "text", None, "The repository id giscus.app gives.", _text),
    Setting("category", "text", None, "The Discussions category for comments.", _text),
    Setting("category_id", "text", None, "That category's id from giscus.app.", _text),
    Setting(
        "mapping",
        "text",
        "pathname",
        "How giscus maps a page to a discussion.",
        _choice("pathname", "url", "title", "og:title"),
    ),
    Setting("theme", "text", "preferred_color_scheme", "giscus' theme name.", _text),
    Setting("lang", "text", "en", "giscus' interface language.", _text),
)


@dataclass(frozen=True, slots=True)
class Settings:
    """The validated ``extra.proofpress`` values (defaults where a value was broken)."""

    posts_dir: str = "posts"
    per_page: int = 20
    feed_size: int = 20
    remote_images: bool = False
    # The giscus settings, complete, or None: each post then shows the comments placeholder.
    comments: Mapping[str, str] | None = None


@dataclass(frozen=True)
class SiteConfig:
    root: Path  # the site root: the folder of mkdocs.yml; messages are relative to it
    docs_dir: Path
    settings: Settings = field(default_factory=Settings)
    problems: tuple[Diagnostic, ...] = ()  # what is wrong with the settings
    site_url: str = ""  # mkdocs.yml's site_url: where the site is published

    @property
    def posts_dir(self) -> str:  # relative to docs_dir
        return self.settings.posts_dir

    def display(self, file: Path) -> str:
        """A path as messages show it: relative to the site root when inside it."""
        try:
            return file.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
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
    ) -> SiteConfig:
        """Validate ``extra`` (MkDocs' own mapping or plain YAML) against the schemas."""
        docs = root / docs_dir
        reader = _Reader(
            path=cls._display_path(root, config_file or root / "mkdocs.yml"),
            positions=positions or {},
        )
        extra = extra if isinstance(extra, Mapping) else {}
        values = reader.section(extra, "proofpress", PROOFPRESS_SETTINGS)
        posts_dir = values["posts_dir"]
        if "posts_dir" in reader.given and not (docs / posts_dir).is_dir():
            reader.report(
                SETTING_VALUE,
                ("extra", "proofpress", "posts_dir"),
                f"extra.proofpress.posts_dir: docs/{posts_dir} is not a folder",
                "create the folder, or name the folder your posts are in",
            )
        settings = Settings(
            posts_dir=posts_dir,
            per_page=values["per_page"],
            feed_size=values["feed_size"],
            remote_images=values["remote_images"],
            comments=reader.comments(extra),
        )
        return cls(root=root, docs_dir=docs, settings=settings, problems=tuple(reader.problems))

    @staticmethod
    def _display_path(root: Path, file: Path) -> str:
        try:
            return file.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            return file.name


@dataclass
class _Reader:
    """Validates one section of ``extra`` at a time, collecting located findings."""

    path: str  # mkdocs.yml as messages name it
    positions: Mapping[tuple[str, ...], tuple[int, int]]
    problems: list[Diagnostic] = field(default_factory=list)
    given: set[str] = field(default_factory=set)  # keys the last section set explicitly

    def report(self, rule: Any, key: tuple[str, ...], message: str, hint: str = "") -> None:
        line, column = self._locate(key)
        self.problems.append(rule.at(self.path, line, column, message, hint or None))

    def _locate(self, key: tuple[str, ...]) -> tuple[int, int]:
        """The key's own position, else its nearest located parent's, else 1:1."""
        for end in range(len(key), 0, -1):
            if key[:end] in self.positions:
                return self.positions[key[:end]]
        return 1, 1

    def section(
        self, extra: Mapping[str, Any], name: str, schema: tuple[Setting, ...]
    ) -> dict[str, Any]:
        values = {setting.name: setting.default for setting in schema}
        self.given = set()
        raw = extra.get(name)
        if raw is None:
            return values
        if not isinstance(raw, Mapping):
            self.report(
                SETTING_VALUE,
                ("extra", name),
                f"extra.{name}: expected a mapping of settings, found {_describe(raw)}",
                f"write one setting per line under extra.{name}:, or remove it",
            )
            return values
        by_name = {setting.name: setting for setting in schema}
        for key, value in raw.items():
            where = ("extra", name, str(key))
            setting = by_name.get(key) if isinstance(key, str) else None
            if setting is None:
                close = difflib.get_close_matches(str(key), list(by_name), n=1, cutoff=0.6)
                guess = f"; did you mean '{close[0]}'?" if close else ""
                self.report(
                    UNKNOWN_SETTING,
                    where,
                    f"extra.{name}: unknown setting '{key}'{guess}",
                    f"rename it to '{close[0]}'" if close else f"use one of: {', '.join(by_name)}",
                )
                continue
            try:
                values[key] = setting.parse(value)
                self.given.add(key)
            except SettingError as err:
                self.report(SETTING_VALUE, where, f"extra.{name}.{key}: {err.message}", err.hint)
        return values

    def comments(self, extra: Mapping[str, Any]) -> Mapping[str, str] | None:
        """The giscus settings when complete; a half-done setting is a finding."""
        if extra.get("comments") is None:
            return None
        before = len(self.problems)
        values = self.section(extra, "comments", COMMENT_SETTINGS)
        if len(self.problems) > before or not isinstance(extra.get("comments"), Mapping):
            return None
        missing = [key for key in ("provider", *GISCUS_REQUIRED) if key not in self.given]
        if missing:
            self.report(
                SETTING_VALUE,
                ("extra", "comments"),
                f"extra.comments: giscus needs {', '.join(missing)} (copy them from giscus.app); "
                "posts show the comments placeholder until then",
                "complete the settings, or remove extra.comments",
            )
            return None
        return {key: str(value) for key, value in values.items()}


def setting_positions(text: str) -> dict[tuple[str, ...], tuple[int, int]]:
    """File line and column (1-based) of every key under ``extra`` in mkdocs.yml's text.

    Composing (not constructing) the YAML keeps ``!ENV`` and ``!!python/name`` tags harmless.
    """
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return {}
    found: dict[tuple[str, ...], tuple[int, int]] = {}

    def walk(node: yaml.Node, prefix: tuple[str, ...], depth: int) -> None:
        if not isinstance(node, yaml.MappingNode) or depth > 3:
            return
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                here = (*prefix, str(key.value))
                found[here] = (key.start_mark.line + 1, key.start_mark.column + 1)
                walk(value, here, depth + 1)

    if isinstance(root, yaml.MappingNode):
        for key, value in root.value:
            if isinstance(key, yaml.ScalarNode) and key.value == "extra":
                found[("extra",)] = (key.start_mark.line + 1, key.start_mark.column + 1)
                walk(value, ("extra",), 1)
    return found


def read_positions(config_file: Path) -> dict[tuple[str, ...], tuple[int, int]]:
    try:
        return setting_positions(config_file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return {}


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, whose !ENV and !!python/name tags only MkDocs can resolve."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def load_site_config(config_file: Path) -> SiteConfig:
    try:
        text = config_file.read_text(encoding="utf-8")
        data = yaml.load(text, Loader=_TolerantLoader)
    except FileNotFoundError:
        raise ConfigError(f"{config_file}: not found; run from the site root or pass -f") from None
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as err:
        raise ConfigError(f"{config_file}: cannot be read: {err}") from None
    if not isinstance(data, dict):
        raise ConfigError(f"{config_file}: expected a mapping of settings")
    root = config_file.resolve().parent
    docs_dir = data.get("docs_dir") or "docs"
    if not isinstance(docs_dir, str):
        raise ConfigError(f"{config_file}: docs_dir: expected a folder name")
    site = SiteConfig.from_values(
        root, docs_dir, data.get("extra"), config_file, setting_positions(text)
    )
    site_url = data.get("site_url")
    return replace(site, site_url=site_url) if isinstance(site_url, str) else site
