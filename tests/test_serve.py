"""A real ``mkdocs serve`` driven through edits: after each, the served site is exactly a clean
build's, and cold and warm ``mkdocs build`` trees are identical. Each edit is one atomic
rename, so it causes exactly one rebuild, and the test waits for that rebuild's log line.

The server runs in a child process with its own ``TMPDIR``, so the folder it serves from
(``mkdocs_*``) can be compared whole. The clean build it is compared with runs MkDocs' own
``build()`` in preview mode (as ``mkdocs serve`` calls it) without Proofpress' cache.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import GOOD_FRONT_MATTER, REPO, write_site
from mkdocs.commands.build import build
from mkdocs.config import load_config

from proofpress.hooks import check as mkdocs_check

EPOCH = "1800000000"  # the build clock: every fixture post is in the past

AUTHORS = """\
larissa:
  name: Larissa Caldwell
  username: larissacaldwell
  bio: Backend developer.
  avatar: assets/avatars/larissa-caldwell.svg
  joined: 2024-03-14
omar:
  name: Omar Haddad
  username: omarh
  bio: Writes about databases.
"""


def post(title: str, *, day: int, author: str = "larissa", tags: str = "[python, web]",
         published: str = "true", series: str | None = None, body: str = "") -> str:  # fmt: skip
    text = (
        GOOD_FRONT_MATTER.replace("title: A good post", f"title: {title}")
        .replace("date: 2026-11-02", f"date: 2026-10-{day:02d}")
        .replace("author: larissa", f"author: {author}")
        .replace("tags: [python, web]", f"tags: {tags}")
        .replace("published: true", f"published: {published}")
    )
    if series:
        text = text.replace("---\n\n", f"series: {series}\n---\n\n", 1)
    return text + (body or f"The body of {title}.\n\n## Details\n\nMore about {title}.\n")


class Serve:
    """``mkdocs serve`` in a child process; counts its rebuilds from its log."""

    def __init__(self, config_file: Path, tmp: Path, options: tuple[str, ...] = ()) -> None:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        self.tmp = tmp
        tmp.mkdir()
        self.log_path = tmp.parent / "serve.log"
        self.log = self.log_path.open("wb")
        env = {
            **os.environ,
            "NO_MKDOCS_2_WARNING": "1",
            "SOURCE_DATE_EPOCH": EPOCH,
            "TMPDIR": str(tmp),
        }
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-f", str(config_file),
             "--dev-addr", f"127.0.0.1:{self.port}", *options],
            stdout=self.log, stderr=subprocess.STDOUT, env=env, cwd=config_file.parent,
        )  # fmt: skip
        self.url = f"http://127.0.0.1:{self.port}/proofpress/"

    def output(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def reloads(self) -> int:
        return self.output().count("Reloading browsers")

    def clean_builds(self) -> int:
        """MkDocs' own builds (each empties the folder); the preview's rebuilds do not."""
        return self.output().count("Cleaning site directory")

    def site_dir(self) -> Path:
        (found,) = [p for p in self.tmp.iterdir() if p.name.startswith("mkdocs_")]
        return found

    def get(self, path: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(self.url + path, timeout=60) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as err:
            return err.code, ""

    def wait_started(self) -> None:
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            assert self.process.poll() is None, self.output()
            if "Serving on" in self.output():
                return
            time.sleep(0.1)
        pytest.fail("mkdocs serve did not start:\n" + self.output())

    def after(self, change: Callable[[], None]) -> None:
        """Make ``change`` (one file-system event: every write is an atomic rename), then wait
        for the one rebuild it causes: the server's "Reloading browsers" line."""
        before = self.reloads()
        failures = self.output().count("An error happened during the rebuild")
        change()
        deadline = time.monotonic() + 300  # a bound for a hung server, not a pace
        while self.reloads() == before:
            assert self.output().count("An error happened during the rebuild") == failures, (
                self.output()
            )
            assert time.monotonic() < deadline, "no rebuild after the change:\n" + self.output()
            time.sleep(0.05)
        assert self.reloads() == before + 1, self.output()

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


