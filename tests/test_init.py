"""`proofpress init`: a new blog that checks clean and builds, never overwrites; upgrades.

The last test builds the wheel and installs it into a fresh virtual environment outside the
repository: it is the slow one (marked ``wheel``; 40 s on two cores with a warm pip cache).
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import markdown
import pytest
import yaml
from conftest import REPO, Built, build_site, run_module
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import html

from proofpress import __version__
from proofpress.commands.init import FILES, MANAGED, MARKER, Blog, InitError, create, render_managed
from proofpress.records.settings import PROOFPRESS_SCHEMA

ARGS = [
    "--name",
    "Ada O'Lovelace: #1 <dev>",
    "--username",
    "ada_l",
    "--site-name",
    "Ada's notes: [x] & *more*",
    "--site-url",
    "https://ada.example.org/notes",
    "--bio",
    "yes",
]
TODAY = date(2026, 11, 2)
WELCOME = "ada_l/welcome/index.html"
# What a checkout may hold besides its files: left out of the copy the wheel is built from.
TOP_LEFTOVERS = {".git", ".venv", "site", "build", "bench-out", ".hypothesis", ".cache"}
ANY_LEFTOVERS = {"__pycache__", ".pytest_cache", ".ruff_cache", ".mypy_cache"}


def _leftovers(folder: str, names: list[str]) -> set[str]:
    top = TOP_LEFTOVERS if Path(folder) == REPO else set()
    return {n for n in names if n in top or n in ANY_LEFTOVERS or n.endswith(".egg-info")}


def init(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_module(cwd, "proofpress", "init", *args)


def tree(root: Path) -> dict[str, str]:
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def blog(tmp_path: Path) -> Path:
    done = init(tmp_path, "blog", *ARGS)
    assert done.returncode == 0, done.stderr
    return tmp_path / "blog"


def test_init_writes_the_blog_and_prints_the_next_three_commands(
    tmp_path: Path, blog: Path
) -> None:
    assert sorted(tree(blog)) == sorted(FILES)
    config = yaml.safe_load((blog / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["site_name"] == "Ada's notes: [x] & *more*"
    assert config["site_url"] == "https://ada.example.org/notes/"
    assert config["strict"] is True
    assert config["theme"]["name"] == "material"
    assert "custom_dir" not in config["theme"]
    assert config["hooks"] == ["hooks/check.py", "hooks/site.py"]
    assert config["extra"]["proofpress"] == {s.name: s.default for s in PROOFPRESS_SCHEMA.fields}
    authors = yaml.safe_load((blog / "docs/.authors.yml").read_text(encoding="utf-8"))
    assert authors == {
        "ada_l": {
            "name": "Ada O'Lovelace: #1 <dev>",
            "username": "ada_l",
            "bio": "yes",
            "joined": authors["ada_l"]["joined"],
        }
    }
    assert (blog / "hooks/check.py").read_text().splitlines()[-1] == (
        "from proofpress.hooks.check import *  # noqa: F403"
    )
    again = init(tmp_path, "other", *ARGS)
    assert again.stdout.splitlines() == [
        f"created {len(FILES)} files in other; next:",
        "  cd other",
        "  mkdocs serve    # preview at http://127.0.0.1:8000/notes/",
        '  git init && git add . && git commit -m "Start the blog with proofpress init"',
    ]


def test_the_new_blog_checks_clean_and_builds_its_pages(
    blog: Path, tmp_path: Path, mkdocs_logs: list[logging.LogRecord]
) -> None:
    checked = run_module(blog, "proofpress", "check")
    assert (checked.returncode, checked.stdout, checked.stderr) == (
        0,
        "",
        "1 post checked: no problems.\n",
    )
    build_site(blog / "mkdocs.yml", tmp_path / "site")
    built = Built(tmp_path / "site", mkdocs_logs)
    assert built.messages(logging.WARNING) == []
    assert_blog_pages(built.site_dir)


def assert_blog_pages(site: Path) -> None:
    """The welcome post's page, the home feed, the author page and the feed of a new blog."""
    post = html.fromstring((site / WELCOME).read_bytes())
    assert [h.text_content() for h in post.xpath("//h1")] == [
        "Welcome to Ada's notes: [x] & *more*"
    ]
    assert "Ada O'Lovelace: #1 <dev>" in post.text_content()
    home = html.fromstring((site / "index.html").read_bytes())
    (heading,) = home.xpath("//h1")
    for permalink in heading.xpath("./a[@class='headerlink']"):
        permalink.drop_tree()
    assert heading.text_content() == "Ada's notes: [x] & *more*"
    cards = "//*[contains(@class, 'pp-card__title')]//a/@href"
    assert home.xpath(cards) == ["ada_l/welcome/"]
    author = html.fromstring((site / "ada_l/index.html").read_bytes())
    assert author.xpath(cards) == ["welcome/"]
    assert "Ada O'Lovelace: #1 <dev>" in author.xpath("//h1")[0].text_content()
    feed = (site / "feed.xml").read_bytes()
    from lxml import etree

    items = etree.fromstring(feed).findall("./channel/item")
    assert [item.findtext("link") for item in items] == [
        "https://ada.example.org/notes/ada_l/welcome/"
    ]


