"""MkDocs events translated into calls to the validation engine.

``hooks/check.py`` re-exports these functions. MkDocs loads a hook once per process and
``mkdocs serve`` keeps it across rebuilds, so per-build state is reset in :func:`on_config`.

- ``mkdocs build``: every finding is logged as a warning (so it is listed, and counts under
  ``strict``), then the build stops before anything renders.
- ``mkdocs serve``: findings are logged at info level (a strict preview would stop on the first
  one) and shown at the top of the previewed page they belong to.
"""

from __future__ import annotations

import logging
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from proofpress.diagnostics import Diagnostic
from proofpress.engine import CheckResult, check_site
from proofpress.files import scan_docs
from proofpress.settings import SiteConfig

# A child of the "mkdocs" logger, so findings count under strict; no prefix, so each line
# starts with the finding's path:line:col.
log = logging.getLogger("mkdocs.plugins.proofpress")

_templates = Environment(
    loader=PackageLoader("proofpress", "templates"), autoescape=select_autoescape(default=True)
)


class _State:
    command: str = "build"
    result: CheckResult = CheckResult()
    findings_by_src: dict[str, list[Diagnostic]] = {}  # noqa: RUF012 (reset in on_config)


_state = _State()


def last_result() -> CheckResult:
    """The current build's check result (computed in ``on_files``)."""
    return _state.result


def is_preview() -> bool:
    """True under ``mkdocs serve``, where drafts are shown and findings do not stop the build."""
    return _state.command == "serve"


def on_startup(*, command: str, dirty: bool) -> None:
    _state.command = command


def on_shutdown() -> None:
    """Hooks outlive a serve session in one process (tests): later builds are builds."""
    _state.command = "build"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    _state.result = CheckResult()
    _state.findings_by_src = {}
    return config


def on_pre_build(config: MkDocsConfig) -> None:
    """Stop before MkDocs walks docs/: its walk follows every symlink, out of the repository
    and round a loop alike."""
    problems = unsafe_links(site_config(config))
    if problems:
        for diagnostic in problems:
            log.warning(diagnostic.to_text())
        raise PluginError(
            f"{len(problems)} unsafe file(s) under {config.docs_dir}; nothing was built."
        )


def unsafe_links(site: SiteConfig) -> list[Diagnostic]:
    return scan_docs(site).unsafe_links


def leave_out(files: Files, result: CheckResult) -> None:
    """Backups and refused files never reach the site, in builds and previews alike."""
    for src_uri in (*result.files.backups, *result.files.refused):
        if (file := files.get_file_from_path(src_uri)) is not None:
            files.remove(file)


def site_config(config: MkDocsConfig) -> SiteConfig:
    root = Path(config.config_file_path or ".").resolve().parent
    return SiteConfig.from_values(root, config.docs_dir, config.extra)


@event_priority(100)
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    site = site_config(config)
    result = check_site(site)
    _state.result = result
    leave_out(files, result)
    docs = Path(config.docs_dir).resolve()
    for path, findings in result.by_path().items():
        src = (site.root / path).resolve()
        if src.is_relative_to(docs):
            _state.findings_by_src[src.relative_to(docs).as_posix()] = findings
    if result.ok:
        return files
    for diagnostic in result.diagnostics:
        (log.info if is_preview() else log.warning)(diagnostic.to_text())
    summary = (
        f"{len(result.diagnostics)} problem(s) in {len(result.by_path())} file(s); "
        "run 'proofpress check' for the same list"
    )
    if is_preview():
        log.info(f"{summary}. The preview shows them at the top of each page.")
        return files
    raise PluginError(f"{summary}. Nothing was built.")


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    findings = _state.findings_by_src.get(page.file.src_uri)
    if not findings:
        return html
    banner = _templates.get_template("findings.html").render(findings=findings)
    return banner + html
