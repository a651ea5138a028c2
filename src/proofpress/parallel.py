"""Use the other cores on a cold ``mkdocs build``: convert page bodies in forked workers first.

MkDocs converts each page's Markdown in one process, one page after another. Before it starts
(``on_nav``, after every ``on_files``), :func:`prefill` forks workers that each run MkDocs' own
``_populate_page`` on a share of the pages: the same ``on_pre_page``, ``read_source``,
``on_page_markdown`` and ``render`` as the build itself, so each conversion lands in the render
cache (:class:`proofpress.cache.RenderCache`) under exactly the key the build will look up.
The workers' pages are thrown away with the workers; the build then populates every page as
usual and finds each conversion in the cache (a conversion whose inputs differ in the build,
for any reason, simply misses and is done again). Nothing of the output depends on whether
this ran. It runs only for ``mkdocs build`` (forking a server's threads is not safe), only
with ``fork`` available, ``PROOFPRESS_JOBS`` above 1, and a cache that is mostly cold.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from typing import Any

from mkdocs.commands import build as mkdocs_build
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.pages import Page

from proofpress import build as builds

MIN_PAGES = 64  # below this, forking costs more than it saves


def jobs() -> int:
    """Workers to use: ``PROOFPRESS_JOBS`` (default 1: off).

    Off by default because it did not measurably help on the 2-core machine this project is
    benchmarked on, shared with other work (see the README's performance section).
    """
    value = os.environ.get("PROOFPRESS_JOBS", "")
    return int(value) if value.isdigit() else 1


def prefill(config: Any, files: Files, cached_entries: int) -> int:
    """Convert the pages' Markdown in forked workers; how many workers ran."""
    workers = jobs()
    pages = list(files.documentation_pages(inclusion=InclusionLevel.is_included))
    caches = builds.of(config).caches
    if caches is not None:
        for store in caches.stores():  # nothing held back while forking
            store.flush()
    if (
        workers < 2
        or len(pages) < MIN_PAGES
        or cached_entries * 2 >= len(pages)
        or "fork" not in multiprocessing.get_all_start_methods()
    ):
        return 0
    if caches is not None:
        caches.render.store.prepare()  # created once, before the workers write to it
    context = multiprocessing.get_context("fork")
    processes = [
        context.Process(target=_convert, args=(config, files, pages[k::workers]), daemon=True)
        for k in range(workers)
    ]
    for process in processes:
        process.start()
    for process in processes:
        process.join()
    return workers


def _convert(config: Any, files: Files, share: list[Any]) -> None:
    """In a worker: populate each page of ``share`` as the build would, for its cache entry."""
    for name in ("", "mkdocs"):  # print nothing: the build logs (and replays) every record
        logger = logging.getLogger(name)
        for handler in list(logger.handlers):
            logger.removeHandler(handler)
        logger.addHandler(logging.NullHandler())
    for file in share:
        try:
            page = file.page if file.page is not None else Page(None, file, config)
            mkdocs_build._populate_page(page, config, files)
        except Exception:
            continue  # the build converts this page itself, and reports what went wrong
    caches = builds.of(config).caches
    if caches is not None:
        caches.render.store.flush()
