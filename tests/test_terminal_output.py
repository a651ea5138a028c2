"""Terminal output that fits a terminal (issue 23, item 6), through the real command line.

`proofpress import` prints one short line per post and a summary; `--verbose` adds every date,
note and image under its post; no line is wider than COLUMNS; progress shows on a terminal (a
real pseudo-terminal here) and writes nothing to a log.
"""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

from conftest import write_site

from proofpress.dev.report import Progress

LONG = "a-title-long-enough-to-need-cutting-on-a-narrow-terminal-and-then-some-more"


def _sources(root: Path) -> Path:
    source = root / "source"
    source.mkdir()
    remote = "https://images.example.org/" + "deep/" * 20 + "picture.png"
    (source / f"{LONG}.md").write_text(
        f"---\ntitle: Long\npublished: true\n---\n\nText.\n\n![picture]({remote})\n",
        encoding="utf-8",
    )
    (source / "short.md").write_text(
        "---\ntitle: Short\npublished: false\n---\n\n# Top\n\nText.\n", encoding="utf-8"
    )
    (source / "notes.txt").write_text("not a post\n", encoding="utf-8")
    (source / "README.md").write_text("Just a readme.\n", encoding="utf-8")
    return source


def _import(
    root: Path, *args: str, columns: str | None, stderr: int | None = None
) -> tuple[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    if columns is not None:
        env["COLUMNS"] = columns
    done = subprocess.run(
        [sys.executable, "-m", "proofpress", "import", "../source", "--author",
         "larissa", *args],
        cwd=root / "site", stdout=subprocess.PIPE, stderr=stderr or subprocess.PIPE, text=True,
        env=env, timeout=120, check=False,
    )  # fmt: skip
    return done.stdout, done.stderr or ""


def test_one_short_line_a_post_then_the_summary_all_within_columns(tmp_path: Path) -> None:
    _sources(tmp_path)
    write_site(tmp_path / "site", {})
    out, err = _import(tmp_path, "--dry-run", columns="60")
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= 60
    assert lines == [
        "skipped      source/README.md  not a DEV post (no front mat…",
        "would import …arrow-terminal-and-then-some-more.md  1 remote",
        "would import docs/posts/short/short.md",
        "Posts: 2 would import, 1 skipped.",
        "Images: 1 left on other hosts.",
        "An import with --localize-images downloads them: proofpress",
        "  import ../source --author larissa --localize-images",
        "--verbose shows each post's date, notes and every image.",
        "dry run: 2 post(s) would be imported; nothing was written",
    ]
    assert "\r" not in err  # no terminal: no progress


def test_verbose_shows_every_note_and_image_wrapped_to_columns(tmp_path: Path) -> None:
    _sources(tmp_path)
    write_site(tmp_path / "site", {})
    out, _ = _import(tmp_path, "--dry-run", "--verbose", columns="60")
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= 60
    remote = [n for n, line in enumerate(lines) if line.startswith("    remote: ")]
    assert len(remote) == 1
    continued = lines[remote[0] + 1 : remote[0] + 3]
    assert all(line.startswith("      ") for line in continued)  # wrapped under its note
    whole = "".join(line.strip() for line in lines[remote[0] : remote[0] + 4])
    assert "https://images.example.org/" + "deep/" * 20 + "picture.png" in whole.replace(
        "remote: ", ""
    )


def test_without_a_terminal_lines_stay_whole_for_logs(tmp_path: Path) -> None:
    _sources(tmp_path)
    write_site(tmp_path / "site", {})
    out, _ = _import(tmp_path, "--dry-run", "--verbose", columns=None)
    assert "    remote: https://images.example.org/" + "deep/" * 20 + "picture.png" in (
        out.splitlines()
    )


def _drain(leader: int) -> bytes:
    """Everything written to the pseudo-terminal, once its other end is closed."""
    shown = b""
    try:
        while chunk := os.read(leader, 4096):
            shown += chunk
    except OSError:  # the other end is closed and all was read (Linux says EIO)
        pass
    finally:
        os.close(leader)
    return shown


def test_progress_shows_on_a_terminal_and_is_cleared(tmp_path: Path) -> None:
    _sources(tmp_path)
    write_site(tmp_path / "site", {})
    leader, follower = pty.openpty()
    try:
        out, _ = _import(tmp_path, "--dry-run", columns="80", stderr=follower)
    finally:
        os.close(follower)
    text = _drain(leader).decode()
    assert "importing post 1 of 3…" in text
    assert "importing post 3 of 3…" in text
    assert text.endswith("\r\x1b[K")  # the status line is cleared at the end
    assert "importing" not in out  # stdout holds only the report


def test_a_wait_for_dev_s_rate_limit_is_said_on_a_terminal_only(tmp_path: Path) -> None:
    slept: list[float] = []
    leader, follower = pty.openpty()
    with os.fdopen(follower, "w") as terminal:
        Progress(terminal).waiting(slept.append)(12.0)
    shown = _drain(leader).decode()
    assert shown == "\r\x1b[Kwaiting 12 s for DEV's rate limit…\r\x1b[K"
    log = tmp_path / "log.txt"
    with log.open("w") as stream:
        Progress(stream).waiting(slept.append)(12.0)
    assert log.read_text() == ""
    assert slept == [12.0, 12.0]