def replace(file: Path, text: str) -> None:
    """Write ``file`` as an editor saving atomically does: the watcher sees one change."""
    staged = file.parent.parent.parent / f".{file.name}.staged"  # outside the watched docs/
    staged.write_text(text, encoding="utf-8")
    os.replace(staged, file)


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def differences(one: dict[str, bytes], other: dict[str, bytes]) -> list[str]:
    return sorted(name for name in one.keys() | other.keys() if one.get(name) != other.get(name))


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


def clean_preview(config_file: Path, site_dir: Path, serve_url: str) -> dict[str, bytes]:
    """What ``mkdocs serve`` builds from these files, built afresh without any cache."""
    shutil.rmtree(site_dir, ignore_errors=True)
    old = os.environ.get("PROOFPRESS_CACHE")
    os.environ["PROOFPRESS_CACHE"] = "off"
    mkdocs_check.on_startup(command="serve", dirty=False)
    try:
        config = load_config(config_file=str(config_file), site_dir=str(site_dir))
        config.site_url = serve_url
        build(config, serve_url=serve_url)
    finally:
        mkdocs_check.on_shutdown()
        if old is None:
            del os.environ["PROOFPRESS_CACHE"]
        else:
            os.environ["PROOFPRESS_CACHE"] = old
    return tree(site_dir)


def production(config_file: Path, site_dir: Path, *, cache: bool) -> dict[str, bytes]:
    """A strict ``mkdocs build`` (through the command line, as a writer or CI runs it)."""
    shutil.rmtree(site_dir, ignore_errors=True)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": EPOCH}
    if not cache:
        env["PROOFPRESS_CACHE"] = "off"
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(config_file),
         "-d", str(site_dir)],
        capture_output=True, text=True, env=env, check=False, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return tree(site_dir)


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return write_site(
        tmp_path,
        {
            "alpha.md": post("Alpha", day=1, series="Queues"),
            "beta.md": post("Beta", day=2, tags="[python]", series="Queues"),
            "gamma.md": post("Gamma", day=3, author="omar", tags="[databases, web]"),
            "delta.md": post("Delta", day=4, tags="[web]"),
            "epsilon.md": post("Epsilon", day=5, author="omar"),
            "draft.md": post("Zeta draft", day=6, published="false"),
        },
        authors=AUTHORS,
    )


@pytest.fixture
def served(site: Path, tmp_path: Path) -> Iterator[Serve]:
    server = Serve(site, tmp_path / "serve-tmp")
    try:
        server.wait_started()
        yield server
    finally:
        server.stop()


