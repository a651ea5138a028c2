"""The word-counting rule, the outline it reads, DEV's reading time and the length limits."""

from __future__ import annotations

import pytest
from conftest import LINEAR, SEED, growth, make_post

from proofpress.body import words
from proofpress.body.analysis import Analysis
from proofpress.core.diagnostics import Diagnostic
from proofpress.reading import sections
from proofpress.records.context import CheckContext
from proofpress.records.model import Post
from proofpress.rules import pp401_section_too_long, pp402_post_too_long

CTX = CheckContext(authors={}, authors_path="docs/.authors.yml")
BODY_LINE = 10  # as if the front matter took lines 1-9


def read_seed() -> tuple[str, int]:
    """The seed fixture's body and the file line it starts on (a plain fence split)."""
    text = SEED.read_text(encoding="utf-8")
    lines = text.split("\n")
    closing = lines.index("---", 1)
    return "\n".join(lines[closing + 1 :]), closing + 2


# --- the counting rule -------------------------------------------------------------------

COUNT_CASES = [
    ("plain", "one two three", 3),
    ("hyphenated", "write-heavy day-one work", 3),
    ("apostrophes", "don't can’t teams' engineer’s", 4),  # noqa: RUF001
    ("em and en dash separate", "logs—metrics 2019–2020", 4),  # noqa: RUF001
    ("slash separates", "query/index and/or", 4),
    ("numbers", "1,000 users at 3.5 ms and 42", 7),
    ("dotted names", "Node.js, e.g. v1.2.3", 3),
    ("sentence end", "Stop. Go.", 2),
    ("snake case", "call snake_case now", 3),
    ("emphasis", "**bold** and _it_ and *em*", 5),
    ("inline code counts", "run `pip install x` now", 5),
    ("link text counts, target not", "see [the docs](https://x.org/a-b/c) now", 4),
    ("reference link", "see [the docs][docs-ref] now", 4),
    ("reference definition", 'text\n\n[docs-ref]: https://example.org/x "Title here"', 1),
    ("bare url", "go to https://example.org/some/path?q=1 or www.example.com today", 4),
    ("autolink", "mail <me@example.org> or <https://x.org>", 2),
    ("image", "look ![a big chart](chart.png) here", 2),
    ("html tags", '<p>one</p><p>two</p> <br/> <span class="x">three</span>', 3),
    ("html comment", "one <!-- not counted at all --> two", 2),
    ("multi-line comment", "one\n<!--\nhidden words\n-->\ntwo", 2),
    ("entities", "fish &amp; chips &eacute;t&eacute;", 3),
    ("bullet list", "- alpha\n- beta\n* gamma\n+ delta", 4),
    ("ordered list", "1. alpha\n2) beta\n10. gamma", 3),
    ("task list", "- [x] done\n- [ ] todo", 2),
    ("table", "| a | b |\n|---|:-:|\n| one | two |", 4),
    ("quote", "> quoted words here", 3),
    ("footnote", "claim[^1]\n\n[^1]: the source", 3),
    ("attribute list", "Title text { .lead #intro }", 2),
    ("escapes", "a \\*literal\\* star", 3),
    ("heading excluded", "# Title\n\nbody text\n\n## Sub\n\nmore", 3),
    ("setext heading excluded", "Title\n=====\n\nbody", 1),
    ("fenced code", "before\n\n```python\nx = 1 + 2\n```\n\nafter", 2),
    ("tilde fence", "before\n~~~\n## not a heading\n~~~\nafter", 2),
    ("indented code", "before\n\n    x = 1\n    y = 2\n\nafter", 2),
    ("list continuation is prose", "- item\n\n    more of the item", 5),
    ("unclosed fence runs to end", "before\n```\nnever closed", 1),
    ("empty", "", 0),
]


@pytest.mark.parametrize(
    ("markdown", "expected"), [c[1:] for c in COUNT_CASES], ids=[c[0] for c in COUNT_CASES]
)
def test_count_words(markdown: str, expected: int) -> None:
    assert words.count_words(markdown) == expected


def test_words_are_tokens() -> None:
    text = "It\u2019s a write-heavy, day-one query/index — 1,000 x 3.5"
    assert words.words(text) == [
        "It\u2019s", "a", "write-heavy", "day-one", "query", "index", "1,000", "x", "3.5"
    ]  # fmt: skip


