"""The dialect in a MkDocs build: the extension added from the settings, and local links.

``extra.proofpress.dialect`` (``dev``, the default, or ``markdown``) decides whether post
bodies read as DEV reads them; ``extra.proofpress.embeds`` (default ``false``) whether players
are sandboxed iframes in the page instead of click-to-load cards. The site hook calls these
small functions; every blog gets the dialect without listing it in ``markdown_extensions``.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from proofpress.dialect import DIALECTS
from proofpress.dialect.extension import DevDialect, Links
from proofpress.site import urls
from proofpress.site.catalog import Catalog

log = logging.getLogger("mkdocs.plugins.proofpress.dialect")
EXTENSION = "proofpress.dialect"


def read_settings(extra: Any) -> tuple[str, bool]:
    """(dialect, embeds) from ``extra.proofpress``; a wrong value warns (a strict build fails)."""
    options = extra.get("proofpress") if isinstance(extra, Mapping) else None
    options = options if isinstance(options, Mapping) else {}
    dialect = options.get("dialect", "dev")
    if dialect not in DIALECTS:
        log.warning(f"extra.proofpress.dialect: expected one of {', '.join(DIALECTS)}")
        dialect = "dev"
    embeds = options.get("embeds", False)
    if not isinstance(embeds, bool):
        log.warning("extra.proofpress.embeds: expected true or false")
        embeds = False
    return dialect, embeds


def add_extension(config: Any) -> Links:
    """Add DEV's dialect to the Markdown extensions (unless the setting says ``markdown``)."""
    links = Links()
    dialect, embeds = read_settings(config.extra)
    if dialect != "dev":
        return links
    extensions = config.markdown_extensions
    if EXTENSION in extensions:  # listed by name in mkdocs.yml: hand it this build's links
        config.mdx_configs.setdefault(EXTENSION, {}).update(links=links, embeds=embeds)
    elif not any(isinstance(ext, DevDialect) for ext in extensions):
        extensions.append(DevDialect(links=links, embeds=embeds))
    else:  # serve rebuilds reuse a config object that already holds ours: refresh it
        for ext in extensions:
            if isinstance(ext, DevDialect):
                ext.setConfig("links", links)
                ext.setConfig("embeds", embeds)
    return links


def fill_links(links: Links, catalog: Catalog) -> None:
    """Which posts, authors and tags this site has: their tags point here instead of DEV."""
    for post in catalog.live:
        author = catalog.author_of(post)
        links.posts[(author.username, post.slug)] = (catalog.url_of(post), post.title)
    for key in catalog.by_author:
        username = catalog.authors[key].username
        links.users[username] = urls.author_url(username)
    for tag in catalog.by_tag:
        links.tags[tag] = urls.tag_url(tag)
