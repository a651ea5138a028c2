"""Addresses: what a browser makes of one, and where every page of the site lives.

The checks read both (an author's website, a remote image, two pages at one address), the site
uses them to place pages, so they live on the check side. Site paths are relative to the site
root and end in ``/``:

- a post: ``<username>/<slug>/`` (DEV's shape)
- an author: ``<username>/``, their feed ``<username>/feed.xml``
- a tag: ``t/<tag>/``; a series: ``series/<series-slug>/``
- the home feed: ``/``, then ``page/2/``, ``page/3/``…; other listings page the same way
- the site feed: ``feed.xml``
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import quote, urlsplit

from proofpress.schema import slugify

SITE_FEED = "feed.xml"

_EDGE_CONTROLS = re.compile(r"^[\x00-\x20]+|[\x00-\x20]+$")
_TAB_OR_NEWLINE = re.compile(r"[\t\n\r]")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")


def browser_url(value: str) -> str:
    """A URL as a browser's parser sees it before parsing (the WHATWG URL standard): leading and
    trailing control characters and spaces stripped, tabs and newlines removed anywhere, and
    backslashes read as slashes (as browsers do for http(s) and for relative addresses)."""
    return _TAB_OR_NEWLINE.sub("", _EDGE_CONTROLS.sub("", value)).replace("\\", "/")


def url_scheme(value: str) -> str:
    """The lowercased scheme a browser would read from ``value``, or "" for a relative one."""
    match = _SCHEME.match(browser_url(value))
    return match[1].lower() if match else ""


def is_web_address(value: str, schemes: tuple[str, ...] = ("http", "https")) -> bool:
    """An absolute address with a host, no spaces, whose scheme is one of ``schemes`` both as
    written and as a browser reads it (so ``java\tscript:`` or `` //host`` never pass)."""
    parts = urlsplit(value)
    return (
        parts.scheme in schemes
        and url_scheme(value) == parts.scheme
        and bool(parts.netloc)
        and not any(c.isspace() for c in value)
    )


def is_remote_url(value: str) -> bool:
    """Whether a browser would fetch ``value`` from anywhere but this site: any scheme, or a
    scheme-relative ``//host`` (``/\\host`` and ``\\\\host`` included)."""
    return bool(url_scheme(value)) or browser_url(value).startswith("//")


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


def page_url(base: str, number: int) -> str:
    """The URL of page ``number`` (1-based) of a listing whose first page is ``base``."""
    return base if number == 1 else f"{base}page/{number}/"


def src_uri_for(url: str) -> str:
    """The virtual source path MkDocs gets for a generated page at ``url``."""
    return f"{url}index.md"


def dest_uri_for(url: str) -> str:
    return f"{url}index.html"
