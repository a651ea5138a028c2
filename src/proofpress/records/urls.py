"""Where every page of the site lives.

The checks read it (two pages at one address, a post's own address), the site places pages
by it, so it lives on the check side. Site paths are relative to the site
root and end in ``/``:

- a post: ``<username>/<slug>/`` (DEV's shape)
- an author: ``<username>/``, their feed ``<username>/feed.xml``
- a tag: ``t/<tag>/``; a series: ``series/<series-slug>/``
- the home feed: ``/``, then ``page/2/``, ``page/3/``…; other listings page the same way
- the site feed: ``feed.xml``

How browsers read an address is :mod:`proofpress.core.weburl`'s.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
import unicodedata
from urllib.parse import quote

SITE_FEED = "feed.xml"


def slugify(text: str) -> str:
    """Lowercase ASCII words joined by hyphens; accents transliterated (NFKD): café -> cafe."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def post_url(username: str, slug: str) -> str:
    return f"{quote(username)}/{quote(slug)}/"


def author_url(username: str) -> str:
    return f"{quote(username)}/"


def author_feed(username: str) -> str:
    return f"{quote(username)}/feed.xml"


def tag_url(tag: str) -> str:
    return f"t/{quote(tag)}/"


def series_slug(series: str) -> str:
    """A readable slug; a name with no ASCII letters or digits gets a stable hash instead."""
    return slugify(series) or "s-" + hashlib.sha1(series.encode()).hexdigest()[:10]


def series_url(slug: str) -> str:
    return f"series/{quote(slug)}/"


def markdown_page_url(src_uri: str) -> str:
    """Where MkDocs (``use_directory_urls``) publishes a Markdown page of docs/, unquoted."""
    folder, name = posixpath.split(src_uri)
    stem = name.rsplit(".", 1)[0]
    prefix = f"{folder}/" if folder else ""
    if stem in ("index", "README"):
        return prefix
    return f"{prefix}{stem}/"


def listing_page_url(base: str, number: int) -> str:
    """The URL of page ``number`` (1-based) of a listing whose first page is ``base``."""
    return base if number == 1 else f"{base}page/{number}/"


def src_uri_for(url: str) -> str:
    """The virtual source path MkDocs gets for a generated page at ``url``."""
    return f"{url}index.md"


def dest_uri_for(url: str) -> str:
    return f"{url}index.html"
