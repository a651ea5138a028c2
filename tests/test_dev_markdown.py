"""The link, image and heading rewriting both DEV commands share: code is never touched."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from conftest import LINEAR, growth, make_post
from hypothesis import given
from hypothesis import strategies as st

from proofpress.body.analysis import Analysis
from proofpress.dev import markdown
from proofpress.records.context import CheckContext
from proofpress.rules import pp301_body_h1, pp302_heading_jump


@pytest.mark.parametrize(
    ("body", "expected", "changed"),
    [
        ("# One\n\ntext", "## One\n\ntext", 1),
        ("One\n===\n\nTwo\n---\n\nx", "## One\n\n### Two\n\nx", 2),
        ("# A\n\n###### Six\n\ny", "## A\n\n### Six\n\ny", 2),
        # DEV renders a jump; the outline keeps its shape without it
        ("# A\n\n### B\n\n### C\n\n# D\n\n#### E", "## A\n\n### B\n\n### C\n\n## D\n\n### E", 3),
        ("## A\n\n#### B\n\n### C\n\n## D", "## A\n\n### B\n\n### C\n\n## D", 1),
        ("### Only\n\nx\n\n### Two", "## Only\n\nx\n\n## Two", 2),
        ("#Tight #\n\n###Closing ###", "##Tight #\n\n###Closing ###", 1),
        (
            "# A\n\n```\n# code\n```\n\n    # indented code",
            "## A\n\n```\n# code\n```\n\n    # indented code",
            1,
        ),
        ("# A\n\n<!--\n# in a comment\n-->", "## A\n\n<!--\n# in a comment\n-->", 1),
        ("## Fine\n\nx\n\n### Also\n\nSetext\n---", "## Fine\n\nx\n\n### Also\n\nSetext\n---", 0),
        (
            "# 1\n## 2\n### 3\n#### 4\n##### 5\n###### 6",
            "## 1\n### 2\n#### 3\n##### 4\n###### 5\n###### 6",
            5,
        ),
    ],
)
def test_relevel_headings(body: str, expected: str, changed: int) -> None:
    assert markdown.relevel_headings(body) == (expected, changed)
    assert markdown.relevel_headings(expected) == (expected, 0)  # a second pass changes nothing


_LINES = st.sampled_from(
    ["# a", "## b", "### c", "#### d", "###### f", "g\n===", "h\n---", "text", "```\n# x\n```"]
)


@given(st.lists(_LINES, max_size=12))
def test_relevelled_outline_never_jumps(lines: list[str]) -> None:
    """Whatever levels a DEV post uses, the re-levelled body passes PP301 and PP302."""
    body, _ = markdown.relevel_headings("\n\n".join(lines))
    analysis = Analysis(make_post(*body.split("\n")))
    ctx = CheckContext(authors={}, authors_path="docs/.authors.yml")
    assert list(pp301_body_h1.check(analysis, ctx)) == []
    assert list(pp302_heading_jump.check(analysis, ctx)) == []


def test_no_heading_outside_code_means_nothing_to_relevel() -> None:
    body = "Text.\n\n```\n# code\n### more code\n```"
    assert markdown.relevel_headings(body) == (body, 0)


def test_references_outside_code_with_their_kind() -> None:
    body = (
        '![a](one.png "t") [b](two.md#x) `![c](code.png)`\n\n'
        "[![d](https://e/d.png)](https://e/page)\n\n"
        "<img src='three.png'> <a href=\"four.pdf\">f</a>\n\n"
        "[ref]: <five six.png>\n\n"
        "```\n![g](fenced.png)\n```\n"
        "<!-- ![h](comment.png) -->\n"
    )
    found = [(ref.target, ref.image) for ref in markdown.references(body)]
    assert found == [
        ("one.png", True),
        ("two.md#x", False),
        ("https://e/d.png", True),
        ("https://e/page", False),
        ("three.png", True),
        ("four.pdf", False),
        ("five six.png", False),
    ]
    assert [body[r.start : r.end] for r in markdown.references(body)] == [t for t, _ in found]


def test_rewrite_keeps_everything_else_byte_for_byte() -> None:
    body = "![a](x.png) and `![b](x.png)` and [c](<x.png>)\n"
    changed = markdown.rewrite(body, lambda ref: "new dir/y.png" if ref.image else "z.png")
    assert changed == "![a](new%20dir/y.png) and `![b](x.png)` and [c](<z.png>)\n"


@pytest.mark.parametrize(
    "make",
    [
        lambda n: "x](a) " * n,  # closers with no opener: each used to scan back to the start
        # runs of falling length, none with a partner (about n characters)
        lambda n: "".join("`" * k + " x" for k in range(int((2 * n) ** 0.5), 1, -1)),
        lambda n: "[" * n + "](a)",
    ],
    ids=["closers", "backtick-runs", "openers"],
)
def test_finding_references_in_an_imported_body_is_linear(make: Callable[[int], str]) -> None:
    """An import source controls the body: finding its links and images grows linearly."""
    assert growth(markdown.references, make, 20_000) < LINEAR
