"""The packaged theme: Proofpress's templates, stylesheet and icons, found without custom_dir.

They live in ``proofpress/theme/`` inside the package. :func:`use_packaged_theme` puts that
folder on MkDocs' template path right after the blog's own ``theme.custom_dir`` (when it has
one) and before Material's, so a blog's own overrides still replace any template or block, and
Proofpress's templates extend Material's.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

THEME_DIR = Path(__file__).resolve().parent.parent / "theme"


def use_packaged_theme(config: MkDocsConfig) -> None:
    dirs: list[str] = config.theme.dirs
    theme_dir = str(THEME_DIR)
    if theme_dir in dirs:  # the same config handed to on_config twice
        return
    # MkDocs puts custom_dir first, then the theme's own folders (Material's, then MkDocs').
    dirs.insert(1 if config.theme.custom_dir else 0, theme_dir)
