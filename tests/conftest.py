"""Shared fixtures: real MkDocs builds into temporary folders, parsed with lxml."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from lxml import html
from mkdocs.commands.build import build
from mkdocs.config import load_config

REPO = Path(__file__).resolve().parent.parent
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


@dataclass
class Built:
    """A finished build: where it went and what MkDocs logged."""

    site_dir: Path
    records: list[logging.LogRecord] = field(default_factory=list)

    def page(self, url_path: str) -> html.HtmlElement:
        target = self.site_dir / url_path
        if target.is_dir() or url_path.endswith("/") or url_path == "":
            target = target / "index.html"
        return html.fromstring(target.read_bytes())

    def messages(self, level: int = logging.WARNING) -> list[str]:
        return [r.getMessage() for r in self.records if r.levelno >= level]


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture
def mkdocs_logs() -> Iterator[list[logging.LogRecord]]:
    """Records reaching the ``mkdocs`` logger (the CLI turns propagation off; caplog may miss)."""
    handler = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    old_level = logger.level
    logger.setLevel(logging.DEBUG)
    try:
        yield handler.records
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old_level)


def build_site(config_file: Path, site_dir: Path, **overrides: object) -> None:
    """Run MkDocs' own build function on ``config_file``, writing only into ``site_dir``."""
    config = load_config(config_file=str(config_file), site_dir=str(site_dir), **overrides)
    build(config)


@pytest.fixture
def sample_site(tmp_path: Path, mkdocs_logs: list[logging.LogRecord]) -> Built:
    """The repository's sample blog, built for real into a temporary folder."""
    site_dir = tmp_path / "site"
    build_site(REPO / "mkdocs.yml", site_dir)
    return Built(site_dir, mkdocs_logs)
