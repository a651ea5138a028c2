"""The sample blog under ProperDocs (MkDocs 1.6's maintained fork) against MkDocs 1.6.1.

ProperDocs keeps MkDocs' configuration, plugin, hook and theme APIs (it answers every
``mkdocs.*`` import with its own module), so Material and our hooks run on it unchanged. Built
from the same sources, both must write the same files with the same bytes, except where a page
names the tool that built it (the generator meta tag).
"""

from __future__ import annotations

import gzip
import re
import subprocess
from pathlib import Path

from conftest import GOOD_FRONT_MATTER, REPO, Built, run_module, write_site

GENERATOR = re.compile(rb'<meta name="generator" content="([^"]*)">')


def properdocs(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_module(cwd, "properdocs", *args)


def files(site_dir: Path) -> dict[str, bytes]:
    """Every file of a built site by its path, gzip files by their content."""
    tree = {}
    for path in sorted(p for p in site_dir.rglob("*") if p.is_file()):
        data = path.read_bytes()
        tree[path.relative_to(site_dir).as_posix()] = (
            gzip.decompress(data) if path.suffix == ".gz" else data
        )
    return tree


def tool_removed(data: bytes) -> bytes:
    return GENERATOR.sub(b'<meta name="generator">', data)


def test_properdocs_builds_the_sample_as_mkdocs_does(sample_site: Built, tmp_path: Path) -> None:
    site_dir = tmp_path / "properdocs-site"
    done = properdocs(REPO, "build", "--strict", "-f", "mkdocs.yml", "-d", str(site_dir))
    assert done.returncode == 0, done.stderr
    assert [line for line in done.stderr.splitlines() if not line.startswith("INFO")] == []

    mkdocs_files, properdocs_files = files(sample_site.site_dir), files(site_dir)
    assert sorted(properdocs_files) == sorted(mkdocs_files)
    assert len(mkdocs_files) > 50  # every post, listing, feed and asset: a real comparison
    differ = [
        name
        for name, data in mkdocs_files.items()
        if tool_removed(data) != tool_removed(properdocs_files[name])
    ]
    assert differ == []
    # what legitimately differs: each tool names itself in every page's generator tag
    index = "index.html"
    assert GENERATOR.findall(mkdocs_files[index]) == [b"mkdocs-1.6.1, mkdocs-material, proofpress"]
    [named] = GENERATOR.findall(properdocs_files[index])
    assert re.fullmatch(rb"mkdocs-ProperDocs 1\.6\.\d+, mkdocs-material, proofpress", named)


def test_properdocs_build_fails_on_a_bad_post_and_builds_nothing(tmp_path: Path) -> None:
    write_site(
        tmp_path,
        {"bad.md": GOOD_FRONT_MATTER.replace("title: A good post", "title: 123") + "Body.\n"},
    )
    done = properdocs(tmp_path, "build", "-f", "mkdocs.yml", "-d", str(tmp_path / "site"))
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    assert (
        "WARNING -  docs/posts/bad.md:2:8: PP104 title: expected text, found the number 123"
        in lines
    )
    assert "Traceback" not in done.stderr
    assert not list((tmp_path / "site").rglob("*.html"))


def test_a_warm_properdocs_build_warns_as_the_cold_one_did(tmp_path: Path) -> None:
    body = "A link to [nowhere](missing.md).\n"
    write_site(tmp_path, {"a.md": GOOD_FRONT_MATTER + body})
    runs = [
        properdocs(tmp_path, "build", "--strict", "-f", "mkdocs.yml", "-d", str(tmp_path / "s"))
        for _ in range(2)  # cold, then warm: the conversion comes from the cache
    ]
    assert list((tmp_path / ".cache/proofpress").glob("render-*.sqlite"))
    wanted = "contains a link 'missing.md', but the target 'posts/missing.md' is not found"
    for done in runs:
        assert done.returncode == 1, done.stderr
        assert done.stderr.count(wanted) == 1
