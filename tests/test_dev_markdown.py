"""The link, image and heading rewriting both DEV commands share: code is never touched."""

from __future__ import annotations

import pytest

from proofpress.dev import markdown


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("# One\n\ntext", "## One\n\ntext"),
        ("One\n===\n\nTwo\n---\n\nx", "## One\n\n### Two\n\nx"),
        ("# A\n\n###### Six\n\ny", "## A\n\n###### Six\n\ny"),
        (
            "# A\n\n```\n# code\n```\n\n    # indented code",
            "## A\n\n```\n# code\n```\n\n    # indented code",
        ),
        ("# A\n\n<!--\n# in a comment\n-->", "## A\n\n<!--\n# in a comment\n-->"),
    ],
)
def test_demote_headings(body: str, expected: str) -> None:
    assert markdown.uses_h1(body)
    assert markdown.demote_headings(body) == expected


def test_no_h1_outside_code_means_nothing_to_demote() -> None:
    assert not markdown.uses_h1("## Two\n\n```\n# code\n```")


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
