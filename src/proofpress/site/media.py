"""Which files under docs/ only hidden texts use, read from rendered HTML, so a build leaves them out.

Hidden texts are drafts, scheduled posts and pages with ``published: false``. A file is a
*candidate* when a hidden text refers to it (cover image, or any address in its rendered HTML:
Markdown images and links, raw HTML, ``<…>`` links, entities, CSS ``url()``) or when it sits in a
folder of its own that holds no live post. A candidate is left out of the site unless something
published uses it: an address in the HTML of a page that ships (parsed with lxml after
sanitising, resolved against the page's own URL as a browser would), a live post's cover, an
author's avatar, or a theme setting. Everything is one pass over each text: linear.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from lxml import etree
from lxml import html as lxml_html

from proofpress.urls import browser_url, is_remote_url

_URL_ATTRIBUTES = {"src", "href", "poster", "data", "action", "formaction", "background"}
_CSS_URL = re.compile(r"""url\(\s*(["']?)(.*?)\1\s*\)""", re.IGNORECASE | re.DOTALL)


def addresses(body_html: str) -> list[str]:
    """Every address an HTML fragment may load or link, entities decoded."""
    if not body_html.strip():
        return []
    try:
        root = lxml_html.fragment_fromstring(body_html, create_parent="div")
    except (etree.ParserError, ValueError):
        return []
    found: list[str] = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        for name, value in element.attrib.items():
            local = name.rsplit("}", 1)[-1].rsplit(":", 1)[-1].lower()
            if local in _URL_ATTRIBUTES:
                found.append(value)
            elif local in ("srcset", "imagesrcset"):
                found.extend(part.split()[0] for part in value.split(",") if part.split())
            elif local == "style":
                found.extend(match[2] for match in _CSS_URL.finditer(value))
    return found


def site_path(address: str, base: str) -> str | None:
    """The site-relative file ``address`` names from a page at ``base`` ("alice/x/"), or None
    for other hosts and in-page anchors. A leading ``/`` means the site's root."""
    if is_remote_url(address):
        return None
    path = unquote(urlsplit(browser_url(address)).path)
    if not path:
        return None
    joined = path if path.startswith("/") else posixpath.join("/" + base, path)
    normal = posixpath.normpath(joined).lstrip("/")
    return normal if normal and normal != "." else None


@dataclass
class Ledger:
    """What hidden texts claim and what published pages use, filled while pages render."""

    candidates: set[str] = field(default_factory=set)
    used: set[str] = field(default_factory=set)

    def claim(self, body_html: str, bases: Iterable[str]) -> None:
        """A hidden text's addresses; each read from every base it could be meant from."""
        bases = list(bases)
        for address in addresses(body_html):
            for base in bases:
                if (path := site_path(address, base)) is not None:
                    self.candidates.add(path)

    def claim_folder(self, folder: str, media: Iterable[str]) -> None:
        prefix = folder.rstrip("/") + "/"
        self.candidates.update(path for path in media if path.startswith(prefix))

    def use(self, body_html: str, base: str) -> None:
        for address in addresses(body_html):
            if (path := site_path(address, base)) is not None:
                self.used.add(path)

    def unused(self, media: Iterable[str]) -> set[str]:
        """The media files (site paths) only hidden texts use."""
        return (self.candidates & set(media)) - self.used


def own_folders(live: Iterable[str], hidden: Iterable[str], posts_dir: str) -> set[str]:
    """Folders (docs-relative) of hidden posts that hold no live post (not the posts folder)."""
    live_dirs = {posixpath.dirname(src_uri) for src_uri in live}
    top = posts_dir.strip("/")
    return {
        folder
        for src_uri in hidden
        if (folder := posixpath.dirname(src_uri)) not in live_dirs and folder not in ("", top)
    }
