"""MkDocs events of the check hook: prove every post before anything renders.

``hooks/check.py`` re-exports these functions (through :mod:`proofpress.hooks.check`). The
build's state lives on a :class:`~proofpress.hooks.build.Build` attached to MkDocs' config.

- ``mkdocs build``: every problem is logged as a warning (so it is listed, and counts under
  ``strict``), then the build stops before anything renders. Advice (a missing alt text,
  unless the site's ``rules`` make it an error) is logged at info level and stops nothing.
- ``mkdocs serve``: findings are logged at info level (a strict preview would stop on the first
  one) and shown at the top of the previewed page they belong to, advice in its own box.
"""

from __future__ import annotations

import logging
from functools import partial
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from proofpress.check.cache import CheckCache, open_store
from proofpress.check.engine import CheckResult, check_site, docs_uri
from proofpress.check.files import scan_docs, scan_theme
from proofpress.hooks import build as builds
from proofpress.hooks.render_cache import RenderCache

# A child of the "mkdocs" logger, so findings count under strict; no prefix, so each line
# starts with the finding's path:line:col.
log = logging.getLogger("mkdocs.plugins.proofpress")

_templates = Environment(
    loader=PackageLoader("proofpress", "templates"), autoescape=select_autoescape(default=True)
)

# The command MkDocs runs; not build state (each build's state is on its config).
session = builds.Session()


def on_startup(*, command: str, dirty: bool) -> None:
    session.command = command


def on_shutdown() -> None:
    session.command = "build"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    builds.start(config, preview=session.preview)
    return config


def on_pre_build(config: MkDocsConfig) -> None:
    """Stop before MkDocs walks docs/: its walk follows every symlink, out of the repository
    and round a loop alike (builds and previews)."""
    site = builds.of(config).site
    problems = [
        *scan_docs(site, links_only=True).unsafe_links,
        *scan_theme(site, links_only=True).unsafe_links,
    ]
    if problems:
        for diagnostic in problems:
            log.warning(diagnostic.to_text())
        raise PluginError(f"{len(problems)} unsafe file(s) under docs/; nothing was built.")


def leave_out(files: Files, result: CheckResult, theme_dir: Path | None) -> None:
    """Backups and refused files never reach the site, in builds and previews alike: from
    docs/, and from the blog's theme folder, which MkDocs copies too."""
    for src_uri in (*result.files.backups, *result.files.refused):
        if (file := files.get_file_from_path(src_uri)) is not None:
            files.remove(file)
    theme = {*result.theme.backups, *result.theme.refused}
    for file in list(files) if theme and theme_dir is not None else ():
        if file.src_uri in theme and file.src_dir and Path(file.src_dir) == theme_dir:
            files.remove(file)


@event_priority(100)
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    build = builds.of(config)
    site = build.site
    result = check_site(site, cache=partial(_open_check_cache, build))
    if (store := open_store(site.root, "render")) is not None:
        build.render_cache = RenderCache(store, config, build.links)
    build.result = result
    leave_out(files, result, site.theme_dir)
    if not build.preview:  # a draft whose front matter has findings: still never published
        valid = {post.src_uri for post in result.posts}
        for name in result.files.posts:
            if name not in valid and (file := files.get_file_from_path(name)) is not None:
                files.remove(file)
    hand_over(files, result)
    # The banners are the preview's: a build shows no advice on the pages it publishes.
    for path, findings in result.by_path(advice=build.preview).items():
        if (src_uri := docs_uri(site.root / path, site)) is not None:
            build.findings_by_src[src_uri] = findings
    for diagnostic in result.advice:
        log.info(diagnostic.to_text())
    if result.advice:
        log.info(f"{len(result.advice)} piece(s) of advice; they do not stop the build")
    if result.ok:
        return files
    for diagnostic in result.diagnostics:
        (log.info if build.preview else log.warning)(diagnostic.to_text())
    summary = (
        f"{len(result.diagnostics)} problem(s) in {len(result.by_path())} file(s); "
        "run 'proofpress check' for the same list"
    )
    if build.preview:
        log.info(f"{summary}. The preview shows them at the top of each page.")
        return files
    raise PluginError(f"{summary}. Nothing was built.")


def _open_check_cache(build: builds.Build, site: Any, ctx: Any) -> CheckCache | None:
    recent = build.rebuild.checks if build.rebuild is not None else None
    build.check_cache = CheckCache.for_site(site, ctx, recent)
    return build.check_cache


def hand_over(files: Files, result: CheckResult) -> None:
    """MkDocs converts the text the check read: it never reads a post or a page again, nor
    parses a post's front matter.

    A post goes with an empty front matter, which keeps MkDocs from reading a first line like
    ``Note: x`` as MultiMarkdown metadata (MkDocs drops it, as it drops the post's own); a
    page goes whole, its front matter for MkDocs to read as the page's metadata.
    """
    for post in result.posts:
        if (file := files.get_file_from_path(post.src_uri)) is not None:
            file.content_string = "---\n{}\n---\n" + post.body
    for page in result.pages:
        if (file := files.get_file_from_path(page.src_uri)) is not None:
            file.content_string = page.text


def on_pre_page(page: Page, *, config: MkDocsConfig, files: Files) -> Page:
    """Let the build's render cache answer this page's Markdown conversion when it can."""
    if (cache := builds.of(config).render_cache) is not None:
        cache.install(page)
    return page


def on_post_build(*, config: MkDocsConfig) -> None:
    """Write the caches; a complete build deletes the entries it did not use."""
    build = builds.of(config)
    for cache in (build.check_cache, build.render_cache):
        if cache is not None:
            cache.store.close(prune=not build.preview)
            log.debug(f"proofpress {cache.store.kind} cache: {cache.store.stats}")


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    findings = builds.of(config).findings_by_src.get(page.file.src_uri)
    if not findings:
        return html
    banner = _templates.get_template("findings.html").render(
        problems=[d for d in findings if not d.advice], advice=[d for d in findings if d.advice]
    )
    return banner + html


__all__ = [
    "on_config",
    "on_files",
    "on_page_content",
    "on_post_build",
    "on_pre_build",
    "on_pre_page",
    "on_shutdown",
    "on_startup",
]
