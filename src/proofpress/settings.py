"""Where a site's files are, read from ``mkdocs.yml`` without importing MkDocs."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml


class ConfigError(Exception):
    """The site's configuration cannot be used (exit code 2 in the CLI)."""


@dataclass(frozen=True)
class SiteConfig:
    root: Path  # the site root: the folder of mkdocs.yml; messages are relative to it
    docs_dir: Path
    posts_dir: str = "posts"  # relative to docs_dir
    site_url: str = ""  # where the site is published, from mkdocs.yml's site_url

    def display(self, file: Path) -> str:
        """A path as messages show it: relative to the site root when inside it."""
        try:
            return file.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return file.as_posix()

    def exists(self, docs_relative: str) -> bool:
        return (self.docs_dir / docs_relative).is_file()

    @classmethod
    def from_values(cls, root: Path, docs_dir: str | Path, extra: Any) -> SiteConfig:
        # MkDocs hands over its own config object: a Mapping, not a dict.
        options = extra.get("proofpress", {}) if isinstance(extra, Mapping) else {}
        posts_dir = options.get("posts_dir", "posts") if isinstance(options, Mapping) else "posts"
        return cls(root=root, docs_dir=(root / docs_dir), posts_dir=str(posts_dir))


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, whose !ENV and !!python/name tags only MkDocs can resolve."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def load_site_config(config_file: Path) -> SiteConfig:
    try:
        data = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_TolerantLoader)
    except FileNotFoundError:
        raise ConfigError(f"{config_file}: not found; run from the site root or pass -f") from None
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as err:
        raise ConfigError(f"{config_file}: cannot be read: {err}") from None
    if not isinstance(data, dict):
        raise ConfigError(f"{config_file}: expected a mapping of settings")
    root = config_file.resolve().parent
    site = SiteConfig.from_values(root, data.get("docs_dir") or "docs", data.get("extra"))
    site_url = data.get("site_url")
    return replace(site, site_url=site_url) if isinstance(site_url, str) else site
