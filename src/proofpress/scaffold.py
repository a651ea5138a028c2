"""``proofpress new``: start a post from its kind's skeleton, as a draft, without overwriting."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from proofpress.engine import load_context
from proofpress.frontmatter_handler import dumps
from proofpress.kinds import KINDS, get_kind
from proofpress.schema import FieldError, Place, parse_tags, slugify
from proofpress.settings import SiteConfig


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
    slug = request.slug or slugify(request.title)
    if not slug:
        raise ScaffoldError("the title gives an empty slug; pass --slug")
    tags = _tags(request.tags)
    metadata: dict[str, Any] = {"title": request.title}
    if request.description:
        metadata["description"] = request.description
    metadata |= {"date": today, "author": request.author}
    if tags:
        metadata["tags"] = list(tags)
    if kind.name != "article":
        metadata["kind"] = kind.name
    metadata["published"] = False
    target = site.docs_dir / site.posts_dir / f"{slug}.md"
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with target.open("x", encoding="utf-8") as out:  # "x": fail rather than overwrite
            out.write(dumps(metadata, kind.skeleton(signature=author.name)))
    except FileExistsError:
        raise ScaffoldError(
            f"{site.display(target)} already exists; it was left as it is"
        ) from None
    return target


def _tags(text: str) -> tuple[str, ...]:
    try:
        return parse_tags(text, Place("", lambda _: False))
    except FieldError as err:
        raise ScaffoldError(f"tags: {err.message}") from None
