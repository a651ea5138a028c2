"""What templates print about posts and authors, escaped once, here.

MkDocs renders templates without autoescaping, so every text field that comes from front matter
or the authors file is a ``markupsafe.Markup`` already escaped for HTML text and attributes:
templates print it as is (``|e`` on it is a no-op, never a double escape). Local paths are
percent-encoded (no character that needs HTML escaping) and go through MkDocs' ``url`` filter.
Values meant for JSON (``json_ld``) stay raw: Jinja's ``tojson`` escapes them for ``<script>``.
"""

from __future__ import annotations

import colorsys
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from urllib.parse import quote, urljoin

from markupsafe import Markup, escape

from proofpress.records.authors import Author
from proofpress.records.model import Post
from proofpress.records import urls
from proofpress.site.catalog import Catalog
from proofpress.core.weburl import browser_host, is_remote_url, url_scheme
from proofpress.body.words import reading_minutes

WEB = ("http", "https")  # the only links the authors registry may give (checked there too)
UPDATED_AFTER = timedelta(days=1)  # DEV shows "Updated on" only for edits a day or more later


def show_date(value: date) -> str:
    return f"{value:%b} {value.day}, {value.year}"


def is_remote(path: str) -> bool:
    return is_remote_url(path)


def local_path(path: str) -> str:
    return quote(path.lstrip("/"), safe="/")


def absolute(site_url: str | None, path: str) -> str | None:
    return urljoin(site_url.rstrip("/") + "/", path) if site_url else None


def escaped(settings: Mapping[str, str] | None) -> dict[str, Markup] | None:
    """Settings printed into attributes (the giscus ones), escaped once per build."""
    return None if settings is None else {key: escape(value) for key, value in settings.items()}


@dataclass(frozen=True)
class Image:
    """A picture: a local path (for ``|url``), or an escaped remote URL, or nothing."""

    local: str | None = None
    remote: Markup | None = None
    absolute: str | None = None  # raw, for Open Graph (escaped in templates) and JSON

    @classmethod
    def of(cls, path: str | None, site_url: str | None, *, remote_allowed: bool) -> Image:
        if not path:
            return cls()
        if is_remote(path):
            return cls(remote=escape(path) if remote_allowed else None, absolute=path)
        local = local_path(path)
        return cls(local=local, absolute=absolute(site_url, local))

    def __bool__(self) -> bool:
        return bool(self.local or self.remote)


def _luminance(rgb: tuple[float, float, float]) -> float:
    """WCAG 2 relative luminance of an sRGB colour (channels 0-1)."""
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: tuple[float, float, float], b: tuple[float, float, float]) -> float:
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


LIGHT_CARD = (1.0, 1.0, 1.0)  # DEV's card, light
DARK_CARD = (0x17 / 255, 0x17 / 255, 0x17 / 255)  # DEV's card, dark (#171717)
TAG_CONTRAST = 5.0  # above WCAG AA's 4.5, so the hover tint keeps the text readable


def _hex(rgb: tuple[float, float, float]) -> str:
    return "#" + "".join(f"{round(c * 255):02x}" for c in rgb)


def _readable(hue: float, lightness: float, saturation: float, card: tuple[float, ...]) -> str:
    """The colour of ``hue``/``saturation`` nearest ``lightness`` readable as text on ``card``."""
    step = -0.01 if card == LIGHT_CARD else 0.01
    while 0.0 <= lightness <= 1.0:
        rgb = colorsys.hls_to_rgb(hue, lightness, saturation)
        if contrast(rgb, card) >= TAG_CONTRAST:  # type: ignore[arg-type]
            return _hex(rgb)
        lightness += step
    return "#000000" if card == LIGHT_CARD else "#ffffff"


def tag_colors(name: str, chosen: str | None = None) -> tuple[str, str]:
    """A tag's ``#`` colour on light and on dark cards: the site's chosen ``#rrggbb`` for it, or
    a hue taken from the tag's name (stable across builds and sites); each one made darker or
    lighter, keeping its hue, until it reads as text on DEV's card."""
    if chosen:
        r, g, b = (int(chosen[i : i + 2], 16) / 255 for i in (1, 3, 5))
        hue, lightness, saturation = colorsys.rgb_to_hls(r, g, b)
        light_l, dark_l = lightness, lightness
    else:
        hue = int.from_bytes(hashlib.sha256(name.encode()).digest()[:2]) % 360 / 360
        saturation, light_l, dark_l = 0.7, 0.45, 0.65
    return (
        _readable(hue, light_l, saturation, LIGHT_CARD),
        _readable(hue, dark_l, saturation, DARK_CARD),
    )


@dataclass(frozen=True)
class Tag:
    name: Markup
    url: str
    color: str = "#3b49df"  # "#rrggbb" on light cards (no character needs escaping)
    dark_color: str = "#a5b4fc"  # on dark cards

    @classmethod
    def of(cls, name: str, chosen: str | None = None) -> Tag:
        light, dark = tag_colors(name, chosen)
        return cls(escape(name), urls.tag_url(name), light, dark)


