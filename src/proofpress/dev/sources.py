"""Where imported posts come from: files written for DEV, a DEV export, or DEV's API.

Every source yields :class:`Incoming` posts: the front matter as DEV reads it, the body, a slug,
and where relative files and dates can be looked up. Nothing here writes anything.

DEV reads front matter loosely (``app/models/article.rb``): before parsing it quotes ``title``
and ``description``, lowercases ``published:`` and turns ``tags: #a #b`` into ``a, b``.
:func:`dev_front_matter` does the same, then reads the YAML with anchors and aliases refused.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import yaml

from proofpress.reading.reader import FENCED, MAX_FILE_BYTES, decode
from proofpress.reading.yamlsafe import YamlProblem, compose
from proofpress.records.urls import slugify

OUTSIDE = "a symbolic link to a file outside the source; not imported"
SKIPPED_FOLDERS = {"node_modules"}  # besides hidden folders (.git, .github, …)
_QUOTED_KEYS = re.compile(r"^(title|description):[ \t]*(\S.*?)[ \t]*$", re.MULTILINE)
_PUBLISHED = re.compile(r"^published:.*$", re.MULTILINE)
_HASH_TAGS = re.compile(r"^tags:[ \t]*(#.*?)[ \t]*$", re.MULTILINE)
_TEMP_SLUG = re.compile(r"-temp-slug-\d+$")
_PROXIED = re.compile(
    r"^https://[^/]+/dynamic/image/[^/]*/(https?%3A%2F%2F[^/?#]+)$", re.IGNORECASE
)


class SourceError(Exception):
    """A source cannot be read at all (a bad path, a malformed export): bad usage."""


@dataclass
class Incoming:
    origin: str  # how the summary names it: a path, or "articles.json: <slug>"
    slug: str
    fields: dict[str, Any] = field(default_factory=dict)  # front matter as DEV reads it
    body: str = ""
    folder: Path | None = None  # the folder relative references start from
    root: Path | None = None  # relative files must lie inside it
    file: Path | None = None  # the source file, for its git history and modification time
    dates: dict[str, Any] = field(default_factory=dict)  # other dates: {"created_at": …}
    problem: str = ""  # why this file is not imported (not a DEV post, unreadable)


def dev_front_matter(text: str) -> tuple[dict[str, Any] | None, str]:
    """(front matter, body) of a DEV post; (None, text) when it has no front matter.

    Raises :class:`ValueError` with a reason when the front matter cannot be read.
    """
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    match = FENCED.match(text)
    if match is None:
        return None, text
    source = _QUOTED_KEYS.sub(_quote, match.group(1))
    source = _PUBLISHED.sub(lambda m: m.group(0).lower(), source)
    source = _HASH_TAGS.sub(lambda m: "tags: " + json.dumps(_hash_tags(m.group(1))), source)
    try:
        compose(source)  # refuses anchors, aliases and deep nesting before anything is built
        data = yaml.safe_load(source)
    except YamlProblem as err:
        raise ValueError(f"line {err.line + 2}: {err.message}") from None
    except yaml.YAMLError as err:
        raise ValueError(f"the front matter is not YAML: {err}") from None
    if data is None:
        data = {}
    if not isinstance(data, dict) or not all(isinstance(key, str) for key in data):
        raise ValueError("the front matter is not a mapping of keys to values")
    return data, text[match.end() :]


def _quote(match: re.Match[str]) -> str:
    value = match.group(2)
    if value[0] in "\"'|>":  # already quoted, or a block scalar
        return match.group(0)
    return f"{match.group(1)}: {json.dumps(value, ensure_ascii=False)}"


def _hash_tags(text: str) -> str:
    return ", ".join(part for part in re.split(r"[\s#,]+", text) if part)


# ------------------------------------------------------------------------------- folders


def from_path(source: Path) -> Iterator[Incoming]:
    """Posts from a folder (recursively), one Markdown file, or a DEV export's articles.json."""
    if source.is_dir():
        yield from _from_folder(source)
    elif source.suffix.lower() == ".json":
        yield from from_export(source)
    elif source.is_file():
        yield from_file(source.parent.resolve() / source.name, source.parent.resolve())
    else:
        raise SourceError(f"{source}: not a folder, a Markdown file or an articles.json")


def _from_folder(root: Path) -> Iterator[Incoming]:
    root = root.resolve()
    for file in sorted(root.rglob("*.md")):
        inside = file.relative_to(root).parts[:-1]
        if any(part.startswith(".") or part in SKIPPED_FOLDERS for part in inside):
            continue
        if file.is_file():
            yield from_file(file, root)


