"""``mkdocs serve``'s rebuilds by MkDocs' own dirty build: only the pages an edit touches are
converted and rendered, and the served folder stays byte for byte a clean build's.

- :class:`ServeBuilder` replaces the server's builder in ``on_serve``. Each rebuild loads the
  configuration as ``mkdocs serve`` does (with the options the writer passed) and calls
  ``build(config, serve_url=…, dirty=True)``, handing over what the last build left
  (:class:`Rebuild`). MkDocs' warning about dirty builds is kept out of the log, so
  ``--strict`` and ``strict: true`` stay meaningful.
- :func:`plan` (end of the site hook's ``on_files``) fingerprints every page
  (:mod:`proofpress.site.fingerprints`) and answers MkDocs' ``File.is_modified()`` from the
  decisions: MkDocs skips the events and the template of every other page. When the layout
  changed, the build is made whole: the served folder is emptied and every page converted and
  rendered, as in a clean build (dirty builds never delete files).
- :func:`settle` (the site hook's ``on_env``): a page whose template's values alone may have
  changed gets its last conversion back (:class:`Converted`, kept for the session) instead
  of being converted again; then, which pages are rendered.
- :func:`indexed` and :func:`finish`: Material's search indexes only the pages rendered in a
  build; the entries of the others are carried over, in page order.

A build that fails leaves nothing behind, so the next one is whole. Without a click context
(``serve()`` called from Python), with ``--dirty``/``--clean`` or with
``PROOFPRESS_PREVIEW=clean`` in the environment, MkDocs' own builder stays (a clean build on
every change).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import inspect
import json
import logging
import os
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click
import jinja2
from material.plugins.search.plugin import SearchPlugin  # type: ignore[import-untyped]
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.commands.serve import serve as mkdocs_serve
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.toc import get_toc
from mkdocs.utils import clean_directory

from proofpress.check.cache import Checked
from proofpress.hooks import build as builds
from proofpress.hooks.render_cache import toc_token
from proofpress.site.fingerprints import Fingerprints, Memory, Plan, structure, views

log = logging.getLogger("mkdocs.plugins.proofpress.preview")


class MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates kept for the session: MkDocs makes a new Jinja environment for each
    build, which would compile Material's templates again every time. Jinja checks each entry
    against its template's source, so an edited template is compiled afresh."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if (code := self._code.get(bucket.key)) is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


@dataclass(frozen=True)
class Converted:
    """A page as its conversion left it: all that rendering it reads. A preview keeps every
    page's, so a page whose template's values alone changed is rendered from it."""

    content: str
    toc: list[Any]
    title: str | None
    meta: dict[str, Any]
    anchors: frozenset[str] | None
    links: dict[str, dict[str, str]] | None  # links to anchors, by target page

    @classmethod
    def of(cls, page: Any) -> Converted:
        links = page.links_to_anchors
        return cls(
            page.content,
            [toc_token(item) for item in page.toc],
            page._title_from_render,
            dict(page.meta),
            None if page.present_anchor_ids is None else frozenset(page.present_anchor_ids),
            None if links is None else {f.src_uri: dict(a) for f, a in links.items()},
        )

    def restore(self, page: Any, files: Files) -> None:
        page.content, page.toc = self.content, get_toc(self.toc)
        page._title_from_render, page.meta = self.title, dict(self.meta)
        page.present_anchor_ids = None if self.anchors is None else set(self.anchors)
        if self.links is not None:
            page.links_to_anchors = {
                files.get_file_from_path(src): dict(a) for src, a in self.links.items()
            }


@dataclass
class Rebuild:
    """What the serve builder hands a build (on MkDocs' config, :data:`builds.REBUILD_KEY`)."""

    memory: Memory | None  # what the last build left; None: make this one whole
    dirty: bool  # MkDocs' dirty build: it neither empties the folder nor renders every page
    bytecode: jinja2.BytecodeCache
    watched: tuple[str, ...]  # what the server watches besides docs/ (its changes make it whole)
    checks: Mapping[str, Checked]  # the last build's check results, by key (check/cache.py)
    pages: Mapping[str, Converted]  # every page's last conversion


@dataclass
class Preview:
    """One preview build's plan, and what Material's search indexed page by page."""

    plan: Plan
    order: list[str]  # the pages' src_uris in MkDocs' order (the search index's order)
    search: SearchPlugin | None
    entries: dict[str, list[Any]] = field(default_factory=dict)  # src_uri -> rendered entries
    mark: int = 0  # how many search entries the pages before this one made
    known: dict[str, list[Any]] = field(default_factory=dict)  # rendered, entries unchanged
    fingerprints: Fingerprints = field(default_factory=Fingerprints)  # this build's digests
    views: dict[str, str] = field(default_factory=dict)  # every view's digest, once settled
    refill: set[str] = field(default_factory=set)  # restyled from their last conversion
    pages: dict[str, Converted] = field(default_factory=dict)  # every page's, for the next
    remembered: Memory | None = None


class ServeBuilder:
    """The server's builder: each rebuild is MkDocs' dirty build of a freshly loaded config."""

    def __init__(
        self,
        mkdocs_builder: Callable[..., None],
        load: Callable[[], MkDocsConfig],
        serve_url: str,
        ours: Callable[[MkDocsConfig], bool],
        watched: tuple[str, ...],
        first: MkDocsConfig,
    ) -> None:
        self.mkdocs_builder, self.load, self.ours = mkdocs_builder, load, ours
        self.serve_url, self.watched = serve_url, watched
        self.bytecode = MemoryBytecodeCache()
        self.memory: Memory | None = None
        self.checks: Mapping[str, Checked] = {}
        self.pages: Mapping[str, Converted] = {}
        self._take(first)

    def _take(self, config: MkDocsConfig) -> None:
        """What a finished build leaves for the next one."""
        build = builds.of(config)
        previewing = build.previewing
        if previewing is not None:
            self.memory, self.pages = previewing.remembered, previewing.pages
        if build.check_cache is not None:
            self.checks = build.check_cache.kept

    def __call__(self, config: MkDocsConfig | None = None) -> None:
        # A failed build leaves nothing to trust: the next one is whole.
        memory, checks, pages = self.memory, self.checks, self.pages
        self.memory, self.checks, self.pages = None, {}, {}
        config = self.load()
        config.site_url = self.serve_url
        if not self.ours(config):  # the hooks left mkdocs.yml: MkDocs' own (clean) build
            self.mkdocs_builder(config)
            return
        log.info("Building documentation...")
        rebuild = Rebuild(memory, True, self.bytecode, self.watched, checks, pages)
        config[builds.REBUILD_KEY] = rebuild
        with _without_dirty_warning():
            mkdocs_build(config, serve_url=self.serve_url, dirty=True)
        self._take(config)


def serve_builder(
    mkdocs_builder: Callable[..., None], config: MkDocsConfig, ours: Callable[[MkDocsConfig], bool]
) -> ServeBuilder | None:
    """The builder for this ``mkdocs serve``, or None to keep MkDocs' own."""
    params = _serve_params()
    asked = os.environ.get("PROOFPRESS_PREVIEW", "") == "clean"
    if params is None or params.get("build_type") or asked:
        log.debug("proofpress: the preview rebuilds with MkDocs' own builder")
        return None
    own = {
        name
        for name, p in inspect.signature(mkdocs_serve).parameters.items()
        if p.kind is not p.VAR_KEYWORD
    }
    options = {key: value for key, value in params.items() if key not in own}
    watch = list(params.get("watch") or [])
    config_file, site_dir = config.config_file_path, config.site_dir

    def load() -> MkDocsConfig:  # what mkdocs serve's own get_config() does
        fresh = load_config(config_file=config_file, site_dir=site_dir, **options)
        fresh.watch.extend(watch)
        return fresh

    watched = watched_paths(config, params)
    return ServeBuilder(mkdocs_builder, load, str(config.site_url), ours, watched, config)


def _serve_params() -> dict[str, Any] | None:
    """The options of the ``mkdocs serve`` command running, as click parsed them."""
    context = click.get_current_context(silent=True)
    if context is None or context.info_name != "serve":
        return None
    return dict(context.params)


def watched_paths(config: MkDocsConfig, params: dict[str, Any] | None) -> tuple[str, ...]:
    """What the server watches besides docs/: mkdocs.yml, ``watch:``, and with
    ``--watch-theme`` the theme's folders."""
    params = params or {}
    watched = [config.config_file_path or "", *config.watch, *(params.get("watch") or ())]
    if params.get("watch_theme"):
        watched.extend(config.theme.dirs)
    return tuple(dict.fromkeys(watched))


@contextlib.contextmanager
def _without_dirty_warning() -> Iterator[None]:
    """MkDocs warns that a dirty build may leave navigation stale; this one does not, and under
    ``strict`` the warning alone would abort it."""

    def keep(record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")

    logger = logging.getLogger("mkdocs.commands.build")
    logger.addFilter(keep)
    try:
        yield
    finally:
        logger.removeFilter(keep)


# --- in the build ---------------------------------------------------------------------------


def plan(build: builds.Build, files: Files, config: MkDocsConfig) -> None:
    """Decide which pages this preview build converts (end of the site hook's ``on_files``)."""
    part = build.site_part
    if not build.preview or part is None:
        return
    rebuild = build.rebuild
    memory = rebuild.memory if rebuild is not None else None
    doc_files = files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
    fingerprints = Fingerprints()
    links = _links_digest(build)
    content = {}
    for file in doc_files:
        src, text = file.src_uri, file.content_string
        findings = [d.to_text() for d in build.findings_by_src.get(src, ())]
        own = src in part.posts or src in part.listings
        content[src] = fingerprints.of(text, findings, links if "{%" in text or not own else "")

    def context_of(src: str) -> tuple[str, set[str]]:
        context = fingerprints.of(part.meta(src, {}), part.values(src, part.views))
        return context, fingerprints.shown

    def every_view() -> dict[str, str]:
        return views(part.catalog, part.views, fingerprints)

    if memory is not None:  # the cards of posts not converted again show what they showed
        part.views.excerpts.update((s, t) for s, t in memory.excerpts.items() if s in part.posts)
    watched = rebuild.watched if rebuild is not None else watched_paths(config, _serve_params())
    layout = _layout(build, files, watched)
    body_summaries = [src for src, post in part.posts.items() if not post.description]
    made = Plan.make(
        memory,
        layout,
        structure(part.catalog),
        content,
        every_view,
        context_of,
        body_summaries,
    )
    if made.whole:  # a clean build: every first paragraph is read afresh
        part.views.excerpts.clear()
    else:  # the site's own pages: always converted (they are few, name the nav)
        generated = part.posts.keys() | part.listings.keys()
        made.convert.update(src for src in content if src not in generated)
    # A page to restyle is rendered from its last conversion; without one, converted again.
    copies = rebuild.pages if rebuild is not None else {}
    refill = {src for src in made.restyle if src in copies}
    made.convert |= made.restyle - refill
    search = next((p for p in config.plugins.values() if isinstance(p, SearchPlugin)), None)
    build.previewing = Preview(
        made, [f.src_uri for f in doc_files], search, fingerprints=fingerprints, refill=refill
    )
    if made.whole and rebuild is not None and rebuild.dirty:
        clean_directory(config.site_dir)  # a dirty build never deletes: this one starts empty
    for file in doc_files:
        file.is_modified = functools.partial(made.touches, file.src_uri)  # type: ignore[method-assign]
    what = "every page" if made.whole else f"{len(made.convert)} page(s)"
    log.debug(f"proofpress preview: {what} to convert")


def settle(build: builds.Build, files: Files) -> None:
    """Every page is converted by now: decide which ones are rendered (the site's ``on_env``)."""
    previewing, part = build.previewing, build.site_part
    if previewing is None or part is None:
        return
    made = previewing.plan
    if made.memory is not None and not made.whole:  # cards whose first paragraph changed
        for src, text in made.memory.excerpts.items():
            if part.views.excerpts.get(src) != text:
                part.views.forget(src)
    fingerprints = previewing.fingerprints
    copies = build.rebuild.pages if build.rebuild is not None else {}
    converted = {}
    for file in files.documentation_pages(inclusion=InclusionLevel.is_in_serve):
        src, page = file.src_uri, file.page
        if page is None:
            continue
        if src in previewing.refill:
            copies[src].restore(page, files)
            page.meta = part.meta(src, page.meta)  # what the site adds is this build's
        elif page.content is None or not made.touches(src):
            if src in copies:
                previewing.pages[src] = copies[src]
            continue
        context = fingerprints.of(part.meta(src, {}), part.values(src, part.views))
        shown = frozenset(fingerprints.shown)
        kept = previewing.pages[src] = Converted.of(page)
        output = fingerprints.loose(kept.content, kept.toc, page.title, kept.meta)
        converted[src] = (context, output, shown)
    made.settle(converted)
    previewing.views = views(part.catalog, part.views, fingerprints)
    log.debug(f"proofpress preview: {len(made.render)} page(s) to render")
    if made.memory is not None and not made.whole and previewing.search is not None:
        # A page rendered only for its cards has the search entries it had: index it no more.
        old = made.memory.pages
        previewing.known = {
            src: made.memory.search.get(src, [])
            for src in made.render
            if made.states[src].output == old[src].output
        }
        index = previewing.search.search_index
        index.add_entry_from_context = functools.partial(
            _index_unless_known, index.add_entry_from_context, previewing.known
        )


def _index_unless_known(add: Callable[[Any], None], known: Mapping[str, Any], page: Any) -> None:
    if page.file.src_uri not in known:
        add(page)


def indexed(build: builds.Build, src_uri: str) -> None:
    """Material's search has indexed a rendered page: note its entries (``on_page_context``)."""
    previewing = build.previewing
    if previewing is None or previewing.search is None:
        return
    if src_uri in previewing.known:
        previewing.entries[src_uri] = list(previewing.known[src_uri])
        return
    entries = previewing.search.search_index.entries
    previewing.entries[src_uri] = entries[previewing.mark :]
    previewing.mark = len(entries)


def finish(build: builds.Build) -> None:
    """Before Material writes the search index: every page's entries, in page order, fresh for
    the rendered pages and carried over for the others; then what the next build compares."""
    previewing, part = build.previewing, build.site_part
    if previewing is None or part is None:
        return
    made = previewing.plan
    memory = made.remember(previewing.views, part.views.excerpts, previewing.entries)
    if previewing.search is not None:
        index = previewing.search.search_index
        index.entries = [entry for src in previewing.order for entry in memory.search.get(src, ())]
    previewing.remembered = memory


def _links_digest(build: builds.Build) -> str:
    links = build.links
    if links is None:
        return ""
    return json.dumps(
        [sorted(links.posts.items()), sorted(links.users.items()), sorted(links.tags.items())]
    )


def _layout(build: builds.Build, files: Files, watched: tuple[str, ...]) -> str:
    """What makes a build whole when it changes: the files and their places, the site's own
    pages' texts, the day, and every file the server watches besides docs/ (mkdocs.yml, the
    theme and ``watch:`` folders)."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(build.now.date().isoformat().encode())
    part = build.site_part
    for file in files:
        place = [file.src_uri, file.dest_uri, file.url, file.inclusion.name, file.generated_by]
        digest.update(json.dumps(place).encode())
        if (
            file.is_documentation_page()
            and part is not None
            and file.src_uri not in part.posts
            and file.generated_by is None
        ):
            digest.update(file.content_string.encode("utf-8", "surrogatepass"))
    for path in watched:
        for name, stat in _stats(path):
            digest.update(f"{name}\0{stat.st_mtime_ns}\0{stat.st_size}\0".encode())
    return digest.hexdigest()


def _stats(path: str) -> Iterator[tuple[str, os.stat_result]]:
    if not path:
        return
    root = Path(path)
    if root.is_file():
        yield path, root.stat()
        return
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(names):
            with contextlib.suppress(OSError):
                yield os.path.join(folder, name), os.stat(os.path.join(folder, name))