# --- the outline -------------------------------------------------------------------------


def test_outline_headings_in_file_coordinates() -> None:
    body = "\n## Cover Letter\n\ntext\n\n### 1. Point ###\n\nSetext\n------\n\n#NoSpace"
    outline = sections.parse(body, BODY_LINE)
    assert [(h.level, h.text, h.line, h.column) for h in outline.headings] == [
        (2, "Cover Letter", 11, 4),
        (3, "1. Point", 15, 5),
        (2, "Setext", 17, 1),
        (1, "NoSpace", 20, 2),
    ]


def test_outline_ignores_code_and_comments() -> None:
    body = (
        "```\n## in fence\n```\n~~~~\n# tilde\n~~~~\n\n"
        "    # indented\n\n<!--\n## hidden\n-->\n## Real"
    )
    outline = sections.parse(body, 1)
    assert [h.text for h in outline.headings] == ["Real"]


def test_section_tree() -> None:
    body = "intro\n## A\na\n### A1\na1\n## B\nb\n#### B1\nb1"
    outline = sections.parse(body, 1)
    tops = outline.root.children
    assert [(s.title, s.start, s.end) for s in tops] == [("A", 2, 5), ("B", 6, 9)]
    assert [(s.title, s.start, s.end) for s in tops[0].children] == [("A1", 4, 5)]
    assert [s.title for s in tops[1].children] == ["B1"]
    assert outline.section_text(tops[0]) == "a\n\na1"


# --- the seed ----------------------------------------------------------------------------

SEED_COUNTS = {
    "Cover Letter": 261,
    "Day-One Contribution Proposal": 121,
    "Why This Package Fits the Quest": 293,
    "1. It highlights backend expertise through concrete signals": 49,
    "2. It demonstrates problem-solving with a real-world pattern": 88,
    "3. It shows adaptability instead of simply claiming it": 52,
    "4. It is built for a remote role": 59,
    "5. The proposal is actionable from day one": 45,
    "Final Editorial Notes": 91,
}


def test_seed_section_counts() -> None:
    body, body_line = read_seed()
    outline = sections.parse(body, body_line)
    counted = {s.title: words.count_section(outline, s) for s in outline.root.walk() if s.heading}
    assert counted == SEED_COUNTS
    assert words.count_prose(outline.prose()) == 885
    assert words.count_words(body) == 885


def test_seed_cover_letter_by_whitespace() -> None:
    """A second method: the letter has no markup, dashes or slashes, so split() must agree."""
    lines = SEED.read_text(encoding="utf-8").split("\n")
    start, end = lines.index("## Cover Letter"), lines.index("## Day-One Contribution Proposal")
    assert len(" ".join(lines[start + 1 : end]).split()) == 261
    proposal = " ".join(lines[end + 1 : lines.index("## Why This Package Fits the Quest")])
    # surface—logs, runbooks—and, query/index are one whitespace token each and two words.
    assert len(proposal.split()) + 3 == 121


def test_seed_headings() -> None:
    body, body_line = read_seed()
    assert body_line == 10
    outline = sections.parse(body, body_line)
    assert [(h.level, h.line) for h in outline.headings] == [
        (2, 15), (2, 31), (2, 37), (3, 39), (3, 43), (3, 56), (3, 60), (3, 72), (2, 76)
    ]  # fmt: skip


# --- DEV reading time --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "minutes"),
    [
        ("", 1),
        ("word " * 275, 1),
        ("word " * 276, 2),
        ("don't " * 200, 2),  # ASCII \W+ splits don't into two pieces: 400 pieces
        ("\n# x", 1),
    ],
)
def test_reading_minutes(body: str, minutes: int) -> None:
    assert words.reading_minutes(body) == minutes


def test_reading_minutes_of_seed() -> None:
    body, _ = read_seed()
    assert words.reading_minutes(body) == 4


# --- limits ------------------------------------------------------------------------------

