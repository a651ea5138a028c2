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

from jinja2 import Environment, PackageLoader, select_autoescape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from proofpress import build as builds
from proofpress.engine import check_site

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


@event_priority(100)
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    build = builds.of(config)
    site = build.site
    result = check_site(site)
    build.result = result
    docs = site.docs_dir.resolve()
    for path, findings in result.by_path().items():
        src = (site.root / path).resolve()
        if src.is_relative_to(docs):
            build.findings_by_src[src.relative_to(docs).as_posix()] = findings
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


def on_pre_page(page: Page, *, config: MkDocsConfig, files: Files) -> Page:
    """Let the build's render cache answer this page's Markdown conversion when it can."""
    cache = builds.of(config).render_cache
    if cache is not None:
        cache.install(page)
    return page


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    findings = builds.of(config).findings_by_src.get(page.file.src_uri)
    if not findings:
        return html
    banner = _templates.get_template("findings.html").render(findings=findings)
    return banner + html


__all__ = [
    "on_config",
    "on_files",
    "on_page_content",
    "on_pre_page",
    "on_shutdown",
    "on_startup",
]
