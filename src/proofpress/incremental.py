"""Incremental rebuilds under ``mkdocs serve``: only the pages an edit can change are written.

MkDocs' server rebuilds by calling ``build()``, which empties the served folder and renders and
writes every page again (``mkdocs/commands/build.py``). :func:`wrap`, called from ``on_serve``,
replaces the server's builder with :class:`IncrementalBuilder`, which runs the same steps with
MkDocs' own functions (``get_files``, ``_populate_page``, ``get_context``, the plugin events,
``_build_theme_template``...) in the same order, except:

- the served folder is not emptied first;
- a page whose template context has the same fingerprint as when its file was last written
  (:class:`proofpress.cache.PageCache`) is not rendered nor written again: that fingerprint holds
  everything its template reads, so the file on disk is byte for byte what rendering would
  give (pages are still read, checked and passed through every ``on_page_context``, so the
  search index and the listings see every page);
- a static file is copied only when its bytes differ from the copy already served;
- at the end, every file the build neither wrote nor kept is deleted (a renamed or deleted
  post's page, a listing that no longer exists, a draft's media), and empty folders with it.

So the served site equals a clean build's. Anything unusual falls back to MkDocs: if the
builder's settings cannot be read (another MkDocs version), ``--dirty``/``--clean`` builds, or a
plugin with ``on_post_page`` (whose output we could not reuse), or after a failed build.
"""

from __future__ import annotations

import filecmp
import logging
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin

import jinja2
from mkdocs import utils
from mkdocs.commands import build as mkdocs_build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, BuildError
from mkdocs.structure.files import Files, InclusionLevel, get_files, set_exclusions
from mkdocs.structure.nav import Navigation, get_navigation
from mkdocs.structure.pages import Page

from proofpress import build as builds

log = logging.getLogger("mkdocs.commands.build")  # MkDocs' own messages, as build() logs them

# Exactly what MkDocs' _build_page prepends to a page built only for the preview.
_DRAFT_MARKER = (
    '<div class="mkdocs-draft-marker" title="This page will not be included into the built '
    'site.">DRAFT</div>'
)


@dataclass
class State:
    """What the served folder holds: the fingerprint each page file was written with."""

    written: dict[str, str] = field(default_factory=dict)  # abs path -> page fingerprint
    rebuilds: int = 0
    pages_written: int = 0  # in the last rebuild
    pages_kept: int = 0


def wrap(server: Any, builder: Callable[..., Any]) -> IncrementalBuilder | None:
    """Make ``server`` rebuild incrementally, if MkDocs' builder is the one we know."""
    code = getattr(builder, "__code__", None)
    cells = getattr(builder, "__closure__", None)
    if code is None or cells is None:
        return None
    free = dict(zip(code.co_freevars, (cell.cell_contents for cell in cells), strict=True))
    get_config, serve_url = free.get("get_config"), free.get("serve_url")
    if not callable(get_config) or not isinstance(serve_url, str):
        return None
    if free.get("is_dirty") or free.get("is_clean"):
        return None  # --dirty and --clean keep MkDocs' own meaning
    incremental = IncrementalBuilder(get_config, serve_url)
    server.builder = incremental
    return incremental


class IncrementalBuilder:
    def __init__(self, get_config: Callable[[], MkDocsConfig], serve_url: str) -> None:
        self.get_config = get_config
        self.serve_url = serve_url
        self.state = State()

    def __call__(self, config: MkDocsConfig | None = None) -> None:
        log.info("Building documentation...")
        if config is None:
            config = self.get_config()
            config.site_url = self.serve_url
        try:
            build(config, self.serve_url, self.state)
        except BaseException:
            self.state.written.clear()  # the folder may be half-written: trust nothing in it
            raise
        self.state.rebuilds += 1


