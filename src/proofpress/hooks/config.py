"""``mkdocs.yml`` read as MkDocs reads it, for the command line's checks.

``INHERIT:`` is merged and ``!ENV`` resolved by MkDocs' own YAML loader (on a safe loader that
reads MkDocs' other tags as nothing), so ``proofpress check`` sees the settings ``mkdocs build``
will use. Without MkDocs installed (the checks outlive it), the file is read as plain YAML.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from proofpress.records import settings
from proofpress.records.settings import ConfigError, SiteConfig, TolerantLoader


def load_site_config(config_file: Path) -> SiteConfig:
    """The site's settings as MkDocs reads them: ``INHERIT:``, ``!ENV`` and defaults resolved."""
    return settings.load_site_config(config_file, read_as_mkdocs)


def read_as_mkdocs(config_file: Path) -> Mapping[str, Any]:
    try:
        from mkdocs.exceptions import MkDocsException
        from mkdocs.utils.yaml import get_yaml_loader, yaml_load
    except ImportError:
        return settings.plain_yaml(config_file)
    try:
        with config_file.open("rb") as source:
            data = yaml_load(source, get_yaml_loader(TolerantLoader))
    except MkDocsException as err:
        raise ConfigError(f"{config_file}: {err}") from None
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as err:
        raise ConfigError(f"{config_file}: cannot be read: {err}") from None
    if not isinstance(data, dict):
        raise ConfigError(f"{config_file}: expected a mapping of settings")
    return data