def test_a_second_init_changes_nothing_and_fails(tmp_path: Path, blog: Path) -> None:
    before = tree(blog)
    again = init(tmp_path, "blog", *ARGS)
    assert again.returncode == 2
    assert again.stdout == ""
    assert (
        f"Error: blog already holds {', '.join(FILES)}; nothing was written (init never "
        "overwrites a file; 'proofpress init --refresh' updates an existing blog's managed files)"
    ) in again.stderr
    assert "Traceback" not in again.stderr
    assert tree(blog) == before


def test_init_fills_a_folder_only_when_every_file_is_absent(tmp_path: Path) -> None:
    root = tmp_path / "existing"
    (root / "docs/posts").mkdir(parents=True)
    (root / "notes.txt").write_text("mine\n")
    (root / "docs/posts/welcome.md").write_text("my own welcome\n")
    refused = init(tmp_path, "existing", *ARGS)
    assert refused.returncode == 2
    assert "Error: existing already holds docs/posts/welcome.md; nothing was written" in (
        refused.stderr
    )
    assert tree(root) == {
        "notes.txt": hashlib.sha256(b"mine\n").hexdigest(),
        "docs/posts/welcome.md": hashlib.sha256(b"my own welcome\n").hexdigest(),
    }
    (root / "docs/posts/welcome.md").unlink()
    assert init(tmp_path, "existing", *ARGS).returncode == 0
    assert sorted(tree(root)) == sorted([*FILES, "notes.txt"])


def test_a_file_where_a_folder_goes_is_refused_without_a_traceback(tmp_path: Path) -> None:
    root = tmp_path / "blog"
    root.mkdir()
    (root / "docs").write_text("a file, not a folder\n")
    refused = init(tmp_path, "blog", *ARGS)
    assert refused.returncode == 2
    assert refused.stderr.splitlines()[-1].startswith(
        "Error: blog already holds docs/index.md, docs/.authors.yml, docs/posts/welcome.md; "
        "nothing was written"
    )
    assert "Traceback" not in refused.stderr
    assert [p.name for p in root.iterdir()] == ["docs"]


def test_every_bad_argument_is_reported_at_once_and_nothing_is_written(tmp_path: Path) -> None:
    done = init(
        tmp_path,
        "blog",
        "--name",
        " ",
        "--username",
        "ada-l",
        "--site-name",
        "two\nlines",
        "--site-url",
        "http://ada.example.org/",
        "--bio",
        "x" * 501,
    )
    assert done.returncode == 2
    assert done.stderr.splitlines()[-5:] == [
        "Error: --name: must not be empty",
        "--username: 1 to 30 letters, digits or underscores, found 'ada-l'",
        "--site-name: one line of text without control characters, found U+000A",
        "--site-url: an https address such as https://you.github.io/blog/, found "
        "'http://ada.example.org/'",
        "--bio: at most 500 characters, found 501",
    ]
    assert not (tmp_path / "blog").exists()


@pytest.mark.parametrize(
    "url",
    [
        "ada.example.org",
        "https://",
        "https://user:pw@ada.example.org/",
        "https://ada.example.org/?q=1",
        "https://ada.example.org/#top",
        "https://ada.example.org:99999/",
        "https://ada.example.org/a b/",
        "javascript:alert(1)",
    ],
)
def test_a_site_url_must_be_a_plain_https_address(url: str) -> None:
    with pytest.raises(InitError, match="--site-url: an https address"):
        Blog.validated("Ada", "ada", "Notes", url)


