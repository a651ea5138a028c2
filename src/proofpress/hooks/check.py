"""The check hook's events: prove every post before anything renders."""

from proofpress.mkdocs_check import (
    on_config,
    on_env,
    on_files,
    on_nav,
    on_page_content,
    on_post_build,
    on_pre_build,
    on_pre_page,
    on_serve,
    on_shutdown,
    on_startup,
)

__all__ = [
    "on_config",
    "on_env",
    "on_files",
    "on_nav",
    "on_page_content",
    "on_post_build",
    "on_pre_build",
    "on_pre_page",
    "on_serve",
    "on_shutdown",
    "on_startup",
]
