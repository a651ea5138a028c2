"""The reader and the front-matter schema: every case gives its exact code, place and message.

Each case is one post in a fixture site, checked by the engine without MkDocs.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import GOOD_FRONT_MATTER, check_posts

P = "docs/posts/p.md"
BODY = "A short body.\n"


def fm(*lines: str) -> str:
    """A post whose front matter is ``lines`` followed by a body."""
    return "---\n" + "\n".join(lines) + "\n---\n\n" + BODY


REQUIRED = ("title: A post", "date: 2026-11-02", "author: larissa")

CASES = [
    # (name, post text or bytes, expected findings)
    ("clean", GOOD_FRONT_MATTER + BODY, []),
    ("crlf newlines", (GOOD_FRONT_MATTER + BODY).replace("\n", "\r\n"), []),
    ("utf-8 bom", "\ufeff" + GOOD_FRONT_MATTER + BODY, []),
    ("dots close the fence", GOOD_FRONT_MATTER.replace("---\n\n", "...\n\n") + BODY, []),
    (
        "latin-1 bytes",
        "---\ntitle: café\n---\n".encode("latin-1"),
        [(P, 2, 11, "PP001", "the file is not UTF-8: byte 0xe9 cannot start a character")],
    ),
    (
        "empty file",
        "",
        [(P, 1, 1, "PP003", "the file is empty; expected front matter between --- lines")],
    ),
    (
        "no front matter",
        "Note: back up first\n\nBody.\n",
        [
            (
                P,
                1,
                1,
                "PP003",
                "expected front matter starting with '---' on line 1, found 'Note: back up first'",
            )
        ],
    ),
    (
        "leading blank line",
        "\n" + GOOD_FRONT_MATTER + BODY,
        [
            (
                P,
                2,
                1,
                "PP003",
                "front matter must start on line 1; found 1 blank line(s) before '---'",
            )
        ],
    ),
    (
        "four-dash fence",
        GOOD_FRONT_MATTER.replace("---", "----", 1) + BODY,
        [
            (
                P,
                1,
                1,
                "PP003",
                "expected exactly three dashes '---' to open the front matter, found '----'",
            )
        ],
    ),
    (
        "no newline after closing fence",
        "---\ntitle: A post\n---",
        [(P, 3, 1, "PP003", "the closing front-matter fence must be followed by a newline")],
    ),
    (
        "never closed",
        "---\ntitle: A post\n\nBody.\n",
        [(P, 1, 1, "PP003", "the front matter opened on line 1 is never closed")],
    ),
    (
        "only front matter",
        fm(*REQUIRED).removesuffix("\n" + BODY),
        [(P, 5, 1, "PP010", "the post has front matter but no body")],
    ),
    (
        "broken yaml",
        fm("title: Failure: a story", "date: 2026-11-02", "author: larissa"),
        [(P, 2, 15, "PP004", "invalid YAML: mapping values are not allowed in this context")],
    ),
    (
        "unclosed quote",
        fm('title: "A post', "date: 2026-11-02", "author: larissa"),
        [(P, 5, 1, "PP004", "invalid YAML: found unexpected end of stream")],
    ),
    (
        "tab indentation",
        fm("title: A post", "tags:", "\t- web", "date: 2026-11-02", "author: larissa"),
        [(P, 4, 1, "PP004", "invalid YAML: a tab cannot indent YAML")],
    ),
    (
        "alias bomb",
        fm(*REQUIRED, "a: &a [x, x]", "b: &b [*a, *a]"),
        [(P, 5, 4, "PP005", "YAML anchors and aliases (&name, *name) are not allowed")],
    ),
    (
        "deep nesting",
        fm("title: " + "[" * 50 + "]" * 50, "date: 2026-11-02", "author: larissa"),
        [(P, 2, 15, "PP007", "values are nested more than 8 levels deep")],
    ),
    (
        "list-shaped front matter",
        "---\n- title: A post\n- date: 2026-11-02\n---\n\n" + BODY,
        [(P, 2, 1, "PP008", "expected a mapping of keys to values, found a list")],
    ),
    (
        "duplicate key",
        fm("title: Draft title", "title: Final title", "date: 2026-11-02", "author: larissa"),
        [(P, 3, 1, "PP006", "duplicate key 'title' (first given on line 2)")],
    ),
    (
        "published: yes",
        fm(*REQUIRED, "published: yes"),
        [(P, 5, 12, "PP009", "'yes' is read as the boolean true by YAML 1.1")],
    ),
    (
        "title: no",
        fm("title: no", "date: 2026-11-02", "author: larissa"),
        [(P, 2, 8, "PP009", "'no' is read as the boolean false by YAML 1.1")],
    ),
    (
        "octal-looking number",
        fm(*REQUIRED, "series: 0755"),
        [(P, 5, 9, "PP009", "'0755' is read as the number 493 by YAML 1.1")],
    ),
    (
        "unknown key with a near match",
        fm("title: A post", "date: 2026-11-02", "auhtor: larissa"),
        [
            (P, 1, 1, "PP103", "the required key 'author' is missing (expected text)"),
            (P, 4, 1, "PP101", "unknown key 'auhtor'; did you mean 'author'?"),
        ],
    ),
    (
        "misspelt published",
        fm(*REQUIRED, "publihsed: true"),
        [(P, 5, 1, "PP101", "unknown key 'publihsed'; did you mean 'published'?")],
    ),
    (
        "draft key",
        fm(*REQUIRED, "draft: true"),
        [(P, 5, 1, "PP102", "unknown key 'draft': Proofpress, like DEV, has no draft key")],
    ),
    (
        "misspelt draft key",
        fm(*REQUIRED, "darft: true"),
        [(P, 5, 1, "PP102", "unknown key 'darft': Proofpress, like DEV, has no draft key")],
    ),
    (
        "missing date",
        fm("title: A post", "author: larissa"),
        [(P, 1, 1, "PP103", "the required key 'date' is missing (expected a date or date-time)")],
    ),
    (
        "title: 123",
        fm("title: 123", "date: 2026-11-02", "author: larissa"),
        [(P, 2, 8, "PP104", "title: expected text, found the number 123")],
    ),
    (
        "title: 1.10",
        fm("title: 1.10", "date: 2026-11-02", "author: larissa"),
        [(P, 2, 8, "PP104", "title: expected text, found the number 1.1")],
    ),
    (
        "title as a list",
        fm("title: [a, b]", "date: 2026-11-02", "author: larissa"),
        [(P, 2, 8, "PP104", "title: expected text, found a list")],
    ),
    (
        "quoted boolean",
        fm(*REQUIRED, 'published: "true"'),
        [(P, 5, 12, "PP104", "published: expected true or false, found 'true'")],
    ),
    (
        "comments as a number",
        fm(*REQUIRED, "comments: 1"),
        [(P, 5, 11, "PP104", "comments: expected true or false, found the number 1")],
    ),
    (
        "tags as a mapping",
        fm(*REQUIRED, "tags: {a: b}"),
        [
            (
                P,
                5,
                7,
                "PP104",
                "tags: expected a list of tags or a comma-separated string, found a mapping",
            )
        ],
    ),
    (
        "description as a date",
        fm(*REQUIRED, "description: 2026-11-02"),
        [(P, 5, 14, "PP104", "description: expected text, found the date 2026-11-02")],
    ),
    (
        "max_words zero",
        fm(*REQUIRED, "max_words: 0"),
        [(P, 5, 12, "PP104", "max_words: expected a whole number above 0, found the number 0")],
    ),
    (
        "word_limits as a list",
        fm(*REQUIRED, "word_limits: [1]"),
        [
            (
                P,
                5,
                14,
                "PP104",
                "word_limits: expected a mapping of section titles to word limits, found a list",
            )
        ],
    ),
    (
        "word_limits keyed by a number",
        fm(*REQUIRED, "word_limits: {1: 5}"),
        [(P, 5, 14, "PP104", "word_limits: expected section titles as keys, found the number 1")],
    ),
    (
        "tags as a mapping with a number as key",
        fm(*REQUIRED, "tags: {1: 5}"),
        [
            (
                P,
                5,
                7,
                "PP104",
                "tags: expected a list of tags or a comma-separated string, found a mapping",
            )
        ],
    ),
    (
        "empty title",
        fm("title: ''", "date: 2026-11-02", "author: larissa"),
        [(P, 2, 8, "PP105", "title: the title is empty")],
    ),
    (
        "title too long",
        fm("title: " + "x" * 129, "date: 2026-11-02", "author: larissa"),
        [(P, 2, 8, "PP105", "title: the title is 129 characters long; DEV allows at most 128")],
    ),
    (
        "five tags",
        fm(*REQUIRED, "tags: a, b, c, d, e"),
        [(P, 5, 7, "PP106", "tags: a post has at most 4 tags; found 5: a, b, c, d, e")],
    ),
    (
        "tag with a dot",
        fm(*REQUIRED, "tags: [Node.js]"),
        [
            (
                P,
                5,
                7,
                "PP107",
                "tags: tag 'Node.js' must be lowercase letters and digits, at most 30 "
                "characters; DEV would publish it as #nodejs",
            )
        ],
    ),
    (
        "relative canonical url",
        fm(*REQUIRED, "canonical_url: example.com/post"),
        [
            (
                P,
                5,
                16,
                "PP108",
                "canonical_url: expected an http(s) address without spaces, "
                "found 'example.com/post'",
            )
        ],
    ),
    (
        "impossible date",
        fm("title: A post", "date: 2026-13-02", "author: larissa"),
        [
            (
                P,
                3,
                7,
                "PP109",
                "date: expected a date such as 2026-11-02 or 2026-11-02 09:30, found '2026-13-02'",
            )
        ],
    ),
    (
        "updated before date",
        fm(*REQUIRED, "updated: 2026-10-01"),
        [(P, 5, 1, "PP109", "updated: 2026-10-01 is before the post's date 2026-11-02")],
    ),
    (
        "missing cover image",
        fm(*REQUIRED, "cover_image: cover.png"),
        [
            (
                P,
                5,
                14,
                "PP110",
                "cover_image: the image 'cover.png' does not exist (looked for "
                "docs/posts/cover.png)",
            )
        ],
    ),
    (
        "http cover image",
        fm(*REQUIRED, "cover_image: http://example.com/c.png"),
        [
            (
                P,
                5,
                14,
                "PP110",
                "cover_image: expected an https address or a file under docs/, "
                "found 'http://example.com/c.png'",
            )
        ],
    ),
    (
        "bad slug",
        fm(*REQUIRED, "slug: My Post!"),
        [
            (
                P,
                5,
                7,
                "PP111",
                "slug: a slug is lowercase words joined by single hyphens, found 'My Post!'",
            )
        ],
    ),
    (
        "unknown author",
        fm("title: A post", "date: 2026-11-02", "author: larisa"),
        [
            (
                P,
                4,
                9,
                "PP202",
                "author: 'larisa' is not in docs/.authors.yml; did you mean 'larissa'?",
            )
        ],
    ),
]


CASES += [
    (
        "unknown kind, at its key",
        fm(*REQUIRED, "kind: aplication-package"),
        [
            (
                P,
                5,
                1,
                "PP305",
                "unknown kind 'aplication-package'; expected one of: application-package, "
                "article. Did you mean 'application-package'?",
            )
        ],
    ),
    (
        "word_limits names no section, at its key",
        "---\ntitle: A post\ndate: 2026-11-02\nauthor: larissa\nword_limits:\n"
        "  Sumary: 10\n---\n\n## Summary\n\nThree short words.\n",
        [
            (
                P,
                6,
                3,
                "PP405",
                "word_limits names 'Sumary', but the post has no such ## section; "
                "did you mean 'Summary'?",
            )
        ],
    ),
]


@pytest.mark.parametrize(("name", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_front_matter_case(tmp_path: Path, name: str, text: str | bytes, expected: list) -> None:
    assert check_posts(tmp_path, {"p.md": text}) == expected


def test_every_problem_in_every_post_is_reported_at_once(tmp_path: Path) -> None:
    findings = check_posts(
        tmp_path,
        {
            "a.md": fm("title: 123", "date: 2026-11-02", "author: larisa", "tags: [Web]"),
            "b.md": fm(*REQUIRED, "draft: true"),
        },
    )
    assert [(f[0], f[1], f[3]) for f in findings] == [
        ("docs/posts/a.md", 2, "PP104"),
        ("docs/posts/a.md", 4, "PP202"),
        ("docs/posts/a.md", 5, "PP107"),
        ("docs/posts/b.md", 5, "PP102"),
    ]


def test_valid_cover_image_and_string_tags(tmp_path: Path) -> None:
    post = fm(*REQUIRED, "tags: python, web", "cover_image: ../assets/avatars/larissa-caldwell.svg")
    assert check_posts(tmp_path, {"p.md": post}) == []


def test_two_posts_with_one_url(tmp_path: Path) -> None:
    findings = check_posts(
        tmp_path, {"a.md": fm(*REQUIRED, "slug: same"), "same.md": fm(*REQUIRED)}
    )
    assert findings == [
        (
            "docs/posts/same.md",
            1,
            1,
            "PP111",
            "slug 'same' is already used by docs/posts/a.md; both would be published at "
            "/larissacaldwell/same/",
        )
    ]


PASSING = [
    # (rule the case sits next to, front matter lines that must pass)
    ("PP003", REQUIRED),
    ("PP005", (*REQUIRED, "description: 'Uses & and * in text'")),
    ("PP006", (*REQUIRED, "series: Failure modes")),
    ("PP009", (*REQUIRED, "published: false", 'series: "yes"', "comments: true")),
    ("PP101", (*REQUIRED, "updated: 2026-11-03", "kind: article")),
    ("PP104", (*REQUIRED, 'description: "123"', "max_words: 2000")),
    ("PP105", ("title: " + "x" * 128, "date: 2026-11-02", "author: larissa")),
    ("PP106", (*REQUIRED, "tags: [a, b, c, d]")),
    ("PP107", (*REQUIRED, "tags: [nodejs, web3, " + "a" * 30 + "]")),
    ("PP108", (*REQUIRED, "canonical_url: http://example.com/post?x=1")),
    ("PP109", ("title: A post", "date: 2026-11-02 09:30", "author: larissa")),
    ("PP110", (*REQUIRED, "cover_image: /assets/avatars/larissa-caldwell.svg")),
    ("PP111", (*REQUIRED, "slug: my-2nd-post")),
    ("PP305", (*REQUIRED, "kind: article")),
]


@pytest.mark.parametrize(("code", "lines"), PASSING, ids=[c[0] for c in PASSING])
def test_passing_case(tmp_path: Path, code: str, lines: tuple[str, ...]) -> None:
    assert check_posts(tmp_path, {"p.md": fm(*lines)}) == []