def test_the_site_url_gains_its_trailing_slash() -> None:
    blog = Blog.validated(" Ada ", "ada", " Notes ", "https://ada.example.org:8443/x/y")
    assert (blog.name, blog.site_name, blog.site_url, blog.preview_url) == (
        "Ada",
        "Notes",
        "https://ada.example.org:8443/x/y/",
        "http://127.0.0.1:8000/x/y/",
    )


one_line = st.text(
    st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1, max_size=100
).filter(str.strip)


@settings(max_examples=60, deadline=None)
@given(name=one_line, site_name=one_line, bio=one_line)
def test_any_accepted_text_reads_back_literally_from_yaml_and_markdown(
    tmp_path_factory: pytest.TempPathFactory, name: str, site_name: str, bio: str
) -> None:
    root = tmp_path_factory.mktemp("blog")
    blog = Blog.validated(name, "ada", site_name, "https://ada.example.org/", bio)
    create(root, blog, TODAY)
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    assert (config["site_name"], config["site_author"]) == (blog.site_name, blog.name)
    authors = yaml.safe_load((root / "docs/.authors.yml").read_text(encoding="utf-8"))
    assert authors["ada"] == {
        "name": blog.name,
        "username": "ada",
        "bio": blog.bio,
        "joined": TODAY,
    }
    post = (root / "docs/posts/welcome.md").read_text(encoding="utf-8")
    front = yaml.safe_load(post.split("---\n")[1])
    assert front["title"] == f"Welcome to {blog.site_name}"
    index = (root / "docs/index.md").read_text(encoding="utf-8").split("---\n", 2)[2]
    shown = html.fromstring(markdown.markdown(index))
    assert shown.xpath("//h1")[0].text_content() == blog.site_name
    from proofpress.check.engine import check_site
    from proofpress.hooks.config import load_site_config

    result = check_site(load_site_config(root / "mkdocs.yml"))
    assert result.diagnostics == []


def test_refresh_rewrites_only_stale_managed_files_and_check_says_so(blog: Path) -> None:
    workflow = blog / ".github/workflows/pages.yml"
    workflow.write_text(workflow.read_text().replace(__version__, "0.0.1"))
    own_hook = blog / "hooks/site.py"
    own_hook.write_text("from proofpress.hooks.site import *  # noqa: F403\nEXTRA = 1\n")
    (blog / "hooks/check.py").unlink()
    post = blog / "docs/posts/welcome.md"
    post.write_text(post.read_text().replace("published: true", "published: maybe"))
    content = {
        name: digest
        for name, digest in tree(blog).items()
        if name not in MANAGED or name == "hooks/site.py"
    }

    checked = run_module(blog, "proofpress", "check")
    assert checked.returncode == 1  # the post's problem; the notice never changes the exit code
    assert checked.stderr.splitlines()[-1] == (
        f"notice: .github/workflows/pages.yml: differs from what proofpress {__version__} "
        "writes; run 'proofpress init --refresh' to update the managed files (hooks/*.py and the "
        "workflow; posts and settings are not touched)"
    )
    github = run_module(blog, "proofpress", "check", "--format", "github")
    assert github.stderr.splitlines()[-1].startswith(
        "::notice::.github/workflows/pages.yml: differs from what proofpress"
    )

    done = run_module(blog, "proofpress", "init", "--refresh")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert [line for line in lines if line.split(":")[0] in {"created", "kept", "updated"}] == [
        "created: hooks/check.py",
        "kept: hooks/site.py",
        "updated: .github/workflows/pages.yml",
    ]
    assert '-        run: python -m pip install "proofpress==0.0.1"' in lines
    managed = render_managed()
    assert (blog / "hooks/check.py").read_text() == managed["hooks/check.py"]
    assert workflow.read_text() == managed[".github/workflows/pages.yml"]
    assert {k: v for k, v in tree(blog).items() if k in content} == content
    assert "notice:" not in run_module(blog, "proofpress", "check").stderr


def test_refresh_needs_a_blog(tmp_path: Path) -> None:
    done = run_module(tmp_path, "proofpress", "init", "--refresh")
    assert done.returncode == 2
    assert "has no mkdocs.yml: not a blog; nothing was written" in done.stderr
    assert list(tmp_path.iterdir()) == []


