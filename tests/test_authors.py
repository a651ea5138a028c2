"""The authors registry: each problem at its own line of docs/.authors.yml."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import AUTHORS, GOOD_FRONT_MATTER, check_posts

A = "docs/.authors.yml"
POST = {"p.md": GOOD_FRONT_MATTER + "Body.\n"}

CASES = [
    ("valid", AUTHORS, []),
    (
        "a key with spaces around it: its posts say nothing more",
        AUTHORS.replace("larissa:", "' larissa ':", 1),
        [
            (
                A,
                1,
                1,
                "PP201",
                "author key ' larissa ' has spaces around it; no post's author: can name it",
            )
        ],
    ),
    (
        "missing name",
        "larissa:\n  username: larissacaldwell\n",
        [(A, 1, 1, "PP201", "author 'larissa' has no name")],
    ),
    (
        "not a mapping",
        "larissa: Larissa Caldwell\n",
        [
            (
                A,
                1,
                1,
                "PP201",
                "author 'larissa': expected a mapping of fields, found 'Larissa Caldwell'",
            )
        ],
    ),
    (
        "unknown field",
        AUTHORS + "  avatr: x.png\n",
        [(A, 8, 3, "PP101", "author 'larissa': unknown field 'avatr'; did you mean 'avatar'?")],
    ),
    (
        "bad username",
        AUTHORS.replace("username: larissacaldwell", "username: Larissa Caldwell"),
        [
            (
                A,
                3,
                13,
                "PP204",
                "author 'larissa': username: a username is 1 to 30 letters, digits or "
                "underscores, found 'Larissa Caldwell'",
            )
        ],
    ),
    (
        "duplicate username",
        AUTHORS + "lc:\n  name: L. C.\n  username: LarissaCaldwell\n",
        [(A, 8, 1, "PP204", "username 'LarissaCaldwell' is already used by the author on line 1")],
    ),
    (
        "missing avatar file",
        AUTHORS.replace("larissa-caldwell.svg", "nobody.svg"),
        [
            (
                A,
                5,
                11,
                "PP205",
                "author 'larissa': avatar: the avatar 'assets/avatars/nobody.svg' does not "
                "exist under docs/",
            )
        ],
    ),
    (
        "http avatar",
        AUTHORS.replace("assets/avatars/larissa-caldwell.svg", "http://x.test/a.png"),
        [
            (
                A,
                5,
                11,
                "PP205",
                "author 'larissa': avatar: expected an https address, found 'http://x.test/a.png'",
            )
        ],
    ),
    (
        "bad joined date",
        AUTHORS.replace("joined: 2024-03-14", "joined: March"),
        [
            (
                A,
                6,
                11,
                "PP109",
                "author 'larissa': joined: expected a date such as 2024-03-14, found 'March'",
            )
        ],
    ),
    (
        "a field named by a number",
        AUTHORS + "  1: x\n",
        [(A, 8, 3, "PP004", "a key must be a plain name, found '1'")],
    ),
    (
        "yaml alias",
        "base: &b\n  name: X\n  username: x\nlarissa: *b\n",
        [(A, 1, 7, "PP005", "YAML anchors and aliases (&name, *name) are not allowed")],
    ),
]


@pytest.mark.parametrize(("name", "authors", "expected"), CASES, ids=[c[0] for c in CASES])
def test_registry_case(tmp_path: Path, name: str, authors: str, expected: list) -> None:
    findings = [f for f in check_posts(tmp_path, POST, authors=authors) if f[0] == A]
    assert findings == expected


def test_missing_registry(tmp_path: Path) -> None:
    findings = check_posts(tmp_path, POST, authors=None)
    assert findings == [
        (A, 1, 1, "PP201", "the authors registry is missing"),
        (
            "docs/posts/p.md",
            5,
            9,
            "PP202",
            "author: 'larissa' is not in docs/.authors.yml (known: none yet)",
        ),
    ]
