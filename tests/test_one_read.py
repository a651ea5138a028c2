"""One read per file: a build reads each post, page and the authors file once, cache hit or
miss, and hands what it read on (to the parser, to MkDocs) instead of reading it again."""

from __future__ import annotations

import builtins
import io
import pathlib
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import GOOD_FRONT_MATTER, build_site, write_site

PAGE_WITH_FRONT_MATTER = "---\ntitle: About\ndescription: Who writes here.\n---\n\n# About\n\nUs.\n"
PAGE_WITHOUT = "# Colophon\n\nSet in git.\n"


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Every opening of a file for reading, by resolved path, through ``open``, ``io.open``
    and ``Path.read_bytes``/``read_text`` (which go through ``io.open``)."""
    counted: Counter[str] = Counter()
    real_open = io.open

    def counting_open(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if isinstance(file, str | pathlib.PurePath) and not set(mode) & set("wax+"):
            counted[str(Path(file).resolve())] += 1
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", counting_open)
    monkeypatch.setattr(io, "open", counting_open)
    return counted


def _site(root: Path) -> Path:
    posts = {f"p{n}.md": GOOD_FRONT_MATTER + f"Post number {n} says something.\n" for n in range(3)}
    files = {"about.md": PAGE_WITH_FRONT_MATTER, "colophon.md": PAGE_WITHOUT}
    return write_site(root, posts, files=files)


def _read_counts(root: Path, counted: Counter[str], build: Callable[[], None]) -> dict[str, int]:
    counted.clear()
    build()
    docs = (root / "docs").resolve()
    return {
        Path(path).relative_to(docs).as_posix(): times
        for path, times in counted.items()
        if Path(path).is_relative_to(docs) and path.endswith((".md", ".yml"))
    }


def test_each_post_page_and_the_authors_file_is_read_once_cold_and_warm(
    tmp_path: Path, reads: Counter[str]
) -> None:
    config_file = _site(tmp_path)
    expected = {
        ".authors.yml": 1,
        "about.md": 1,
        "colophon.md": 1,
        "index.md": 1,
        "posts/p0.md": 1,
        "posts/p1.md": 1,
        "posts/p2.md": 1,
    }
    site = tmp_path / "site"
    cold = _read_counts(tmp_path, reads, lambda: build_site(config_file, site))
    assert (tmp_path / ".cache").is_dir()  # the second build answers from the cache
    warm = _read_counts(tmp_path, reads, lambda: build_site(config_file, site))
    assert cold == expected
    assert warm == expected
    assert "Us." in (site / "about/index.html").read_text(encoding="utf-8")
    assert "Set in git." in (site / "colophon/index.html").read_text(encoding="utf-8")


def test_the_counter_sees_a_second_read(tmp_path: Path, reads: Counter[str]) -> None:
    """The fixture counts every way this code base reads a file."""
    file = tmp_path / "docs/x.md"
    file.parent.mkdir()
    file.write_text("x\n", encoding="utf-8")
    with open(file, encoding="utf-8") as handle:
        handle.read()
    file.read_bytes()
    file.read_text(encoding="utf-8")
    assert _read_counts(tmp_path, reads, lambda: None) == {}  # cleared first
    reads.clear()
    with open(file, encoding="utf-8") as handle:
        handle.read()
    file.read_bytes()
    file.read_text(encoding="utf-8")
    assert reads[str(file.resolve())] == 3
