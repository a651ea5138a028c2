"""The check hook's events: prove every post before anything renders."""

from proofpress.mkdocs_check import (
    on_config,
    on_files,
    on_page_content,
    on_pre_page,
    on_shutdown,
    on_startup,
)

__all__ = [
    "on_config",
    "on_files",
    "on_page_content",
    "on_pre_page",
    "on_shutdown",
    "on_startup",
]
