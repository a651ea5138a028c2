"""RSS 2.0 feeds, written with ElementTree.

Feed readers read an item's ``<description>`` (and, in practice, every title) as HTML carried in
XML, so every text is escaped twice: as HTML first (``markupsafe.escape``; a value already
escaped for the site's pages, a ``Markup``, is escaped once only), then as XML by the serializer.
A description ``<img src=x onerror=…>`` reaches a reader as text, never as markup.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from datetime import datetime
from email.utils import format_datetime

from markupsafe import escape

from proofpress.site.views import PostView

ATOM = "http://www.w3.org/2005/Atom"
DC = "http://purl.org/dc/elements/1.1/"
ET.register_namespace("atom", ATOM)
ET.register_namespace("dc", DC)

# Characters XML 1.0 cannot carry at all, escaped or not.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def rss(
    *,
    title: str,
    link: str,
    description: str,
    self_url: str,
    posts: Iterable[PostView],
    changed: datetime | None,
) -> bytes:
    """An RSS 2.0 document; ``posts`` newest first, links absolute.

    ``changed`` (RSS' ``lastBuildDate``: when the channel's content last changed) is the
    newest date or update among the posts, not the clock, so the same posts always make the
    same feed, byte for byte.
    """
    root = ET.Element("rss", {"version": "2.0"})
    channel = ET.SubElement(root, "channel")
    _text(channel, "title", escape(title))
    _text(channel, "link", link)
    _text(channel, "description", escape(description))
    ET.SubElement(
        channel, f"{{{ATOM}}}link", {"href": self_url, "rel": "self", "type": "application/rss+xml"}
    )
    if changed is not None:
        _text(channel, "lastBuildDate", format_datetime(changed))
    _text(channel, "generator", "Proofpress")
    for view in posts:
        item = ET.SubElement(channel, "item")
        _text(item, "title", view.title)
        _text(item, "link", view.absolute_url or view.url)
        _text(item, "guid", view.absolute_url or view.url).set("isPermaLink", "true")
        _text(item, "pubDate", format_datetime(datetime.fromisoformat(view.published_iso)))
        _text(item, f"{{{DC}}}creator", view.author.name)
        _text(item, "description", view.summary)
        for tag in view.tags:
            _text(item, "category", tag.name)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def _text(parent: ET.Element, tag: str, text: str) -> ET.Element:
    """``text`` as the element's content; callers pass HTML (``Markup``) for texts."""
    element = ET.SubElement(parent, tag)
    element.text = _NOT_XML.sub("", text)
    return element
