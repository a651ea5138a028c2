"""Which files under docs/ only hidden texts use (read from rendered HTML): a build leaves them out.

Hidden texts are drafts, scheduled posts and pages with ``published: false``. A file is a
*candidate* when a hidden text refers to it (cover image, or any attribute value in its rendered
HTML: Markdown images and links, raw HTML, ``<…>`` links, entities, CSS addresses) or when it sits
in a folder of its own that holds no live post. A candidate is left out of the site unless
something published uses it: an address in the HTML of a page that ships (after sanitising,
resolved against the page's own URL as a browser would), a live post's cover, an author's avatar,
or a theme setting. Everything is one pass over each text: linear.

Deciding what ships fails closed. HTML is read with html5ever (through nh3), the parser of the
HTML standard that browsers implement: it keeps every node however deep the nesting, and content
after ``</body></html>`` (lxml's fragment parser drops the latter and cuts trees below about 256
levels, so a draft's image would have shipped). A hidden text claims every attribute value of
every element, not only the ones a browser loads, and every CSS ``url()`` and quoted string in
its style attributes and style elements (read as CSS tokens); a page
that ships uses only the addresses a browser would load.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

import nh3

from proofpress.core.css import tokens as css_tokens
from proofpress.core.weburl import browser_url, is_remote_url

_URL_ATTRIBUTES = {"src", "href", "poster", "data", "action", "formaction", "background"}
_SRCSET_ATTRIBUTES = {"srcset", "imagesrcset"}
_STYLE_ELEMENT = re.compile(r"<style\b[^>]*>(.*?)</style>", re.IGNORECASE | re.DOTALL)
_START_TAG = re.compile(r"<([A-Za-z][^\t\n\f\r />\x00]*)")
_TOKEN_SEPARATORS = re.compile(r"[\s,;]+")
# SVG elements whose names html5ever gives in camel case (the HTML standard's adjustment table).
_SVG_NAMES = [
    "altGlyph", "altGlyphDef", "altGlyphItem", "animateColor", "animateMotion", "animateTransform",
    "clipPath", "feBlend", "feColorMatrix", "feComponentTransfer", "feComposite",
    "feConvolveMatrix", "feDiffuseLighting", "feDisplacementMap", "feDistantLight", "feDropShadow",
    "feFlood", "feFuncA", "feFuncB", "feFuncG", "feFuncR", "feGaussianBlur", "feImage", "feMerge",
    "feMergeNode", "feMorphology", "feOffset", "fePointLight", "feSpecularLighting", "feSpotLight",
    "feTile", "feTurbulence", "foreignObject", "glyphRef", "linearGradient", "radialGradient",
    "textPath",
]  # fmt: skip
_SVG_CASE = {name.lower(): name for name in _SVG_NAMES}


def _attributes(body_html: str) -> tuple[list[tuple[str, str]], str]:
    """Every (attribute name, value) of every element as a browser parses ``body_html``, names
    without their namespace prefix, entities decoded; and the serialised tree."""
    names = {match[1].lower() for match in _START_TAG.finditer(body_html)}
    tags = names | {_SVG_CASE[name] for name in names if name in _SVG_CASE}
    found: list[tuple[str, str]] = []

    def record(_tag: str, attribute: str, value: str) -> str:
        found.append((attribute.rsplit(":", 1)[-1].lower(), value))
        return value

    tree = nh3.clean(
        body_html,
        tags=tags,
        clean_content_tags=set(),
        attributes={},
        generic_attribute_prefixes={""},
        attribute_filter=record,
        url_schemes=set(),
        link_rel=None,
    )
    return found, tree


def addresses(body_html: str) -> list[str]:
    """Every address a browser may load or link from an HTML fragment, entities decoded."""
    if not body_html.strip():
        return []
    found: list[str] = []
    for name, value in _attributes(body_html)[0]:
        if name in _URL_ATTRIBUTES:
            found.append(value)
        elif name in _SRCSET_ATTRIBUTES:
            found.extend(part.split()[0] for part in value.split(",") if part.split())
        elif name == "style":
            found.extend(css_addresses(value))
    return found


def mentions(body_html: str) -> list[str]:
    """Every value in an HTML fragment that could name a file: each attribute value whole and
    split at spaces, commas and semicolons (srcset, ping, ``0;url=`` refreshes), and every CSS
    address (:func:`css_addresses`, in style attributes and style elements). A superset of
    :func:`addresses`."""
    if not body_html.strip():
        return []
    values, tree = _attributes(body_html)
    found: list[str] = []
    for _name, value in values:
        found.append(value)
        found.extend(css_addresses(value))
        for token in _TOKEN_SEPARATORS.split(value):
            found.extend((token, token.split("=", 1)[-1]))
    for match in _STYLE_ELEMENT.finditer(tree):
        found.extend(css_addresses(html.unescape(match[1])))
    return [value for value in found if value]


def css_addresses(css: str) -> list[str]:
    """Every address CSS may load, read as CSS tokens (tinycss2): each ``url()`` and every
    quoted string, wherever it stands (``image-set('a.png' 1x)``, ``@import "b.css"``, a
    ``content`` text too: claiming more keeps more of a draft's files out)."""
    return [token.value for token in css_tokens(css) if token.type in ("url", "string")]


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
        for address in mentions(body_html):
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