def test_this_repository_uses_the_files_init_writes() -> None:
    managed = render_managed()
    for target in ("hooks/check.py", "hooks/site.py"):
        assert (REPO / target).read_text(encoding="utf-8") == managed[target]
        assert managed[target].startswith(MARKER)
    # The repository's own workflow first runs its test suite (a job a blog does not have),
    # installs the checkout from the lock file instead of a released version, and is not
    # managed; otherwise a new blog's workflow is the same, job for job, step for step.
    # (When this fails, bring src/proofpress/starter/github/pages.yml up to date.)
    ours = yaml.safe_load((REPO / ".github/workflows/pages.yml").read_text(encoding="utf-8"))
    del ours["jobs"]["test"]
    assert ours["jobs"]["build"].pop("needs") == "test"
    theirs = yaml.safe_load(managed[".github/workflows/pages.yml"])
    installs = [
        step
        for job in theirs["jobs"].values()
        for step in job["steps"]
        if step.get("name") == "Install Proofpress"
    ]
    assert [step["run"] for step in installs] == [
        f'python -m pip install "proofpress=={__version__}"'
    ] * len(installs)
    assert installs
    for step in installs:
        step["run"] = (
            "python -m pip install -r requirements.lock\npython -m pip install --no-deps .\n"
        )
    assert theirs == ours


@pytest.mark.wheel
def test_the_wheel_installs_into_a_fresh_environment_and_starts_a_blog(tmp_path: Path) -> None:
    """Build the wheel, install it (and its dependencies, with pip) into a new venv, use it."""
    env = {k: v for k, v in os.environ.items() if k not in {"VIRTUAL_ENV", "PYTHONPATH"}}
    env["NO_MKDOCS_2_WARNING"] = "1"

    def run(*args: str | Path, cwd: Path = tmp_path) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(a) for a in args],
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
            timeout=900,
            check=False,
        )

    source = tmp_path / "source"  # a copy, so building writes nothing into the repository
    shutil.copytree(REPO, source, ignore=_leftovers)
    wheels = tmp_path / "wheels"
    built = run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", wheels, source)
    assert built.returncode == 0, built.stderr
    (wheel,) = wheels.glob("proofpress-*.whl")
    venv = tmp_path / "venv"
    made = run(sys.executable, "-m", "venv", venv)
    assert made.returncode == 0, made.stderr
    bin_dir = venv / "bin"
    installed = run(bin_dir / "python", "-m", "pip", "install", "--quiet", wheel)
    assert installed.returncode == 0, installed.stderr
    where = run(bin_dir / "python", "-c", "import proofpress; print(proofpress.__file__)")
    assert Path(where.stdout.strip()).is_relative_to(venv)  # not the repository's source
    for data in ("py.typed", "theme/main.html", "theme/assets/stylesheets/proofpress.css"):
        assert (Path(where.stdout.strip()).parent / data).is_file(), data

    started = run(bin_dir / "proofpress", "init", "blog", *ARGS)
    assert started.returncode == 0, started.stderr
    blog = tmp_path / "blog"
    checked = run(bin_dir / "proofpress", "check", cwd=blog)
    assert (checked.returncode, checked.stdout, checked.stderr) == (
        0,
        "",
        "1 post checked: no problems.\n",
    )
    site = run(bin_dir / "mkdocs", "build", "--strict", "--site-dir", tmp_path / "site", cwd=blog)
    assert site.returncode == 0, site.stderr
    assert_blog_pages(tmp_path / "site")

    before = tree(blog)
    again = run(bin_dir / "proofpress", "init", "blog", *ARGS)
    assert again.returncode == 2
    assert "Error: blog already holds mkdocs.yml" in again.stderr
    assert tree(blog) == before


def test_init_without_a_folder_says_what_to_give(tmp_path: Path) -> None:
    done = init(tmp_path, *ARGS)
    assert done.returncode == 2
    assert done.stderr.splitlines()[-1] == (
        "Error: give the new blog's folder: proofpress init my-blog ..."
    )
    assert list(tmp_path.iterdir()) == []


def test_this_repository_s_hooks_are_the_ones_init_writes() -> None:
    """The sample blog's hook files are generated from the starter's templates, not kept as a
    second copy: ``proofpress init --refresh`` run here would change nothing."""
    hooks = {
        target: text for target, text in render_managed().items() if target.startswith("hooks/")
    }
    assert sorted(hooks) == ["hooks/check.py", "hooks/site.py"]
    for target, text in hooks.items():
        assert (REPO / target).read_text(encoding="utf-8") == text
