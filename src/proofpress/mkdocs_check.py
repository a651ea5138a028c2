"""MkDocs events translated into calls to the Proofpress engine.

``hooks/proofpress_hooks.py`` re-exports these functions; MkDocs loads that file once per
process, so every piece of per-build state is reset in :func:`on_config`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.pages import Page

log = get_plugin_logger("proofpress")

AUTHORS_FILE = ".authors.yml"

_authors: dict[str, dict[str, Any]] = {}


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    _authors.clear()
    registry = Path(config.docs_dir) / AUTHORS_FILE
    if registry.is_file():
        data = yaml.safe_load(registry.read_text(encoding="utf-8")) or {}
        _authors.update(data)
    return config


def on_page_context(
    context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Any
) -> dict[str, Any]:
    author_key = page.meta.get("author")
    if isinstance(author_key, str) and author_key in _authors:
        context["pp_author"] = _authors[author_key]
    return context