@pytest.mark.usefixtures("clock")
def test_serve_after_each_edit_equals_a_clean_build(
    site: Path, served: Serve, tmp_path: Path
) -> None:
    docs = site.parent / "docs"
    posts = docs / "posts"

    def rewrite(name: str, old: str, new: str) -> Callable[[], None]:
        def change() -> None:
            file = posts / name
            text = file.read_text(encoding="utf-8")
            assert old in text
            replace(file, text.replace(old, new, 1))

        return change

    def rename() -> None:
        (posts / "delta.md").rename(posts / "delta-renamed.md")

    def delete() -> None:
        (posts / "epsilon.md").unlink()

    def create() -> None:
        replace(posts / "eta.md", post("Eta arrives", day=7, tags="[rust]"))

    def registry() -> None:
        authors = docs / ".authors.yml"
        text = authors.read_text(encoding="utf-8")
        replace(authors, text.replace("Writes about databases.", "Now writes about caches."))

    steps: list[tuple[str, Callable[[], None], Callable[[], None]]] = [
        (
            "body edit",
            rewrite("alpha.md", "The body of Alpha.", "Rewritten Bodymarker paragraph."),
            lambda: _shows(served, "larissacaldwell/alpha/", "Rewritten Bodymarker paragraph."),
        ),
        (
            "title edit",
            rewrite("beta.md", "title: Beta", "title: Beta, retitled"),
            lambda: (
                _shows(served, "", "Beta, retitled"),
                _shows(served, "t/python/", "Beta, retitled"),
                _shows(served, "larissacaldwell/alpha/", "Beta, retitled"),  # series box
            ),
        ),
        (
            "tags edit",
            rewrite("gamma.md", "tags: [databases, web]", "tags: [databases, rust]"),
            lambda: (
                _shows(served, "t/rust/", "Gamma"),
                _lacks(served, "t/web/", ">Gamma<"),
            ),
        ),
        (
            "rename",
            rename,
            lambda: (
                _shows(served, "larissacaldwell/delta-renamed/", "Delta"),
                _gone(served, "larissacaldwell/delta/"),
            ),
        ),
        (
            "deletion",
            delete,
            lambda: (_gone(served, "omarh/epsilon/"), _lacks(served, "omarh/", "Epsilon")),
        ),
        (
            "draft made public",
            rewrite("draft.md", "published: false", "published: true"),
            lambda: _lacks(served, "larissacaldwell/draft/", "Draft"),
        ),
        (
            "public post made a draft",
            rewrite("gamma.md", "published: true", "published: false"),
            lambda: _shows(served, "omarh/gamma/", "Draft"),
        ),
        ("new post", create, lambda: _shows(served, "", "Eta arrives")),
        (
            "authors registry",
            registry,
            lambda: _shows(served, "omarh/gamma/", "Now writes about caches."),
        ),
        (
            "a finding, shown in the preview",
            rewrite("alpha.md", "published: true", "published: true\ncolour: red"),
            # front matter with a finding: the post stays at its source path, findings on top
            lambda: _shows(served, "posts/alpha/", "PP101"),
        ),
        (
            "the finding fixed",
            rewrite("alpha.md", "colour: red\n", ""),
            lambda: _lacks(served, "larissacaldwell/alpha/", "PP101"),
        ),
    ]
    for name, change, visible in steps:
        served.after(change)
        visible()
        clean = clean_preview(site, tmp_path / "clean", served.url)
        assert differences(tree(served.site_dir()), clean) == [], name
        if name.startswith("a finding"):
            continue  # a production build refuses to run
        cold = production(site, tmp_path / "cold", cache=False)
        warm = production(site, tmp_path / "warm", cache=True)
        assert differences(warm, cold) == [], name
    assert served.output().count("Reloading browsers") >= len(steps)


def _shows(server: Serve, path: str, text: str) -> None:
    status, page = server.get(path)
    assert status == 200, path
    assert text in page, (path, text)


def _lacks(server: Serve, path: str, text: str) -> None:
    status, page = server.get(path)
    assert status == 200, path
    assert text not in re.sub(r"<script>.*?</script>", "", page, flags=re.S), (path, text)


def _gone(server: Serve, path: str) -> None:
    status, _ = server.get(path)
    assert status == 404, path


@pytest.mark.usefixtures("clock")
def test_serve_options_keep_the_fast_path(tmp_path: Path) -> None:
    """``--strict``, ``-a`` and ``--watch-theme`` as a writer passes them: every rebuild is the
    preview's own (no clean build after the first), a template edit under the watched theme
    shows, and the served folder stays a clean build's."""
    config = write_site(
        tmp_path, {"alpha.md": post("Alpha", day=1), "beta.md": post("Beta", day=2)}
    )
    theme = tmp_path / "theme-overrides" / "partials"
    theme.mkdir(parents=True)
    packaged = REPO / "src/proofpress/theme/partials/copyright.html"
    (theme / "copyright.html").write_text(packaged.read_text(encoding="utf-8"), encoding="utf-8")
    text = config.read_text(encoding="utf-8")
    config.write_text(
        re.sub(r"custom_dir: .*", f"custom_dir: {theme.parent}", text), encoding="utf-8"
    )
    served = Serve(config, tmp_path / "serve-tmp", ("--strict", "--watch-theme"))
    try:
        served.wait_started()
        assert served.clean_builds() == 1
        posts = tmp_path / "docs" / "posts"
        served.after(
            lambda: replace(posts / "alpha.md", post("Alpha", day=1, body="Fresh words.\n"))
        )
        _shows(served, "larissacaldwell/alpha/", "Fresh words.")
        footer = theme / "copyright.html"
        marked = footer.read_text(encoding="utf-8").replace("Built with", "Themed and built with")
        served.after(lambda: replace(footer, marked))
        _shows(served, "larissacaldwell/beta/", "Themed and built with")
        assert served.clean_builds() == 1, served.output()
        clean = clean_preview(config, tmp_path / "clean", served.url)
        assert differences(tree(served.site_dir()), clean) == []
    finally:
        served.stop()
