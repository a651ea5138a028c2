"""MkDocs' conversion of each page, cached in the render store of :mod:`proofpress.check.cache`.

The :class:`RenderCache` wraps MkDocs' ``Page.render``: a hit sets what a conversion sets
(content, toc, title, anchors, links to anchors) and replays its log records; a miss converts
and records. It is the one part of the cache that knows MkDocs' page objects.
"""

from __future__ import annotations

import functools
import json
import logging
import logging.handlers
import types
from collections.abc import Callable
from typing import Any

from mkdocs.structure.toc import get_toc

from proofpress.check.cache import Store, converter, key_of


class RenderCache:
    """MkDocs' conversion of each page (content, toc, title, anchors, links, warnings), keyed by
    the Markdown it converts, the extensions and their settings, link validation, the page's
    path, URL and inclusion. Each file a link resolved to and what each DEV link tag found are
    compared on read; a hit replays the conversion's warnings, as a cold build would log them.
    """

    def __init__(self, store: Store, mkdocs_config: Any, links: Any = None) -> None:
        self.store, self.config, self.links = store, mkdocs_config, links
        self.context = _json([mkdocs_config.get("validation"), mkdocs_config.use_directory_urls])

    def install(self, page: Any) -> None:
        page.render = functools.partial(self._render, page, page.render)

    def _key(self, page: Any) -> str:
        extensions = [
            e if isinstance(e, str) else [type(e).__module__, type(e).__qualname__, e.getConfigs()]
            for e in self.config.markdown_extensions
        ]
        logger = logging.getLogger(type(page).__module__)  # mkdocs.* or properdocs.*
        return key_of(
            self.context,
            _json([extensions, self.config.mdx_configs], links=self.links),
            _json([page.file.src_uri, page.file.url, page.file.inclusion.is_excluded()]),
            str(logger.getEffectiveLevel()),  # which records a conversion logs (and replays)
            page.markdown or "",
        )

    def _render(
        self, page: Any, render: Callable[[Any, Any], None], config: Any, files: Any
    ) -> None:
        try:
            key = self._key(page)
        except (TypeError, ValueError):  # a setting that is not plain data: convert uncached
            return render(config, files)
        entry = self.store.get(key, lambda entry: self._holds(entry, files))
        if entry is not None:
            return self._apply(page, entry, files)
        recording, links = _RecordingFiles(files), self.links
        capture = logging.handlers.BufferingHandler(capacity=2**31)  # what MkDocs logs meanwhile
        mkdocs_log = logging.getLogger(type(page).__module__.split(".")[0])  # or properdocs
        mkdocs_log.addHandler(capture)
        if links is not None:
            links.seen = []  # what DEV's link tags look up while this page converts
        try:
            render(config, recording)
            lookups = [[t.local, t.title, found] for t, found in links.seen or ()] if links else []
        finally:
            mkdocs_log.removeHandler(capture)
            if links is not None:
                links.seen = None
        logs = [[r.name, r.levelno, r.getMessage()] for r in capture.buffer]
        if recording.unrecorded:
            return None
        links = page.links_to_anchors
        self.store.put(key, {
            "content": page.content,
            "toc": [toc_token(item) for item in page.toc],
            "title": page._title_from_render,
            "anchors": sorted(page.present_anchor_ids or ()),
            "links_to_anchors": None if links is None else {f.src_uri: a for f, a in links.items()},
            "logs": logs,
            "files": recording.seen,
            "lookups": lookups,
        })  # fmt: skip

    def _holds(self, entry: dict[str, Any], files: Any) -> bool:
        for path, seen in entry["files"].items():
            file = files.get_file_from_path(path)
            if seen != (None if file is None else [file.url, file.inclusion.is_excluded()]):
                return False
        for local, title, found in entry["lookups"]:
            target = types.SimpleNamespace(local=local and tuple(local), title=title)
            if self.links is None or converter.unstructure(self.links.local(target)) != found:
                return False
        return all(files.get_file_from_path(uri) for uri in entry["links_to_anchors"] or ())

    @staticmethod
    def _apply(page: Any, entry: dict[str, Any], files: Any) -> None:
        for name, level, message in entry["logs"]:
            logging.getLogger(name).log(level, message)
        page.content, page.toc = entry["content"], get_toc(entry["toc"])
        page._title_from_render = entry["title"]
        page.present_anchor_ids = set(entry["anchors"])
        if (links := entry["links_to_anchors"]) is not None:
            page.links_to_anchors = {files.get_file_from_path(u): a for u, a in links.items()}


def _json(value: Any, links: Any = None) -> str:
    """Settings as JSON; the dialect's links print as the page they are relative to."""

    def plain(item: Any) -> Any:
        if links is not None and item is links:
            return ["links", item.page_url, item.post_page]
        if hasattr(item, "items"):  # MkDocs' config sections
            return dict(item.items())
        raise TypeError(type(item).__name__)

    return json.dumps(value, sort_keys=True, default=plain)


def toc_token(item: Any) -> dict[str, Any]:
    """A table-of-contents entry back as the token MkDocs' ``get_toc`` reads."""
    kids = [toc_token(child) for child in item.children]
    return {"level": item.level, "id": item.id, "name": item.title, "children": kids}


class _RecordingFiles:
    """MkDocs' ``Files`` as link resolution reads it, noting each lookup and its answer."""

    def __init__(self, files: Any) -> None:
        self._files, self.seen, self.unrecorded = files, dict[str, Any](), False

    def get_file_from_path(self, path: str) -> Any:
        file = self._files.get_file_from_path(path)
        self.seen[path] = None if file is None else [file.url, file.inclusion.is_excluded()]
        return file

    def __getattr__(self, name: str) -> Any:  # an extension reading the whole collection:
        self.unrecorded = True  # answered, but what it read is unknown, so nothing is kept
        return getattr(self._files, name)
