"""``proofpress new``: start a post from its kind's skeleton, as a draft, without overwriting."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from proofpress.check.engine import load_context
from proofpress.reading.frontmatter_handler import dumps
from proofpress.records.kinds import KINDS, get_kind
from proofpress.records.schema import (
    SLUG_RE,
    FieldError,
    Place,
    parse_tags,
    parse_text,
    parse_title,
    slugify,
)
from proofpress.records.settings import SiteConfig


class ScaffoldError(Exception):
    """The post cannot be created as asked; nothing was written."""


@dataclass(frozen=True)
class NewPost:
    title: str
    author: str
    kind: str = "article"
    tags: str = ""
    slug: str = ""
    description: str = ""


def create(site: SiteConfig, request: NewPost, today: date) -> Path:
    """Write ``docs/<posts>/<slug>.md`` and return its path; never replaces an existing file."""
    kind = get_kind(request.kind)
    if kind is None:
        raise ScaffoldError(f"unknown kind '{request.kind}'; expected one of: {', '.join(KINDS)}")
    ctx, _ = load_context(site)
    author = ctx.authors.get(request.author)
    if author is None:
        known = ", ".join(sorted(ctx.authors)) or "none"
        raise ScaffoldError(f"unknown author '{request.author}' (registered: {known})")
    title = _field("title", parse_title, request.title)
    description = _field("--description", parse_text, request.description)
    slug = _slug(request.slug, title)
    tags = _tags(request.tags)
    metadata: dict[str, Any] = {"title": title}
    if description:
        metadata["description"] = description
    metadata |= {"date": today, "author": request.author}
    if tags:
        metadata["tags"] = list(tags)
    if kind.name != "article":
        metadata["kind"] = kind.name
    metadata["published"] = False
    target = site.docs_dir / site.posts_dir / f"{slug}.md"
    _inside_docs(site, target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        _inside_docs(site, target)  # again: the folder made may be a symlink that leaves
        with target.open("x", encoding="utf-8") as out:  # "x": fail rather than overwrite
            out.write(dumps(metadata, kind.skeleton(signature=author.name)))
    except FileExistsError:
        if target.is_file() or target.is_symlink():
            raise ScaffoldError(
                f"{site.display(target)} already exists; it was left as it is"
            ) from None
        raise ScaffoldError(
            f"cannot create {site.display(target)}: a file stands where a folder is needed"
        ) from None
    except OSError as err:
        raise ScaffoldError(
            f"cannot create {site.display(target)}: {err.strerror or err}"
        ) from None
    return target


def _slug(given: str, title: str) -> str:
    """``--slug`` exactly as given when it is a valid slug, else the title's slug."""
    if given:
        if not SLUG_RE.match(given):
            suggestion = slugify(given)
            try_this = f"; try --slug {suggestion}" if suggestion else ""
            raise ScaffoldError(
                f"--slug '{given[:80]}' is not a slug: use lowercase letters and digits "
                f"joined by single hyphens{try_this}"
            )
        return given
    slug = slugify(title)
    if not slug:
        raise ScaffoldError(
            f"the title '{title[:80]}' has no letters a to z or digits to make a slug from; "
            "pass --slug"
        )
    return slug


def _field(name: str, parse: Any, value: str) -> Any:
    try:
        return parse(value, Place("", lambda _: False))
    except FieldError as err:
        raise ScaffoldError(f"{name}: {err.message}") from None


def _inside_docs(site: SiteConfig, target: Path) -> None:
    """Refuse to write anywhere but inside ``docs/`` (symlinks resolved)."""
    docs = site.docs_dir.resolve()
    if not target.resolve().is_relative_to(docs):
        raise ScaffoldError(
            f"refusing to write {target}: it resolves outside {site.display(site.docs_dir)}/"
        )


def _tags(text: str) -> tuple[str, ...]:
    try:
        return parse_tags(text, Place("", lambda _: False))
    except FieldError as err:
        raise ScaffoldError(f"tags: {err.message}") from None
