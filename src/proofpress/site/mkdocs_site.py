"""MkDocs events that turn the validated posts into the DEV-style site.

``hooks/site.py`` re-exports these handlers. They run after the check hook
(``proofpress.mkdocs_check``), whose ``on_files`` (priority 100) has read and validated every
post; this module never reads front matter itself.

- ``on_files``: moves each post to ``<username>/<slug>/``, hides drafts and scheduled posts (left
  out entirely by ``mkdocs build``, marked draft for ``mkdocs serve``) and the media only they
  use, and adds the generated listing pages and feeds.
- ``on_page_markdown``: replaces a page's metadata with escaped values and picks its template.
- ``on_page_content``: sanitizes post bodies and keeps each one's first paragraph.
- ``on_page_context``: hands templates the escaped views (``pp_post``, ``pp_listing``).
- ``on_env``: writes the feeds once every body is rendered.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from jinja2 import Environment
from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from proofpress.dialect import site as dialect
from proofpress.dialect.extension import Links
from proofpress.mkdocs_check import is_preview, last_result, site_config
from proofpress.model import Post
from proofpress.site import feeds, media, sanitize, urls
from proofpress.site.catalog import Catalog
from proofpress.site.listings import Listing, all_listings
from proofpress.site.views import PostView, Views, absolute

log = get_plugin_logger("proofpress.site")

GISCUS_KEYS = ("repo", "repo_id", "category", "category_id")


@dataclass
class Options:
    per_page: int = 20
    feed_size: int = 20
    remote_images: bool = False  # show covers, avatars and body images from other hosts

    @classmethod
    def from_extra(cls, extra: Any) -> Options:
        raw = _section(extra, "proofpress")
        options = cls()
        for name in ("per_page", "feed_size"):
            value = raw.get(name, getattr(options, name))
            if isinstance(value, int) and not isinstance(value, bool) and value > 0:
                setattr(options, name, value)
            else:
                log.warning(f"extra.proofpress.{name}: expected a whole number above 0")
        remote = raw.get("remote_images", False)
        if isinstance(remote, bool):
            options.remote_images = remote
        else:
            log.warning("extra.proofpress.remote_images: expected true or false")
        return options


def _section(extra: Any, name: str) -> Mapping[str, Any]:
    """``extra.<name>`` of mkdocs.yml as a mapping (MkDocs' ``extra`` is a Mapping, not a dict)."""
    value = extra.get(name) if isinstance(extra, Mapping) else None
    return value if isinstance(value, Mapping) else {}


@dataclass
class _Feed:
    file: File
    title: str
    link: str
    description: str
    posts: list[Post]


@dataclass
class _State:
    now: datetime = field(default_factory=lambda: datetime.now(UTC))
    options: Options = field(default_factory=Options)
    catalog: Catalog = field(default_factory=lambda: Catalog(authors={}))
    views: Views | None = None
    posts: dict[str, Post] = field(default_factory=dict)  # src_uri -> post with a page
    listings: dict[str, Listing] = field(default_factory=dict)  # src_uri -> listing page
    feeds: list[_Feed] = field(default_factory=list)
    comments: dict[str, Any] | None = None  # giscus settings, or None for the placeholder
    links: Links = field(default_factory=Links)  # what DEV's link tags find on this site
    embeds: bool = False  # players as sandboxed iframes instead of click-to-load cards


_state = _State()


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _state
    _state = _State(options=Options.from_extra(config.extra))
    _state.comments = _giscus(config.extra)
    _state.links = dialect.add_extension(config)
    _state.embeds = dialect.read_settings(config.extra)[1]
    return config


def _giscus(extra: Any) -> dict[str, Any] | None:
    """The escaped giscus settings from ``extra.comments``, or None for the placeholder.

    Read once per build; an incomplete setting warns (so a strict build fails) instead of
    silently showing the placeholder.
    """
    comments = _section(extra, "comments")
    if not comments:
        return None
    provider = comments.get("provider")
    if provider != "giscus":
        log.warning(f"extra.comments.provider: expected 'giscus', found {provider!r}")
        return None
    missing = [key for key in GISCUS_KEYS if not comments.get(key)]
    if missing:
        log.warning(
            f"extra.comments: giscus needs {', '.join(missing)} (copy them from giscus.app); "
            "posts show the comments placeholder until then"
        )
        return None
    settings: dict[str, str | int] = {
        "mapping": "pathname",
        "theme": "preferred_color_scheme",
        "lang": "en",
    }
    settings.update({k: v for k, v in comments.items() if isinstance(v, str | int)})
    return {key: escape(str(value)) for key, value in settings.items()}


# --- on_files: URLs, drafts, generated pages --------------------------------------------------


@event_priority(50)  # after the check hook (100), which validated the posts
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    result = last_result()
    catalog = Catalog.build(result.posts, result.authors, _state.now)
    _state.catalog = catalog
    dialect.fill_links(_state.links, catalog)
    _state.views = Views(
        catalog, config.site_url, _state.now, remote_images=_state.options.remote_images
    )
    for post in catalog.live:
        _place_post(files, post, InclusionLevel.NOT_IN_NAV)
    for post in catalog.hidden:
        if is_preview():
            _place_post(files, post, InclusionLevel.DRAFT)
        elif (file := files.get_file_from_path(post.src_uri)) is not None:
            files.remove(file)
    if not is_preview():
        _drop_hidden_media(files, catalog, config)
    _add_listings(files, catalog, config)
    _add_feeds(files, catalog, config)
    _check_destinations(files)
    return files


def _place_post(files: Files, post: Post, inclusion: InclusionLevel) -> None:
    file = files.get_file_from_path(post.src_uri)
    if file is None:
        return
    url = _state.catalog.url_of(post)
    file.dest_uri = urls.dest_uri_for(url)
    file.url = url
    file.abs_dest_path = _dest_path(file)
    file.inclusion = inclusion
    _state.posts[post.src_uri] = post


def _dest_path(file: File) -> str:
    return os.path.normpath(os.path.join(file.dest_dir, file.dest_uri))


def _drop_hidden_media(files: Files, catalog: Catalog, config: MkDocsConfig) -> None:
    if not catalog.hidden:
        return
    posts_dir = site_config(config).posts_dir
    post_uris = {p.src_uri for p in catalog.live} | {p.src_uri for p in catalog.hidden}
    pages = (
        (f.src_uri, f.content_string)
        for f in files.documentation_pages()
        if f.src_uri not in post_uris and f.generated_by is None
    )
    media_uris = [f.src_uri for f in files if not f.is_documentation_page()]
    for src_uri in media.hidden_only(catalog.live, catalog.hidden, pages, media_uris, posts_dir):
        file = files.get_file_from_path(src_uri)
        if file is not None:
            files.remove(file)


def _add_listings(files: Files, catalog: Catalog, config: MkDocsConfig) -> None:
    for listing in all_listings(catalog, _state.options.per_page):
        src_uri = urls.src_uri_for(listing.url)
        if listing.url == "" and files.get_file_from_path(src_uri) is not None:
            _state.listings[src_uri] = listing  # docs/index.md: its text leads the home feed
            continue
        if files.get_file_from_path(src_uri) is not None:
            log.warning(f"docs/{src_uri} takes the place of the generated page /{listing.url}")
            continue
        page = File.generated(config, src_uri, content="", inclusion=InclusionLevel.NOT_IN_NAV)
        files.append(page)
        _state.listings[src_uri] = listing


def _add_feeds(files: Files, catalog: Catalog, config: MkDocsConfig) -> None:
    if not config.site_url:
        log.warning("site_url is not set: feeds need absolute links, so none was written")
        return
    size = _state.options.feed_size
    wanted = [(urls.SITE_FEED, config.site_name, "", config.site_description, catalog.live)]
    for key, posts in catalog.by_author.items():
        author = catalog.authors[key]
        wanted.append(
            (
                urls.author_feed(author.username),
                f"{author.name} - {config.site_name}",
                urls.author_url(author.username),
                author.bio or f"Posts by {author.name}",
                posts,
            )
        )
    for src_uri, title, link, description, posts in wanted:
        if files.get_file_from_path(src_uri) is not None:
            log.warning(f"docs/{src_uri} takes the place of the generated feed /{src_uri}")
            continue
        file = File.generated(config, src_uri, content=b"")
        files.append(file)
        _state.feeds.append(_Feed(file, title, link, description or "", posts[:size]))


def _check_destinations(files: Files) -> None:
    """Two files written to one place would silently overwrite each other."""
    seen: dict[str, str] = {}
    for file in files:
        if file.inclusion.is_excluded() and not is_preview():
            continue
        other = seen.setdefault(file.dest_uri, file.src_uri)
        if other != file.src_uri:
            log.warning(
                f"'{file.src_uri}' and '{other}' would both be written to /{file.dest_uri}; "
                "rename a username, slug, tag or series, or move the file"
            )


# --- pages --------------------------------------------------------------------------------


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    src_uri = page.file.src_uri
    _state.links.page_url = page.url  # the dialect's links are relative to the page
    if (post := _state.posts.get(src_uri)) is not None:
        page.meta = _post_meta(post)
    elif (listing := _state.listings.get(src_uri)) is not None:
        page.meta = {**_escaped(page.meta), **_listing_meta(listing, config)}
    else:
        page.meta = _escaped(page.meta)
    return markdown


def _escaped(meta: Mapping[str, Any]) -> dict[str, Any]:
    """Material prints these raw: escape them at the source, once."""
    clean = dict(meta)
    for key in ("title", "description", "author"):
        if isinstance(clean.get(key), str):
            clean[key] = escape(clean[key])
    return clean


def _post_meta(post: Post) -> dict[str, Any]:
    return {
        "title": escape(post.title),
        "description": escape(post.description),
        "author": escape(post.author),
        "tags": list(post.tags),
        "template": "pp-post.html",
    }


def _listing_meta(listing: Listing, config: MkDocsConfig) -> dict[str, Any]:
    catalog = _state.catalog
    if listing.kind == "tag":
        title, description = f"#{listing.key}", f"Posts tagged #{listing.key}"
    elif listing.kind == "author":
        author = catalog.authors[listing.key]
        title, description = author.name, author.bio or f"Posts by {author.name}"
    elif listing.kind == "series":
        title = f"{listing.key} ({listing.total} Part Series)"
        description = f"Every part of the series {listing.key}"
    else:
        title, description = config.site_name, config.site_description or ""
    if listing.number > 1:
        title = f"{title} (page {listing.number})"
    return {
        "title": escape(title),
        "description": escape(description),
        "template": "pp-listing.html",
        "search": {"exclude": True},  # search holds posts only
    }


@event_priority(50)  # before the check hook prepends its (trusted) findings in previews
def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if not isinstance(page.title, Markup) and page.title is not None:
        page.title = escape(page.title)
    post = _state.posts.get(page.file.src_uri)
    if post is None or _state.views is None:
        return html
    body = sanitize.demote_headings(
        sanitize.clean(html, remote_images=_state.options.remote_images, embeds=_state.embeds)
    )
    _state.views.excerpts[post.src_uri] = sanitize.excerpt(body)
    return body


def on_page_context(
    context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Any
) -> dict[str, Any]:
    views = _state.views
    if views is None:
        return context
    catalog = _state.catalog
    src_uri = page.file.src_uri
    context["pp_comments"] = _state.comments
    if (post := _state.posts.get(src_uri)) is not None:
        context["pp_post"] = views.post(post)
        context["pp_page"] = _post_page(post, views, catalog)
    elif (listing := _state.listings.get(src_uri)) is not None:
        context["pp_listing"] = _listing_page(listing, views, catalog, config)
    return context


def _post_page(post: Post, views: Views, catalog: Catalog) -> dict[str, Any]:
    total, window, start = catalog.series_parts(post)
    return {
        "more_from": views.posts(catalog.more_from(post)),
        "read_next": views.posts(catalog.read_next(post)),
        "series_total": total,
        "series_window": [
            (start + offset + 1, views.post(part), part.src_uri == post.src_uri)
            for offset, part in enumerate(window)
        ],
        "series_more": total > len(window),
        "feed": urls.author_feed(catalog.authors[post.author].username),
    }


def _listing_page(
    listing: Listing, views: Views, catalog: Catalog, config: MkDocsConfig
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "kind": listing.kind,
        "cards": views.posts(listing.posts),
        "number": listing.number,
        "pages": listing.pages,
        "total": listing.total,
        "previous_url": listing.previous_url,
        "next_url": listing.next_url,
        "feed": urls.SITE_FEED,
        "tag": escape(listing.key) if listing.kind == "tag" else None,
        "author": views.author(listing.key) if listing.kind == "author" else None,
        "series": escape(listing.key) if listing.kind == "series" else None,
        "first_part": (listing.number - 1) * _state.options.per_page + 1,
        "previews": [],
    }
    if listing.kind == "author":
        data["feed"] = urls.author_feed(catalog.authors[listing.key].username)
    if listing.kind == "home" and listing.number == 1 and is_preview():
        data["previews"] = views.posts(catalog.hidden)
    return data


# --- feeds ----------------------------------------------------------------------------------


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    """Every post body is rendered by now, so feed summaries can use first paragraphs."""
    views = _state.views
    if views is None:
        return env
    for feed in _state.feeds:
        feed.file.content_bytes = feeds.rss(
            title=feed.title,
            link=absolute(config.site_url, feed.link) or feed.link,
            description=feed.description,
            self_url=absolute(config.site_url, feed.file.url) or feed.file.url,
            posts=[views.post(p) for p in feed.posts],
            built=_state.now,
        )
    return env


__all__ = [
    "PostView",
    "on_config",
    "on_env",
    "on_files",
    "on_page_content",
    "on_page_context",
    "on_page_markdown",
]
