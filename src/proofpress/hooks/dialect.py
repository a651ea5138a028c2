"""The dialect in a MkDocs build: the extension added from the settings, and local links.

``extra.proofpress.dialect`` (``dev``, the default, or ``markdown``) decides whether post
bodies read as DEV reads them; ``extra.proofpress.embeds`` (default ``false``) whether players
are sandboxed iframes in the page instead of click-to-load cards. The site hook calls these
two functions, so every blog gets the dialect without listing it in ``markdown_extensions``.
"""

from __future__ import annotations

from typing import Any

from proofpress.dialect.extension import DevDialect, Links
from proofpress.records import urls
from proofpress.records.settings import Settings
from proofpress.site.catalog import Catalog

EXTENSION = "proofpress.dialect"


def add_extension(config: Any, settings: Settings) -> Links | None:
    """Add DEV's dialect to MkDocs' Markdown extensions; the links its tags will resolve."""
    if settings.dialect != "dev":
        return None
    links = Links()
    extensions = config.markdown_extensions
    if EXTENSION in extensions:  # listed by name in mkdocs.yml: hand it this build's links
        config.mdx_configs.setdefault(EXTENSION, {}).update(links=links, embeds=settings.embeds)
        return links
    for extension in extensions:
        if isinstance(extension, DevDialect):  # already added to this config object
            links_of_config: Links = extension.getConfig("links")
            return links_of_config
    extensions.append(DevDialect(links=links, embeds=settings.embeds))
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