LIMIT_CASES = [
    (
        "kind section limit",
        pp401_section_too_long,
        make_post("\n## Cover Letter\n\n" + "word " * 401, kind="application-package"),
        [
            Diagnostic(
                "docs/posts/p.md", 11, 4, "PP401",
                "section 'Cover Letter' has 401 words; expected at most 400 "
                "(kind application-package)",
                "cut 1 words, or raise word_limits for 'Cover Letter'",
            )
        ],
    ),
    (
        "front matter section limit, any kind",
        pp401_section_too_long,
        make_post("\n## Notes\n\none two three", word_limits={"notes": 2}),
        [
            Diagnostic(
                "docs/posts/p.md", 11, 4, "PP401",
                "section 'Notes' has 3 words; expected at most 2 (front matter word_limits)",
                "cut 1 words, or raise word_limits for 'Notes'",
            )
        ],
    ),
    (
        "front matter overrides the kind",
        pp401_section_too_long,
        make_post(
            "\n## Cover Letter\n\n" + "word " * 401,
            kind="application-package",
            word_limits={"Cover Letter": 500},
        ),
        [],
    ),
    (
        "within limits",
        pp401_section_too_long,
        make_post("\n## Cover Letter\n\n" + "word " * 400, kind="application-package"),
        [],
    ),
    (
        "whole post over max_words",
        pp402_post_too_long,
        make_post("\nThis post has five words.", max_words=3),
        [
            Diagnostic(
                "docs/posts/p.md", 11, 1, "PP402",
                "post has 5 words; expected at most 3 (front matter max_words)",
                "cut 2 words, or raise max_words in front matter",
            )
        ],
    ),
    (
        "whole post over the kind's limit",
        pp402_post_too_long,
        make_post("## Cover Letter\n\n" + "word " * 1501, kind="application-package"),
        [
            Diagnostic(
                "docs/posts/p.md", 10, 1, "PP402",
                "post has 1501 words; expected at most 1500 (kind application-package)",
                "cut 1 words, or raise max_words in front matter",
            )
        ],
    ),
    ("article has no limit", pp402_post_too_long, make_post("word " * 5000), []),
    (
        "seed within limits",
        pp402_post_too_long,
        make_post(read_seed()[0], kind="application-package"),
        [],
    ),
]  # fmt: skip


@pytest.mark.parametrize(
    ("rule", "post", "expected"), [c[1:] for c in LIMIT_CASES], ids=[c[0] for c in LIMIT_CASES]
)
def test_limits(rule: object, post: Post, expected: list[Diagnostic]) -> None:
    assert list(rule.check(Analysis(post), CTX)) == expected  # type: ignore[attr-defined]


def test_seed_sections_within_kind_limits() -> None:
    post = make_post(read_seed()[0], kind="application-package")
    assert list(pp401_section_too_long.check(Analysis(post), CTX)) == []


# --- linear time -------------------------------------------------------------------------


LARGE_INPUTS = {
    "long post": lambda n: "## H\n\n" + "Some `code` and a [link](https://x.org).\n\n" * (n // 45),
    "nested brackets": lambda n: "[" * (n // 2) + "]" * (n // 2),
    "unclosed code span": lambda n: "`" + "word " * (n // 5),
    "unclosed comment": lambda n: "<!--" + " x" * (n // 2),
    "fence": lambda n: "```\n" + "x\n" * (n // 2),
}


def test_counting_time_grows_linearly_with_the_input() -> None:
    # 50,000 and 200,000 characters: measured ratios 3.5-4.2, where a quadratic step gives 16.
    # (Sizes past ~400,000 characters outgrow the CPU caches and jump once, linear or not.)
    ratios = {name: growth(words.count_words, make, 50_000) for name, make in LARGE_INPUTS.items()}
    assert {name: r for name, r in ratios.items() if r >= LINEAR} == {}, ratios


@pytest.mark.parametrize(
    "body",
    [
        SEED.read_text(encoding="utf-8").split("---\n", 2)[2],
        "Intro words here.\n\n## A\n\nOne two.\n\n### A.1\n\nThree `four five`.\n\n## B\n\nSix.\n",
        "No headings at all, just prose <!-- hidden words --> and more.\n",
        "## Only\n\nA section.\n\nSetext\n------\n\nUnder a setext heading.\n",
        "```\ncode only\n```\n\n## Tail\n\nEnd words.\n",
    ],
)
def test_whole_post_count_equals_counting_all_prose_at_once(body: str) -> None:
    outline = sections.parse(body)
    assert words.count_post(outline) == words.count_prose(outline.prose())
