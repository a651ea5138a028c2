"""What each generated page's template receives from the site: its metadata and its ``pp_*``
values, escaped once, here.

The site hook hands these to MkDocs (``page.meta`` and the template context); the preview's
fingerprints (:mod:`proofpress.site.preview`) are computed from the same values, so a page is
rendered again exactly when something its template receives changed.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from markupsafe import Markup, escape

from proofpress.records import urls
from proofpress.records.model import Post
from proofpress.site.catalog import Catalog
from proofpress.site.listings import Listing
from proofpress.site.views import Views

POPULAR_TAGS = 10  # tags in the home page's left column, most posts first
LATEST = 5  # posts in its right column

# The names the site adds to a page's template context; each one's value is below.
CONTEXT_NAMES = ("pp_comments", "pp_post", "pp_page", "pp_listing", "pp_site")


def initials(site_name: str) -> Markup:
    """The logo box's text when mkdocs.yml sets no logo, as DEV's box reads "DEV": the first
    letters of the site name's first three words, or a one-word name's first three letters.
    ``site_name``: the name as HTML (mkdocs.yml's escaped Markup)."""
    words = [w for w in Markup(site_name).unescape().split() if w[:1].isalnum()]
    letters = "".join(w[0] for w in words[:3]) if len(words) > 1 else "".join(words)[:3]
    return escape(letters.upper())


def site_values(views: Views, catalog: Catalog, site_name: str) -> dict[str, Any]:
    """``pp_site``: what every page's bar, drawer and footer show of the site (the 404 page's
    too): the logo's initials, the site feed, the authors and the popular tags."""
    return {
        "initials": initials(site_name),
        "feed": urls.SITE_FEED,
        "authors": [views.author(key) for key in catalog.by_author],
        "popular_tags": _popular_tags(views, catalog),
    }


def _popular_tags(views: Views, catalog: Catalog) -> list[Any]:
    popular = sorted(catalog.by_tag.items(), key=lambda item: (-len(item[1]), item[0]))
    return [views.tag(tag) for tag, _ in popular[:POPULAR_TAGS]]


def post_meta(post: Post) -> dict[str, Any]:
    """A post page's metadata (Material prints title, description and author raw)."""
    return {
        "title": escape(post.title),
        "description": escape(post.description),
        "author": escape(post.author),
        "tags": list(post.tags),
        "template": "pp-post.html",
    }


def escaped_meta(meta: Mapping[str, Any]) -> dict[str, Any]:
    """Another page's own metadata, with what Material prints raw escaped at the source."""
    clean = dict(meta)
    for key in ("title", "description", "author"):
        if isinstance(clean.get(key), str):
            clean[key] = escape(clean[key])
    return clean


def listing_meta(
    listing: Listing, catalog: Catalog, site_name: str, site_description: str
) -> dict[str, Any]:
    heading = listing.kind.heading(listing.key, listing.total, catalog)
    title, description = heading or (site_name, site_description)
    if listing.number > 1:
        title = Markup("{} (page {})").format(title, listing.number)
    return {
        "title": escape(title),  # site_name and site_description are Markup already
        "description": escape(description),
        "template": "pp-listing.html",
        "search": {"exclude": True},  # search holds posts only
    }


def post_values(post: Post, views: Views, catalog: Catalog) -> dict[str, Any]:
    """``pp_post`` and ``pp_page`` of a post's page."""
    total, window, start = catalog.series_parts(post)
    page = {
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
    return {"pp_post": views.post(post), "pp_page": page}


def listing_values(
    listing: Listing, views: Views, catalog: Catalog, *, per_page: int, preview: bool
) -> dict[str, Any]:
    """``pp_listing`` of a listing page."""
    kind = listing.kind
    first_part = (listing.number - 1) * per_page + 1
    front = kind.front and listing.number == 1
    values = {
        "kind": kind.name,
        "subject": kind.subject(listing.key, views),
        "cards": views.posts(listing.posts),
        "featured": front,
        "sided": kind.sided,
        "first_part": first_part if kind.numbered else None,
        "number": listing.number,
        "pages": listing.pages,
        "total": listing.total,
        "previous_url": listing.previous_url,
        "next_url": listing.next_url,
        "feed": kind.feed(listing.key, catalog),
        "previews": views.posts(catalog.hidden) if front and preview else [],
        **(_home_columns(views, catalog) if front else {}),
    }
    return {"pp_listing": values}


def _home_columns(views: Views, catalog: Catalog) -> dict[str, Any]:
    """DEV's side columns of the home page: the series and the latest posts (right). Built for
    the first page only; the left column shows ``pp_site``'s links and popular tags."""
    return {
        "series_list": [
            (escape(name), catalog.series_url(name), len(parts))
            for name, parts in catalog.by_series.items()
        ],
        "latest": views.posts(catalog.live[:LATEST]),
    }
