"""The check hook inside real MkDocs runs: a bad site fails with every finding listed."""

from __future__ import annotations

import subprocess
from pathlib import Path

import yaml
from conftest import GOOD_FRONT_MATTER, run_module, write_site

BODY = "A short body.\n"


def mkdocs(site: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_module(site, "mkdocs", *args)


def test_build_with_bad_posts_fails_listing_every_finding(tmp_path: Path) -> None:
    write_site(
        tmp_path,
        {
            "bad-title.md": GOOD_FRONT_MATTER.replace("title: A good post", "title: 123") + BODY,
            "bad-yaml.md": "---\ntitle: Failure: a story\n---\n\nx\n",
            "good.md": GOOD_FRONT_MATTER + BODY,
        },
        authors="larissa:\n  name: Larissa Caldwell\n",
    )
    done = mkdocs(tmp_path, "build", "-d", str(tmp_path / "site"))
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    assert "WARNING -  docs/.authors.yml:1:1: PP201 author 'larissa' has no username" in lines
    assert (
        "WARNING -  docs/posts/bad-title.md:2:8: PP104 title: expected text, "
        "found the number 123" in lines
    )
    assert (
        "WARNING -  docs/posts/bad-yaml.md:2:15: PP004 invalid YAML: mapping values are not "
        "allowed in this context" in lines
    )
    assert "PP202" not in done.stderr  # the broken registry entry is reported once, above
    assert (
        "ERROR   -  3 problem(s) in 3 file(s); run 'proofpress check' for the same "
        "list. Nothing was built." in lines
    )
    assert "Traceback" not in done.stderr
    assert not list((tmp_path / "site").rglob("*.html"))


def test_build_without_strict_still_fails(tmp_path: Path) -> None:
    config = write_site(tmp_path, {"bad.md": "---\n- a\n---\n\nx\n"})
    config.write_text(config.read_text().replace("strict: true", "strict: false"))
    done = mkdocs(tmp_path, "build", "-d", str(tmp_path / "site"))
    assert done.returncode == 1
    assert "docs/posts/bad.md:2:1: PP008 expected a mapping of keys to values" in done.stderr
    assert "Traceback" not in done.stderr


def test_clean_site_builds(tmp_path: Path) -> None:
    write_site(tmp_path, {"good.md": GOOD_FRONT_MATTER + BODY})
    done = mkdocs(tmp_path, "build", "-d", str(tmp_path / "site"))
    assert done.returncode == 0, done.stderr
    assert "WARNING" not in done.stderr


def test_posts_dir_setting_is_read_under_mkdocs(tmp_path: Path) -> None:
    config = write_site(tmp_path, {}, files={"articles/bad.md": "---\n- a\n---\n\nx\n"})
    settings = yaml.safe_load(config.read_text())
    settings["extra"]["proofpress"]["posts_dir"] = "articles"
    config.write_text(yaml.safe_dump(settings))
    done = mkdocs(tmp_path, "build", "-d", str(tmp_path / "site"))
    assert done.returncode == 1
    assert "docs/articles/bad.md:2:1: PP008" in done.stderr