def from_file(file: Path, root: Path) -> Incoming:
    """One Markdown file; it and the files it refers to must lie inside ``root`` (the SOURCE
    folder): a symbolic link to anything outside is refused, never followed."""
    origin = f"{root.name}/{file.relative_to(root).as_posix()}"
    incoming = Incoming(
        origin=origin, slug=_file_slug(file), folder=file.parent, root=root, file=file
    )
    try:
        if not file.resolve().is_relative_to(root):
            incoming.problem = OUTSIDE
            return incoming
        if file.stat().st_size > MAX_FILE_BYTES:
            incoming.problem = f"larger than {MAX_FILE_BYTES:,} bytes"
            return incoming
        text, problem = decode(file.read_bytes(), incoming.origin)
    except OSError as err:
        incoming.problem = f"cannot be read: {err.strerror}"
        return incoming
    except RuntimeError:  # a symbolic link loop
        incoming.problem = "cannot be read: a symbolic link loop"
        return incoming
    if text is None:
        incoming.problem = problem.message if problem else "cannot be read"
        return incoming
    try:
        fields, body = dev_front_matter(text)
    except ValueError as err:
        incoming.problem = f"front matter DEV cannot read: {err}"
        return incoming
    if not fields or "title" not in fields:
        incoming.problem = "not a DEV post (no front matter with a title)"
        return incoming
    incoming.fields, incoming.body = fields, body
    return incoming


def _file_slug(file: Path) -> str:
    """``blog-posts/<slug>/<slug>.md`` and ``<slug>/index.md`` take the folder's name."""
    stem = file.stem
    if stem.lower() in ("index", "readme") or stem == file.parent.name:
        stem = file.parent.name
    return slugify(stem)


# --------------------------------------------------------------------- export and API


def from_export(file: Path) -> Iterator[Incoming]:
    """The articles of a DEV content export's ``articles.json``."""
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as err:
        raise SourceError(f"{file}: cannot be read as JSON: {err}") from None
    except RecursionError:
        raise SourceError(f"{file}: cannot be read as JSON: nested too deeply") from None
    if isinstance(data, dict) and isinstance(data.get("articles"), list):
        data = data["articles"]
    if not isinstance(data, list):
        raise SourceError(f"{file}: expected a list of articles (DEV's articles.json)")
    for number, item in enumerate(data, 1):
        if isinstance(item, dict):
            yield from_article(item, f"{file.name}: {item.get('slug') or f'article {number}'}")


def from_article(article: dict[str, Any], origin: str) -> Incoming:
    """One article as DEV's export or API gives it; front matter inside its body wins."""
    title = article.get("title")
    slug = _TEMP_SLUG.sub("", str(article.get("slug") or "")) or str(title or "")
    incoming = Incoming(origin=origin, slug=slugify(slug))
    fields: dict[str, Any] = {
        "title": title,
        "description": article.get("description"),
        "published": article.get("published"),
        "published_at": article.get("published_at"),
        "tags": _article_tags(article),
        "cover_image": unproxied(article.get("main_image") or article.get("cover_image")),
        "canonical_url": article.get("canonical_url"),
        "series": article.get("series"),
    }
    try:
        front, body = dev_front_matter(str(article.get("body_markdown") or ""))
    except ValueError as err:
        incoming.problem = f"front matter DEV cannot read: {err}"
        return incoming
    if not article.get("published") and fields["canonical_url"] == _dev_url(article):
        fields["canonical_url"] = None  # DEV's default for a draft: its own temporary URL
    fields.update(front or {})
    incoming.fields, incoming.body = fields, body
    incoming.dates = {"created_at": article.get("created_at")}
    if not fields.get("title"):
        incoming.problem = "the article has no title"
    return incoming


def _dev_url(article: dict[str, Any]) -> Any:
    path = article.get("path")
    return article.get("url") or (f"https://dev.to{path}" if isinstance(path, str) else None)


def unproxied(url: Any) -> Any:
    """The original address inside a DEV image-proxy URL (``…/dynamic/image/…/https%3A%2F%2F…``).

    DEV's API serves covers through its proxy; the original is the image the writer chose.
    """
    if isinstance(url, str):
        match = _PROXIED.search(url)
        if match:
            return unquote(match.group(1))
    return url


def _article_tags(article: dict[str, Any]) -> Any:
    for key in ("tag_list", "tags", "cached_tag_list"):
        value = article.get(key)
        if value:
            return value
    return None
