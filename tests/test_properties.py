"""Generated hostile posts: the check never raises, and what it passes builds.

Hypothesis composes posts from the constructs that make Python-Markdown recurse or rescan
(nesting, never-closed brackets and tags, marker runs, many headings) at sizes on both sides
of each limit, mixed with odd Unicode and front-matter edge cases. Two properties:

- ``proofpress check`` never raises and never reports PP000 (the internal-error code);
- a post it passes goes through a real ``mkdocs build`` (in a subprocess, with a timeout, so a
  hang fails the test instead of hanging it) that exits 0 without a traceback.

Derandomized with no example database, so CI sees the same examples on every run.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from conftest import GOOD_FRONT_MATTER, run_module, write_site
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from proofpress.check.engine import check_site
from proofpress.hooks.config import load_site_config

BUILD_TIMEOUT = 120  # seconds; a post the check passes builds in a few
BUILT: list[str] = []  # posts that reached the build, to see the property was exercised

# Sizes on both sides of every limit (10, 20, 32, 1,000) and far past them.
HOSTILE_SIZES = st.sampled_from([1, 2, 5, 9, 10, 11, 12, 20, 21, 33, 300, 2000])
# Sizes at or under every limit, so most posts pass the check and reach the build.
PASSING_SIZES = st.sampled_from([0, 1, 2, 3, 5, 8, 9, 10])


@st.composite
def fragment(draw: st.DrawFn, sizes: st.SearchStrategy[int] = HOSTILE_SIZES) -> str:
    n = draw(sizes)
    kind = draw(
        st.sampled_from(
            [
                "list",
                "quote",
                "brackets",
                "open-brackets",
                "images",
                "divs",
                "open-tags",
                "emphasis",
                "backticks",
                "headings",
                "links",
                "text",
                "table",
                "fence",
                "paragraphs",
                "rules",
                "setext",
            ]
        )
    )
    if kind == "list":
        return "".join(f"{'    ' * i}- item\n" for i in range(n))
    if kind == "quote":
        return ">" * n + " quoted\n"
    if kind == "brackets":
        return "[" * n + "x" + "]" * draw(st.integers(0, n)) + "\n"
    if kind == "open-brackets":
        return "[a " * n + "\n"
    if kind == "images":
        return "![a](" * n + "\n"
    if kind == "divs":
        return "<div>" * n + "x" + "</div>" * n + "\n"
    if kind == "open-tags":
        return "a <b c\n\n" * n
    if kind == "emphasis":
        marker = draw(st.sampled_from(["*", "_", "**", "*_"]))
        return marker * n + "x" + marker * n + "\n"
    if kind == "backticks":
        return "".join("`" * (i % 7 + 1) + "a " for i in range(n)) + "\n"
    if kind == "headings":
        return "".join(f"## Part {i}\n\nText.\n\n" for i in range(n))
    if kind == "links":
        return "[a](https://example.org/(x) " * n + "\n"
    if kind == "table":
        return "|" + "a|" * n + "\n|" + "-|" * n + "\n|" + "b|" * n + "\n"
    if kind == "paragraphs":
        return "Line.\n\n" * (n * 40)  # 40 to 80,000 blank lines: both sides of 10,000
    if kind == "rules":
        return "***\n" * n
    if kind == "setext":
        return "".join(f"Part {i}\n---\n\nText.\n\n" for i in range(n))
    if kind == "fence":
        return "```\n" + "[<b " * n + "\n```\n"
    return draw(st.text(min_size=1, max_size=60)) + "\n"


@st.composite
def hostile_post(draw: st.DrawFn, sizes: st.SearchStrategy[int] = HOSTILE_SIZES) -> str:
    front = GOOD_FRONT_MATTER
    edges = [
        "",
        "description: !Wow x\n",
        "description: !!binary aGVsbG8=\n",
        "description: '\u202eevil'\n",
        "series: [a, b]\n",
        "slug: Bad Slug\n",
    ]
    edge = draw(st.sampled_from(edges if sizes is HOSTILE_SIZES else ["", "series: Tips\n"]))
    if edge:
        front = front.replace("published: true\n", "published: true\n" + edge)
    parts = draw(st.lists(fragment(sizes), min_size=1, max_size=4))
    return front + "\n\n".join(parts) + "\n\nThe end.\n"


def _check(root: Path, post: str) -> list[tuple[str, int, int, str]]:
    config = write_site(root, {"p.md": post})
    result = check_site(load_site_config(config))
    return [(d.path, d.line, d.column, d.code) for d in result.diagnostics]


@settings(
    max_examples=60,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(hostile_post())
def test_check_never_raises_and_never_gives_up(post: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        found = _check(Path(folder), post)
    assert not [f for f in found if f[3] == "PP000"]


@settings(
    max_examples=30,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.one_of(hostile_post(PASSING_SIZES), hostile_post()))
def what_the_check_passes_builds_in_bounded_time(post: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        if _check(root, post):
            return  # refused with located findings: nothing to build
        BUILT.append(post)
        try:
            built = subprocess.run(
                [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(root / "site")],
                cwd=root,
                capture_output=True,
                text=True,
                timeout=BUILD_TIMEOUT,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise AssertionError(f"the build took over {BUILD_TIMEOUT} s") from None
        assert "Traceback" not in built.stdout + built.stderr
        assert built.returncode == 0, built.stderr[-2000:]
        assert (root / "site/larissacaldwell/p/index.html").is_file()


def test_a_passing_post_at_every_limit_builds(tmp_path: Path) -> None:
    """One post holding each construct exactly at its limit: checked clean, built clean."""
    body = "\n\n".join(
        [
            "".join(f"{'    ' * i}- item\n" for i in range(10)),
            ">" * 10 + " quoted",
            "[" * 10 + "x" + "]" * 10,
            "[a " * 10,
            "<div>" * 32 + "x" + "</div>" * 32,
            "*" * 20 + "x" + "*" * 20,
            "".join(f"## Part {i}\n\nText.\n\n" for i in range(500)),
            "Part.\n\n***\n\n" * 100,
        ]
    )
    assert _check(tmp_path, GOOD_FRONT_MATTER + body) == []
    built = run_module(tmp_path, "mkdocs", "build", "--site-dir", str(tmp_path / "site"))
    assert "Traceback" not in built.stderr
    assert built.returncode == 0, built.stderr[-2000:]
    assert (tmp_path / "site/larissacaldwell/p/index.html").is_file()


def test_what_the_check_passes_builds_in_bounded_time() -> None:
    """The property above; and the generator does reach the build (posts pass the check)."""
    BUILT.clear()
    what_the_check_passes_builds_in_bounded_time()
    assert len(BUILT) >= 5
