"""Post bodies as safe HTML: what Markdown rendered, cleaned with nh3 (ammonia).

Raw ``<script>``/``<style>`` (and their content), ``on*=`` handlers, ``style`` attributes and
``javascript:``/``data:`` URLs are removed; ids that could clobber Material's own elements
(``__config``, ``__search``…) are dropped. By default an ``<img>`` from another host loses its
``src``, so no third-party image loads unless the site allows remote images; "another host" is
decided after the browser's own URL clean-up (:mod:`proofpress.core.weburl`).
"""

from __future__ import annotations

import html
import re
from functools import partial
import nh3

from proofpress.dialect.extension import FRAME_ALLOW, FRAME_SANDBOX
from proofpress.body.tags import FRAME_HOSTS
from proofpress.core.weburl import browser_host, is_remote_url, is_web_address

_GENERIC = {"id", "class", "title", "lang", "dir"}
_EXTRA_ATTRIBUTES = {
    # data-pp-embed: the player a click-to-load card loads (checked against FRAME_HOSTS)
    "a": {"href", "hreflang", "title", "data-pp-embed"},
    "img": {"src", "alt", "width", "height", "title", "loading"},
    "code": {"class"},
    "th": {"align", "colspan", "rowspan", "scope"},
    "td": {"align", "colspan", "rowspan"},
    "ol": {"start", "type"},
    "li": {"value"},
    "input": {"type", "checked", "disabled"},  # task lists
    "details": {"open"},
    "time": {"datetime"},
    "abbr": {"title"},
    "span": {"aria-hidden"},  # a card's decorative icon
    # DEV's katex blocks are MathML
    "math": {"display", "xmlns"},
    "mo": {"stretchy", "fence", "separator", "lspace", "rspace", "form", "largeop", "movablelimits"},
    "mstyle": {"displaystyle", "scriptlevel", "mathvariant"},
    "mi": {"mathvariant"},
    "mspace": {"width"},
    "mtable": {"columnalign", "rowspacing", "columnspacing"},
    "mtd": {"columnalign"},
    "menclose": {"notation"},
    "mpadded": {"width", "height", "depth", "lspace", "voffset"},
    "annotation": {"encoding"},
}
_MATHML = {
    "math", "mi", "mn", "mo", "ms", "mtext", "mrow", "mfrac", "msqrt", "mroot", "msup", "msub",
    "msubsup", "munder", "mover", "munderover", "mtable", "mtr", "mtd", "mstyle", "mspace",
    "menclose", "mpadded", "mphantom", "semantics", "annotation",
}  # fmt: skip
_TAGS = set(nh3.ALLOWED_TAGS) | {"input"} | _MATHML
# Only with the embeds setting: players as iframes, always sandboxed, only from known hosts.
_FRAME_ATTRIBUTES = {"src", "title", "loading", "referrerpolicy", "allow", "allowfullscreen"}
_ATTRIBUTES = {
    tag: set(nh3.ALLOWED_ATTRIBUTES.get(tag, set())) | _EXTRA_ATTRIBUTES.get(tag, set())
    for tag in _TAGS | set(_EXTRA_ATTRIBUTES)
}
_ATTRIBUTES["*"] = _GENERIC
_SCHEMES = {"http", "https", "mailto", "tel"}


def _filter(tag: str, attribute: str, value: str, *, remote_images: bool) -> str | None:
    if attribute == "id" and value.startswith("__"):
        return None  # Material's own components are found by such ids
    if tag == "input" and attribute == "type" and value != "checkbox":
        return None
    if tag == "img" and attribute == "src" and not remote_images and is_remote_url(value):
        return None  # decided as the browser reads it: " http://", "\thttp://", "/\\host"
    if attribute == "data-pp-embed" or (tag == "iframe" and attribute == "src"):
        return value if _player(value) else None
    if tag == "iframe" and attribute == "allow":
        return FRAME_ALLOW
    return value


def _player(url: str) -> bool:
    """An https address whose host, as a browser reads it (and Python alike), is a known player:
    ``https://evil.example\\@codepen.io/`` is evil.example to a browser, never a player."""
    return is_web_address(url, ("https",)) and browser_host(url) in FRAME_HOSTS


def clean(body_html: str, *, remote_images: bool = False, embeds: bool = False) -> str:
    """The post body with everything executable or tracking removed.

    With ``embeds``, iframes of the known players stay, each with a strict ``sandbox``.
    """
    tags, attributes = _TAGS, _ATTRIBUTES
    if embeds:
        tags, attributes = _TAGS | {"iframe"}, {**_ATTRIBUTES, "iframe": _FRAME_ATTRIBUTES}
    return nh3.clean(
        body_html,
        tags=tags,
        clean_content_tags={"script", "style"},
        attributes=attributes,
        attribute_filter=partial(_filter, remote_images=remote_images),
        set_tag_attribute_values={"iframe": {"sandbox": FRAME_SANDBOX}} if embeds else None,
        url_schemes=_SCHEMES,
        link_rel="noopener noreferrer nofollow ugc",
    )


_HEADING = re.compile(r"<(/?)h([1-6])\b", re.IGNORECASE)


def demote_headings(body_html: str) -> str:
    """Shift body headings one level down when the body has an ``<h1>``: the title is the one."""
    if not re.search(r"<h1\b", body_html, re.IGNORECASE):
        return body_html
    return _HEADING.sub(lambda m: f"<{m[1]}h{min(int(m[2]) + 1, 6)}", body_html)


_FIRST_PARAGRAPH = re.compile(r"<p\b[^>]*>(.*?)</p>", re.DOTALL | re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")


def excerpt(body_html: str, limit: int = 200) -> str:
    """Plain text of the first paragraph, cut at a word boundary near ``limit`` characters."""
    match = _FIRST_PARAGRAPH.search(body_html)
    if not match:
        return ""
    text = " ".join(html.unescape(_TAG.sub(" ", match[1])).split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:.") + "…"
