"""Post bodies as safe HTML: what Markdown rendered, cleaned with nh3 (ammonia).

Raw ``<script>``/``<style>`` (and their content), ``on*=`` handlers, ``style`` attributes and
``javascript:``/``data:`` URLs are removed; ids that could clobber Material's own elements
(``__config``, ``__search``…) are dropped. By default an ``<img>`` from another host loses its
``src``, so no third-party image loads unless the site allows remote images; "another host" is
decided after the browser's own URL clean-up (:func:`proofpress.site.urls.browser_url`).
"""

from __future__ import annotations

import html
import re
from functools import partial

import nh3

from proofpress.site.urls import is_remote_url

_GENERIC = {"id", "class", "title", "lang", "dir"}
_EXTRA_ATTRIBUTES = {
    "a": {"href", "hreflang", "title"},
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
}
_TAGS = set(nh3.ALLOWED_TAGS) | {"input"}
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
    return value


def clean(body_html: str, *, remote_images: bool = False) -> str:
    """The post body with everything executable or tracking removed."""
    return nh3.clean(
        body_html,
        tags=_TAGS,
        clean_content_tags={"script", "style"},
        attributes=_ATTRIBUTES,
        attribute_filter=partial(_filter, remote_images=remote_images),
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
