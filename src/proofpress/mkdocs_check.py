"""MkDocs events of the check hook: prove every post before anything renders.

``hooks/check.py`` re-exports these functions (through :mod:`proofpress.hooks.check`). The
build's state lives on a :class:`~proofpress.build.Build` attached to MkDocs' config.

- ``mkdocs build``: every finding is logged as a warning (so it is listed, and counts under
  ``strict``), then the build stops before anything renders.
- ``mkdocs serve``: findings are logged at info level (a strict preview would stop on the first
  one) and shown at the top of the previewed page they belong to.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from proofpress import build as builds
from proofpress import incremental, parallel
from proofpress.cache import Caches, Memory, SearchCache
from proofpress.engine import CheckResult, check_site, docs_uri
from proofpress.files import scan_docs

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
    session.memory = Memory() if command == "serve" else None


def on_shutdown() -> None:
    session.command = "build"
    session.memory = None


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    build = builds.start(config, preview=session.preview)
    build.caches = Caches.open(build.site.root, config, session.memory)
    return config


def on_pre_build(config: MkDocsConfig) -> None:
    """Stop before MkDocs walks docs/: its walk follows every symlink, out of the repository
    and round a loop alike (builds and previews)."""
    problems = scan_docs(builds.of(config).site, links_only=True).unsafe_links
    if problems:
        for diagnostic in problems:
            log.warning(diagnostic.to_text())
        raise PluginError(f"{len(problems)} unsafe file(s) under docs/; nothing was built.")


def leave_out(files: Files, result: CheckResult) -> None:
    """Backups and refused files never reach the site, in builds and previews alike."""
    for src_uri in (*result.files.backups, *result.files.refused):
        if (file := files.get_file_from_path(src_uri)) is not None:
            files.remove(file)


@event_priority(100)
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    build = builds.of(config)
    site = build.site
    caches = build.caches
    result = check_site(site, cache=caches.check_cache if caches else lambda *_: None)
    if caches is not None:
        SearchCache.install(caches, config)
    build.result = result
    leave_out(files, result)
    for path, findings in result.by_path().items():
        if (src_uri := docs_uri(site.root / path, site)) is not None:
            build.findings_by_src[src_uri] = findings
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


def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
    build = builds.of(config)
    if (caches := build.caches) is not None:
        caches.page.start(nav)
        if not build.preview:  # a cold build converts bodies on every core first
            parallel.prefill(config, files, caches.render.store.count())
    return nav


def on_pre_page(page: Page, *, config: MkDocsConfig, files: Files) -> Page:
    """Let the build's render cache answer this page's Markdown conversion when it can."""
    if (caches := builds.of(config).caches) is not None:
        caches.render.install(page)
    return page


@event_priority(-100)  # last: every other on_env has run
def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    """Pages whose template context is unchanged are not rendered again."""
    if (caches := builds.of(config).caches) is not None:
        caches.page.install(env)
    return env


def on_serve(server: Any, *, config: MkDocsConfig, builder: Callable[..., Any]) -> Any:
    """Rebuild incrementally: only the pages an edit can change are rendered and written."""
    if builds.of(config).caches is not None:
        incremental.wrap(server, builder)
    return server


def on_post_build(*, config: MkDocsConfig) -> None:
    if (caches := builds.of(config).caches) is not None:
        log.debug(f"proofpress cache: {caches.finish()}")


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    findings = builds.of(config).findings_by_src.get(page.file.src_uri)
    if not findings:
        return html
    banner = _templates.get_template("findings.html").render(findings=findings)
    return banner + html


__all__ = [
    "on_config",
    "on_env",
    "on_files",
    "on_nav",
    "on_page_content",
    "on_post_build",
    "on_pre_build",
    "on_pre_page",
    "on_serve",
    "on_shutdown",
    "on_startup",
]
