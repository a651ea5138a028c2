"""MkDocs hook: a thin adapter. All logic lives in the importable ``proofpress`` package."""

from proofpress.mkdocs_check import on_config, on_page_context

__all__ = ["on_config", "on_page_context"]
