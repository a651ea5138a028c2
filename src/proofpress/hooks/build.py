"""One object owns a build: its settings, check result, catalogue and views.

MkDocs creates a new config object for every build (``mkdocs serve`` too, on each rebuild) and
hands that same object to every event of the build. :func:`start` attaches a :class:`Build` to
it in ``on_config``; every later event finds it with :func:`of`. So no build state lives in a
module: two builds in one process cannot see each other's posts.

The check hook fills :attr:`Build.result`; the site hook reads it, and refuses to run when the
check hook is not listed (a site built from unchecked posts is exactly what Proofpress forbids).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.utils import get_build_datetime

from proofpress.check.cache import CheckCache
from proofpress.check.engine import CheckResult
from proofpress.core.diagnostics import Diagnostic
from proofpress.hooks.render_cache import RenderCache
from proofpress.records.settings import SiteConfig, read_positions
from proofpress.site import pages
from proofpress.site.media import Ledger

if TYPE_CHECKING:
    from markupsafe import Markup
    from mkdocs.structure.files import File

    from proofpress.dialect.extension import Links
    from proofpress.hooks.preview import Preview, Rebuild
    from proofpress.records.model import Post
    from proofpress.site.catalog import Catalog
    from proofpress.site.listings import Listing
    from proofpress.site.views import Views

_KEY = "proofpress_build"  # where the build sits on MkDocs' config object
REBUILD_KEY = "proofpress_rebuild"  # where the preview builder leaves what it knows


@dataclass
class Feed:
    """A generated feed file, written in ``on_env`` once every body is rendered."""

    file: File
    title: str
    link: str
    description: str
    posts: list[Post]


@dataclass
class SitePart:
    """What the site hook derives from the check result, once per build."""

    catalog: Catalog
    views: Views
    comments: Mapping[str, Markup] | None  # the escaped giscus settings, or None
    per_page: int
    preview: bool
    site_name: str  # escaped (Markup), as the listings print them
    site_description: str
    posts: dict[str, Post] = field(default_factory=dict)  # src_uri -> post with a page
    listings: dict[str, Listing] = field(default_factory=dict)  # src_uri -> listing page
    feeds: list[Feed] = field(default_factory=list)
    ledger: Ledger = field(default_factory=Ledger)  # media only unpublished texts use (builds)

    def meta(self, src_uri: str, meta: Mapping[str, Any]) -> dict[str, Any]:
        """The metadata a page's template reads (``meta``: the page's own front matter)."""
        if (post := self.posts.get(src_uri)) is not None:
            return pages.post_meta(post)
        if (listing := self.listings.get(src_uri)) is not None:
            site = (self.site_name, self.site_description)
            return {**pages.escaped_meta(meta), **pages.listing_meta(listing, self.catalog, *site)}
        return pages.escaped_meta(meta)

    @functools.cached_property
    def site(self) -> dict[str, Any]:
        """``pp_site``, the same on every page (:func:`pages.site_values`): made once a build,
        not once a page (it sorts every tag)."""
        return pages.site_values(self.views, self.catalog, self.site_name)

    def values(self, src_uri: str, views: Views) -> dict[str, Any]:
        """What the site adds to a page's template context (:data:`pages.CONTEXT_NAMES`)."""
        found: dict[str, Any] = {"pp_comments": self.comments, "pp_site": self.site}
        if (post := self.posts.get(src_uri)) is not None:
            found.update(pages.post_values(post, views, self.catalog))
        elif (listing := self.listings.get(src_uri)) is not None:
            found.update(
                pages.listing_values(
                    listing, views, self.catalog, per_page=self.per_page, preview=self.preview
                )
            )
        return found


@dataclass
class Build:
    site: SiteConfig  # paths and the validated settings, read once
    preview: bool  # mkdocs serve: drafts shown, findings shown instead of stopping the build
    # The build's clock: SOURCE_DATE_EPOCH when set (reproducible builds), as MkDocs reads it.
    now: datetime = field(default_factory=get_build_datetime)
    result: CheckResult | None = None  # set by the check hook's on_files
    findings_by_src: dict[str, list[Diagnostic]] = field(default_factory=dict)
    site_part: SitePart | None = None  # set by the site hook's on_files
    # The build's caches (proofpress.check.cache); None with PROOFPRESS_CACHE=off. Set in on_files.
    check_cache: CheckCache | None = None
    render_cache: RenderCache | None = None
    links: Links | None = None  # what DEV's link tags find on this site (the dialect's)
    # mkdocs serve: what the preview builder handed this build (None for its first build),
    # and this build's decisions on which pages to convert and render (hooks/preview.py).
    rebuild: Rebuild | None = None
    previewing: Preview | None = None

    @property
    def checked(self) -> CheckResult:
        if self.result is None:
            raise PluginError(
                "proofpress: the site hook ran before any post was checked; list the check "
                "hook before the site hook under hooks: in mkdocs.yml"
            )
        return self.result


@dataclass
class Session:
    """What outlives one build: the MkDocs command running (``serve`` rebuilds many times).

    MkDocs announces it in ``on_startup`` and ends it in ``on_shutdown``; a build run without
    them (MkDocs' ``build()`` called directly) is a plain build.
    """

    command: str = "build"

    @property
    def preview(self) -> bool:
        return self.command == "serve"


def start(config: MkDocsConfig, *, preview: bool) -> Build:
    """The build for ``config``: created on the first ``on_config`` of either hook."""
    existing = config.get(_KEY)
    if isinstance(existing, Build):
        return existing
    config_file = Path(config.config_file_path or "mkdocs.yml").resolve()
    site = SiteConfig.from_values(
        config_file.parent,
        config.docs_dir,
        config.extra,
        config_file,
        read_positions(config_file),
        site_url=config.site_url,
        extra_javascript=config.extra_javascript,
        custom_dir=config.theme.custom_dir,
        static_templates=list(config.theme.static_templates),
    )
    build = Build(site=site, preview=preview, rebuild=config.get(REBUILD_KEY))
    config[_KEY] = build
    return build


def of(config: MkDocsConfig | Any) -> Build:
    build = config.get(_KEY) if hasattr(config, "get") else None
    if not isinstance(build, Build):
        raise PluginError("proofpress: no build was started; is the check hook listed?")
    return build
