"""Shared fixtures: real MkDocs builds into temporary folders, parsed with lxml."""

from __future__ import annotations

import contextlib
import gc
import itertools
import logging
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from lxml import html
from mkdocs.commands.build import build
from mkdocs.config import load_config

from proofpress.records.model import Post

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "tests" / "fixtures" / "seed" / "backend-developer-application.md"
SITES = REPO / "tests" / "fixtures" / "sites"
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
# Commands fit their output to COLUMNS, which pytest-xdist sets to 80: tests see a log's output
# (no terminal) unless they set COLUMNS themselves.
os.environ.pop("COLUMNS", None)


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


AUTHORS = """\
larissa:
  name: Larissa Caldwell
  username: larissacaldwell
  bio: Backend developer.
  avatar: assets/avatars/larissa-caldwell.svg
  joined: 2024-03-14
  pen_names: [Lucibit]
"""

GOOD_FRONT_MATTER = """\
---
title: A good post
description: A post that passes every rule.
date: 2026-11-02
author: larissa
tags: [python, web]
published: true
---

"""


def write_site(
    root: Path,
    posts: dict[str, str | bytes],
    authors: str | None = AUTHORS,
    files: dict[str, str | bytes] | None = None,
) -> Path:
    """A fixture site in ``root`` using the repository's hooks and overrides; returns mkdocs.yml.

    ``posts`` maps names under docs/posts/ to their text (or bytes); ``files`` adds any other
    file under docs/.
    """
    import yaml

    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    config["hooks"] = [str(REPO / hook) for hook in config.get("hooks", [])]
    config["theme"]["custom_dir"] = str(REPO / config["theme"].get("custom_dir", "overrides"))
    config.pop("watch", None)
    docs = root / "docs"
    (docs / "posts").mkdir(parents=True, exist_ok=True)
    (docs / "index.md").write_text("# Home\n", encoding="utf-8")
    avatar = REPO / "docs/assets/avatars/larissa-caldwell.svg"
    (docs / "assets/avatars").mkdir(parents=True, exist_ok=True)
    (docs / "assets/avatars/larissa-caldwell.svg").write_bytes(avatar.read_bytes())
    if authors is not None:
        (docs / ".authors.yml").write_text(authors, encoding="utf-8")
    for name, content in {**{f"posts/{k}": v for k, v in posts.items()}, **(files or {})}.items():
        target = docs / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    config_file = root / "mkdocs.yml"
    config_file.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return config_file


def check_posts(root: Path, posts: dict[str, str | bytes], **kwargs: object) -> list[object]:
    """Run the engine (no MkDocs) on a fixture site; return (path, line, col, code, message).

    Drafts' findings count as problems here (``--drafts=error``): these fixtures are about what
    each rule finds, and many of them leave ``published`` out. What a draft's findings do to a
    build is tested in test_drafts.py."""
    from proofpress.check.engine import check_site
    from proofpress.hooks.config import load_site_config

    config_file = write_site(root, posts, **kwargs)  # type: ignore[arg-type]
    result = check_site(load_site_config(config_file), drafts="error")
    return [(d.path, d.line, d.column, d.code, d.message) for d in result.diagnostics]


def make_post(*lines: str, **fields: object) -> Post:
    """A validated post for rule tests: its body is ``lines``; body line i is file line 10 + i."""
    values: dict[str, object] = {
        "src_uri": "posts/p.md",
        "path": "docs/posts/p.md",
        "title": "T",
        "date": datetime(2026, 1, 1, tzinfo=UTC),
        "author": "larissa",
        "slug": "p",
        "body": "\n".join(lines),
        "body_line": 10,
    }
    values.update(fields)
    return Post(**values)  # type: ignore[arg-type]


def run_cli(cwd: Path, *args: str) -> Result:
    """``proofpress args`` run in-process by click's ``CliRunner`` from ``cwd``, as a writer would
    run it there; an exception escaping the command fails the test."""
    from proofpress.commands.cli import main

    with contextlib.chdir(cwd):
        return CliRunner().invoke(main, list(args), catch_exceptions=False)


def run_module(cwd: Path, module: str, *args: str) -> subprocess.CompletedProcess[str]:
    """``python -m module args`` in ``cwd``, as a writer would run it; never raises on failure."""
    return subprocess.run(
        [sys.executable, "-m", module, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )


_fresh = itertools.count()


def growth(run: Callable[[str], object], make: Callable[[int], str], n: int) -> float:
    """How much longer ``run`` takes on an input four times the size: about 4 when linear.

    Time is this process's CPU time (a machine busy with other work does not count), with the
    garbage collector paused; the two sizes take turns, seven times each, and each size's fastest
    run counts. Every input ends in a line no other input has, so no cache can answer a run from
    an earlier one.
    """
    best = {n: float("inf"), 4 * n: float("inf")}
    gc.collect()
    gc.disable()
    try:
        for _ in range(7):
            for size in best:
                text = make(size) + f"\n\n{next(_fresh)}\n"
                started = time.process_time()
                run(text)
                best[size] = min(best[size], time.process_time() - started)
    finally:
        gc.enable()
    return best[4 * n] / best[n]


LINEAR = 8.0  # a growth ratio below this is linear with headroom; quadratic would give 16


class Preview:
    """``mkdocs serve`` (no live reload) of the site in ``root``, on a free port, in a child
    process; ``output`` holds what it printed once stopped."""

    def __init__(self, root: Path) -> None:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.address = f"http://127.0.0.1:{sock.getsockname()[1]}"
        self.output = ""
        self.server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--no-livereload",
             "-a", self.address.removeprefix("http://")],
            cwd=root, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )  # fmt: skip

    def get(self, path: str, within: float = 60) -> bytes:
        """The page at ``path`` (from the server's root), once the server answers."""
        deadline = time.monotonic() + within  # a bound for a server that never starts
        while True:
            try:
                with urllib.request.urlopen(self.address + path, timeout=5) as response:
                    return bytes(response.read())
            except urllib.error.HTTPError:
                raise  # the server is up and answered: no point waiting
            except (urllib.error.URLError, ConnectionError):
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.3)

    def __enter__(self) -> Preview:
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.terminate()
        self.output = self.server.communicate(timeout=30)[0]