def build(config: MkDocsConfig, serve_url: str, state: State) -> None:
    """MkDocs' ``build(config, serve_url=serve_url)``, writing only what changed."""
    logger = logging.getLogger("mkdocs")
    warning_counter = utils.CountHandler()
    warning_counter.setLevel(logging.WARNING)
    if config.strict:
        logger.addHandler(warning_counter)
    inclusion = InclusionLevel.is_in_serve
    try:
        start = time.monotonic()
        config = config.plugins.on_config(config)
        config.plugins.on_pre_build(config=config)
        site_dir = config.site_dir
        before = _snapshot(site_dir)
        kept: set[str] = set()

        files = get_files(config)
        env = config.theme.get_env()
        files.add_files_from_theme(env, config)
        files = config.plugins.on_files(files, config=config)
        set_exclusions(files, config)
        nav = get_navigation(files, config)
        nav = config.plugins.on_nav(nav, config=config, files=files)

        excluded = []
        for file in files.documentation_pages(inclusion=inclusion):
            if file.page is None and file.inclusion.is_not_in_nav():
                if file.inclusion.is_excluded():
                    excluded.append(urljoin(serve_url, file.url))
                Page(None, file, config)
            assert file.page is not None
            mkdocs_build._populate_page(file.page, config, files)
        if excluded:
            log.info(
                "The following pages are being built only for the preview "
                "but will be excluded from `mkdocs build` per `draft_docs` config:\n  - "
                + "\n  - ".join(excluded)
            )
        env = config.plugins.on_env(env, config=config, files=files)

        _copy_static_files(files, inclusion, kept)
        for template in config.theme.static_templates:
            mkdocs_build._build_theme_template(template, env, files, config, nav)
        for template in config.extra_templates:
            mkdocs_build._build_extra_template(template, files, config, nav)

        doc_files = files.documentation_pages(inclusion=inclusion)
        reuse = not config.plugins.events.get("post_page")
        state.pages_written = state.pages_kept = 0
        for file in doc_files:
            assert file.page is not None
            _build_page(
                file.page, config, doc_files, nav, env, file.inclusion.is_excluded(),
                state, kept, reuse,
            )  # fmt: skip

        log_level = config.validation.links.anchors
        for file in doc_files:
            assert file.page is not None
            file.page.validate_anchor_links(files=files, log_level=log_level)

        config.plugins.on_post_build(config=config)
        if counts := warning_counter.get_counts():
            msg = ", ".join(f"{v} {k.lower()}s" for k, v in counts)
            raise Abort(f"Aborted with {msg} in strict mode!")
        removed = _remove_stale(site_dir, before, kept, state)
        log.info(
            f"Documentation built in {time.monotonic() - start:.2f} seconds "
            f"(proofpress: {state.pages_written} page(s) written, {state.pages_kept} unchanged, "
            f"{removed} stale file(s) removed)"
        )
    except Exception as e:
        config.plugins.on_build_error(error=e)
        if isinstance(e, BuildError):
            log.error(str(e))
            raise Abort("Aborted with a BuildError!") from e
        raise
    finally:
        logger.removeHandler(warning_counter)


def _build_page(
    page: Page,
    config: MkDocsConfig,
    doc_files: Any,
    nav: Navigation,
    env: jinja2.Environment,
    excluded: bool,
    state: State,
    kept: set[str],
    reuse: bool,
) -> None:
    """MkDocs' ``_build_page``; an unchanged page keeps the file already served."""
    config._current_page = page
    try:
        page.active = True
        context = mkdocs_build.get_context(nav, doc_files, config, page)
        name = page.meta.get("template", "main.html")
        template = env.get_template(name)
        context = config.plugins.on_page_context(context, page=page, config=config, nav=nav)
        if excluded:
            page.content = _DRAFT_MARKER + (page.content or "")
        dest = page.file.abs_dest_path
        caches = builds.of(config).caches
        key = caches.page.key(name, context) if caches is not None and reuse else None
        if key is not None and state.written.get(dest) == key and os.path.isfile(dest):
            kept.add(dest)
            state.pages_kept += 1
            return
        render_keyed = getattr(template, "render_keyed", None)
        output = render_keyed(context, key) if render_keyed else template.render(context)
        output = config.plugins.on_post_page(output, page=page, config=config)
        if output.strip():
            utils.write_file(output.encode("utf-8", errors="xmlcharrefreplace"), dest)
            state.pages_written += 1
            if key is not None:
                state.written[dest] = key
            else:
                state.written.pop(dest, None)
        else:
            state.written.pop(dest, None)
            log.info(f"Page skipped: '{page.file.src_uri}'. Generated empty output.")
    except Exception as e:
        message = f"Error building page '{page.file.src_uri}':"
        if not isinstance(e, BuildError):
            message += f" {e}"
        log.error(message)
        raise
    finally:
        page.active = False
        config._current_page = None


def _copy_static_files(
    files: Files, inclusion: Callable[[InclusionLevel], bool], kept: set[str]
) -> None:
    """Copy static files whose bytes differ from what is served; generated ones always."""
    for file in files:
        if file.is_documentation_page() or not inclusion(file.inclusion):
            continue
        dest = file.abs_dest_path
        source = file.abs_src_path
        if (
            file.generated_by is None
            and source is not None
            and os.path.isfile(dest)
            and filecmp.cmp(source, dest, shallow=False)
        ):
            kept.add(dest)
            continue
        file.copy_file()


def _snapshot(site_dir: str) -> dict[str, int]:
    """Every file in the served folder and its modification time (ns)."""
    found = {}
    for base, _dirs, names in os.walk(site_dir):
        for name in names:
            path = os.path.join(base, name)
            try:
                found[path] = os.stat(path).st_mtime_ns
            except OSError:
                continue
    return found


def _remove_stale(site_dir: str, before: dict[str, int], kept: set[str], state: State) -> int:
    """Delete files that were there before the build, and were neither kept nor rewritten."""
    removed = 0
    for path, mtime in before.items():
        if path in kept:
            continue
        try:
            if os.stat(path).st_mtime_ns != mtime:
                continue  # written by this build
        except OSError:
            continue
        os.remove(path)
        state.written.pop(path, None)
        removed += 1
    for base, _dirs, _names in os.walk(site_dir, topdown=False):
        if base != site_dir and not os.listdir(base):
            os.rmdir(base)
    return removed
