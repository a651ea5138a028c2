"""The site hook's events: the proven posts become the DEV-style site."""

from proofpress.site.mkdocs_site import (
    on_config,
    on_env,
    on_files,
    on_page_content,
    on_page_context,
    on_page_markdown,
)

__all__ = [
    "on_config",
    "on_env",
    "on_files",
    "on_page_content",
    "on_page_context",
    "on_page_markdown",
]
