"""``mkdocs gh-deploy`` against a real git remote: a local bare repository."""

from __future__ import annotations

import subprocess
from pathlib import Path

from conftest import GOOD_FRONT_MATTER, run_module, write_site

DRAFT = GOOD_FRONT_MATTER.replace("published: true", "published: false").replace(
    "title: A good post", "title: Zanzibarquux draft"
)


def git(cwd: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=Writer", "-c", "user.email=writer@example.com", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def blog_repo(root: Path, posts: dict[str, str | bytes]) -> tuple[Path, Path]:
    site, remote = root / "blog", root / "remote.git"
    site.mkdir()
    write_site(site, posts)
    (site / ".gitignore").write_text("/site/\n")  # where MkDocs builds, as in a real blog
    git(root, "init", "--bare", "-q", str(remote))
    git(site, "init", "-q", "-b", "main")
    git(site, "add", "-A")
    git(site, "commit", "-q", "-m", "posts")
    git(site, "remote", "add", "origin", str(remote))
    return site, remote


def test_gh_deploy_pushes_the_built_site_without_drafts(tmp_path: Path) -> None:
    site, remote = blog_repo(
        tmp_path, {"hello.md": GOOD_FRONT_MATTER + "Hello.\n", "secret.md": DRAFT + "Hidden.\n"}
    )
    done = run_module(site, "mkdocs", "gh-deploy", "-m", "Deploy")
    assert done.returncode == 0, done.stderr
    files = git(remote, "ls-tree", "-r", "--name-only", "gh-pages").split()
    assert {".nojekyll", "index.html", "feed.xml", "larissacaldwell/hello/index.html"} <= set(files)
    assert not [name for name in files if "secret" in name]
    for name in ("index.html", "feed.xml", "sitemap.xml", "search/search_index.json"):
        assert "Zanzibarquux" not in git(remote, "show", f"gh-pages:{name}")
    assert git(remote, "log", "--format=%s", "gh-pages").split("\n")[0] == "Deploy"
    assert git(site, "status", "--porcelain") == ""  # the writer's tree is left as it was


def test_failed_check_pushes_nothing(tmp_path: Path) -> None:
    site, remote = blog_repo(tmp_path, {"bad.md": "---\n- a\n---\n\nx\n"})
    done = run_module(site, "mkdocs", "gh-deploy")
    assert done.returncode == 1
    assert "docs/posts/bad.md:2:1: PP008" in done.stderr
    assert git(remote, "branch", "--list") == ""