@dataclass(frozen=True)
class AuthorView:
    key: str
    name: Markup
    username: Markup
    url: str
    feed_url: str
    bio: Markup
    location: Markup
    work: Markup
    website: Markup
    joined_iso: str
    joined: str
    avatar: Image
    initials: Markup

    @classmethod
    def of(cls, author: Author, site_url: str | None, *, remote_images: bool) -> AuthorView:
        words = [w for w in author.name.split() if w[:1].isalnum()]
        initials = "".join(w[0] for w in words[:2]).upper() or author.username[:1].upper()
        return cls(
            key=author.key,
            name=escape(author.name),
            username=escape(author.username),
            url=urls.author_url(author.username),
            feed_url=urls.author_feed(author.username),
            bio=escape(author.bio),
            location=escape(author.location),
            work=escape(author.work),
            website=escape(author.website) if url_scheme(author.website) in WEB else Markup(),
            joined_iso=author.joined.isoformat() if author.joined else "",
            joined=show_date(author.joined) if author.joined else "",
            avatar=Image.of(author.avatar, site_url, remote_allowed=remote_images),
            initials=escape(initials),
        )


@dataclass(frozen=True)
class PostView:
    src_uri: str
    title: Markup
    description: Markup
    summary: Markup  # the description, else the first paragraph
    url: str
    absolute_url: str | None
    canonical: Markup  # canonical_url when set, else this page's own absolute URL
    origin_host: Markup  # the host of canonical_url, "" when unset
    published_iso: str
    published: str
    updated_iso: str
    updated: str  # "" unless a day or more after the publication
    reading_minutes: int
    tags: tuple[Tag, ...]
    cover: Image
    cover_alt: Markup  # cover_alt, else DEV's "Cover image for <title>"
    author: AuthorView
    series: Markup
    series_url: str
    status: str  # "", "draft" or "scheduled"
    comments: bool
    json_ld: dict[str, object]


class Views:
    """Builds each post's and author's view once per build (cached: linear overall)."""

    def __init__(
        self, catalog: Catalog, site_url: str | None, now: datetime, *, remote_images: bool
    ) -> None:
        self.catalog = catalog
        self.site_url = site_url
        self.now = now
        self.remote_images = remote_images
        self.excerpts: dict[str, str] = {}  # src_uri -> first paragraph, filled as pages render
        self._posts: dict[str, PostView] = {}
        self._authors: dict[str, AuthorView] = {}
        self._tags: dict[str, Tag] = {}
        self.tag_colors: Mapping[str, str] = {}  # tag -> "#rrggbb" the site chose

    def forget(self, src_uri: str) -> None:
        """Drop a post's view: its first paragraph changed since it was made."""
        self._posts.pop(src_uri, None)

    def author(self, key: str) -> AuthorView:
        view = self._authors.get(key)
        if view is None:
            author = self.catalog.authors[key]
            view = AuthorView.of(author, self.site_url, remote_images=self.remote_images)
            self._authors[key] = view
        return view

    def tag(self, name: str) -> Tag:
        view = self._tags.get(name)
        if view is None:
            view = self._tags[name] = Tag.of(name, self.tag_colors.get(name))
        return view

    def post(self, post: Post) -> PostView:
        view = self._posts.get(post.src_uri)
        if view is None:
            view = self._post_view(post)
            self._posts[post.src_uri] = view
        return view

    def posts(self, posts: list[Post]) -> list[PostView]:
        return [self.post(p) for p in posts]

    def _post_view(self, post: Post) -> PostView:
        url = self.catalog.url_of(post)
        own = absolute(self.site_url, url)
        author = self.author(post.author)
        updated = (
            post.updated if post.updated and post.updated - post.date >= UPDATED_AFTER else None
        )
        cover = Image.of(post.cover_image, self.site_url, remote_allowed=self.remote_images)
        summary = post.description or self.excerpts.get(post.src_uri, "")
        status = "draft" if post.is_draft() else "scheduled" if post.is_scheduled(self.now) else ""
        return PostView(
            src_uri=post.src_uri,
            title=escape(post.title),
            description=escape(post.description),
            summary=escape(summary),
            url=url,
            absolute_url=own,
            canonical=escape(post.canonical_url or own or ""),
            origin_host=escape(browser_host(post.canonical_url or "") or ""),
            published_iso=post.date.isoformat(),
            published=show_date(post.date),
            updated_iso=updated.isoformat() if updated else "",
            updated=show_date(updated) if updated else "",
            reading_minutes=reading_minutes(post.body),
            tags=tuple(self.tag(t) for t in post.tags),
            cover=cover,
            cover_alt=escape(post.cover_alt or f"Cover image for {post.title}"),
            author=author,
            series=escape(post.series or ""),
            series_url=self.catalog.series_url(post.series)
            if post.series in self.catalog.series_slugs
            else "",
            status=status,
            comments=post.comments,
            json_ld=self._json_ld(post, own, cover, author),
        )

    def _json_ld(
        self, post: Post, own: str | None, cover: Image, author: AuthorView
    ) -> dict[str, object]:
        data: dict[str, object] = {
            "@context": "https://schema.org",
            "@type": "Article",
            "headline": post.title,
            "description": post.description,
            "author": {
                "@type": "Person",
                "name": self.catalog.authors[post.author].name,
                "url": absolute(self.site_url, author.url),
            },
            "datePublished": post.date.isoformat(),
            "dateModified": (post.updated or post.date).isoformat(),
            "keywords": list(post.tags),
        }
        if own:
            data["mainEntityOfPage"] = own
            data["url"] = own
        if cover.absolute:
            data["image"] = cover.absolute
        return data
