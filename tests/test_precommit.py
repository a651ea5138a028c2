"""pre-commit (issue 23, item 5): the repository's `.pre-commit-hooks.yaml`, run by the real
`pre-commit` against git repositories made here, and the `.pre-commit-config.yaml` that
`proofpress init` writes.

pre-commit installs the hook as it would from GitHub: it clones the hook repository (a git
repository made from this checkout's package files), makes its own virtualenv and installs the
package into it with pip. Only the package's dependencies come from this test environment
(`PYTHONPATH`) instead of the package index, so the test runs offline and in seconds.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import yaml
from conftest import GOOD_FRONT_MATTER, REPO, run_cli, write_site

from proofpress import __version__
from proofpress.commands.init import REPOSITORY

PRE_COMMIT = [sys.executable, "-m", "pre_commit"]
GIT = [
    "git",
    "-c",
    "user.name=Ada",
    "-c",
    "user.email=ada@example.com",
    "-c",
    "init.defaultBranch=main",
]


def _git(
    cwd: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*GIT, *args], cwd=cwd, capture_output=True, text=True, check=False, env=env, timeout=120
    )


def _verdict(commit: subprocess.CompletedProcess[str]) -> str:
    """What pre-commit printed for the hook: Passed, Failed or Skipped."""
    found = re.search(r"^proofpress check\.+(\w+)$", commit.stdout + commit.stderr, re.MULTILINE)
    return found[1] if found else ""


def _hook_repository(root: Path) -> str:
    """A git repository holding what pre-commit installs: the package and the hooks file."""
    root.mkdir()
    for name in ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml"):
        shutil.copy(REPO / name, root / name)
    shutil.copytree(
        REPO / "src/proofpress",
        root / "src/proofpress",
        ignore=shutil.ignore_patterns("__pycache__", "*.pyc"),
    )
    _git(root, "init", "-q")
    _git(root, "add", "-A")
    _git(root, "commit", "-qm", "hooks")
    return _git(root, "rev-parse", "HEAD").stdout.strip()


def test_the_hook_stops_a_commit_of_a_broken_post_and_lets_a_good_one_and_a_draft_through(
    tmp_path: Path,
) -> None:
    revision = _hook_repository(tmp_path / "hooks")
    blog = tmp_path / "blog"
    write_site(blog, {"good.md": GOOD_FRONT_MATTER + "Words.\n"})
    config = {
        "repos": [
            {
                "repo": str(tmp_path / "hooks"),
                "rev": revision,
                "hooks": [{"id": "proofpress-check"}],
            }
        ]
    }
    (blog / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    dependencies = sysconfig.get_paths()["purelib"]
    assert not (Path(dependencies) / "proofpress").exists()  # the hook's own copy runs
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "NO_MKDOCS_2_WARNING": "1"}
    install = {**env, "PIP_NO_INDEX": "1", "PIP_NO_DEPS": "1", "PIP_NO_BUILD_ISOLATION": "0"}
    _git(blog, "init", "-q")
    installed = subprocess.run(
        [*PRE_COMMIT, "install-hooks"], cwd=blog, capture_output=True, text=True, env=install
    )
    assert installed.returncode == 0, installed.stdout + installed.stderr
    run = {**env, "PYTHONPATH": dependencies}
    assert subprocess.run([*PRE_COMMIT, "install"], cwd=blog, env=run).returncode == 0

    _git(blog, "add", "-A")
    good = _git(blog, "commit", "-qm", "A good post", env=run)
    assert good.returncode == 0, good.stdout + good.stderr
    assert _verdict(good) == "Passed"

    posts = blog / "docs/posts"
    (posts / "bad.md").write_text(GOOD_FRONT_MATTER + "## Empty\n", encoding="utf-8")
    _git(blog, "add", "docs/posts/bad.md")
    bad = _git(blog, "commit", "-qm", "A broken post", env=run)
    assert bad.returncode == 1
    assert _verdict(bad) == "Failed"
    assert "docs/posts/bad.md:10:4: PP303 section 'Empty' is empty" in bad.stdout + bad.stderr
    assert _git(blog, "log", "--format=%s").stdout.splitlines() == ["A good post"]

    _git(blog, "rm", "-q", "--cached", "docs/posts/bad.md")  # left unstaged: not the hook's
    draft = GOOD_FRONT_MATTER.replace("published: true", "published: false") + "## Later\n"
    (posts / "draft.md").write_text(draft, encoding="utf-8")
    _git(blog, "add", "docs/posts/draft.md")
    drafted = _git(blog, "commit", "-qm", "A draft", env=run)
    assert drafted.returncode == 0, drafted.stdout + drafted.stderr
    assert _verdict(drafted) == "Passed"
    assert _git(blog, "log", "--format=%s").stdout.splitlines() == ["A draft", "A good post"]


def test_the_hooks_file_is_a_valid_pre_commit_manifest() -> None:
    done = subprocess.run(
        [*PRE_COMMIT, "validate-manifest", str(REPO / ".pre-commit-hooks.yaml")],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_init_writes_a_pre_commit_config_naming_this_version_s_hook(tmp_path: Path) -> None:
    done = run_cli(
        tmp_path, "init", "blog", "--name", "Ada", "--username", "ada", "--site-name", "Notes",
        "--site-url", "https://ada.github.io/notes/",
    )  # fmt: skip
    assert done.exit_code == 0, done.output
    written = tmp_path / "blog/.pre-commit-config.yaml"
    validated = subprocess.run(
        [*PRE_COMMIT, "validate-config", str(written)], capture_output=True, text=True
    )
    assert validated.returncode == 0, validated.stdout + validated.stderr
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert yaml.safe_load(written.read_text(encoding="utf-8")) == {
        "repos": [{"repo": REPOSITORY, "rev": f"v{__version__}", "hooks": [{"id": hooks[0]["id"]}]}]
    }
