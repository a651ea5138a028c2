"""Length claims (PP403 word-claim, PP404 claim-target) and the claim grammar.

Bodies start on file line 10 (as if front matter took lines 1-9).
"""

from __future__ import annotations

import pytest
from conftest import SEED, make_post

from proofpress.body import claims
from proofpress.body.analysis import Analysis
from proofpress.core.diagnostics import Diagnostic
from proofpress.reading import sections
from proofpress.records.context import CheckContext
from proofpress.records.model import Post
from proofpress.rules import pp403_word_claim, pp404_claim_target

PATH = "docs/posts/p.md"
CTX = CheckContext(authors={}, authors_path="docs/.authors.yml")
TITLES = ["Cover Letter", "Day-One Contribution Proposal", "Final Editorial Notes"]
H403 = pp403_word_claim.RULE.hint
H404 = pp404_claim_target.RULE.hint


def seed_post() -> Post:
    lines = SEED.read_text(encoding="utf-8").split("\n")
    return make_post(*lines[9:], kind="application-package")


# A three-section post: Cover Letter has 5 words, the proposal 3, the post 5 + 3 + notes.
LETTER = ("", "## Cover Letter", "", "Dear Hiring Manager, hire me.", "")
PROPOSAL = ("## Day-One Contribution Proposal", "", "Map critical paths.", "")


def notes(*lines: str) -> Post:
    return make_post(*LETTER, *PROPOSAL, "## Final Editorial Notes", "", *lines)


NOTES_LINE = 21  # file line of the first line passed to notes()


# --- the grammar -------------------------------------------------------------------------

GRAMMAR = [
    ("Cover letter length: 274 words.", "Cover Letter", "==", 274, 22),
    ("Proposal length: 135 words", "Day-One Contribution Proposal", "==", 135, 18),
    ("The proposal is 135 words long.", "Day-One Contribution Proposal", "==", 135, 17),
    ("the cover letter runs to 274 words", "Cover Letter", "==", 274, 26),
    ("**Cover letter length:** 5 words", "Cover Letter", "==", 5, 26),
    ("Proposal word count: 99", "Day-One Contribution Proposal", "==", 99, 22),
    ("The letter (280 words) opens well.", "Cover Letter", "==", 280, 13),
    ("The editorial notes come to 3 words.", "Final Editorial Notes", "==", 3, 29),
    ("In total, the post is under 1,000 words.", claims.POST, "<", 1000, 29),
    ("The article has at least 10 words.", claims.POST, ">=", 10, 26),
    ("Whole post: about 900 words.", claims.POST, "~", 900, 19),
    ("The [cover letter](#cover-letter) is exactly 5 words.", "Cover Letter", "==", 5, 46),
    ("- Day-one proposal: 3 words", "Day-One Contribution Proposal", "==", 3, 21),
]


@pytest.mark.parametrize(("text", "target", "op", "number", "column"), GRAMMAR)
def test_claim_grammar(text: str, target: str, op: str, number: int, column: int) -> None:
    outline = sections.parse(text, 10)
    found = claims.find_claims(outline, TITLES)
    assert [(c.target, c.op, c.number, c.line, c.column) for c in found] == [
        (target, op, number, 10, column)
    ]


NOT_CLAIMS = [
    "I wrote 500 words a day.",
    "`Cover letter length: 274 words`",
    "```\nCover letter length: 274 words\n```",
    "<!-- Cover letter length: 274 words -->",
    "## Cover letter length: 274 words",
    "My draft was 300 words.",
    "The proposal avoids overpromising a full platform rewrite.",
    "Cover letter length: " + "1" * 5000 + " words.",  # no count; once a crash (PP000)
    "Cover letter length: 1" + ",000" * 2000 + " words.",
]


@pytest.mark.parametrize("text", NOT_CLAIMS)
def test_not_claims(text: str) -> None:
    assert claims.find_claims(sections.parse(text, 10), TITLES) == []


@pytest.mark.parametrize(
    ("ref", "target", "candidates"),
    [
        ("cover letter", "Cover Letter", ()),
        ("The Cover Letter section", "Cover Letter", ()),
        ("letter", "Cover Letter", ()),
        ("proposal", "Day-One Contribution Proposal", ()),
        ("day one proposal", "Day-One Contribution Proposal", ()),
        ("con proposal", None, ()),  # a prefix matches only from four letters
        ("contrib proposal", "Day-One Contribution Proposal", ()),
        ("contribution", "Day-One Contribution Proposal", ()),
        ("editorial notes", "Final Editorial Notes", ()),
        ("notes editorial", None, ()),  # words must come in the title's order
        ("this post", claims.POST, ()),
        ("summary", None, ()),
        ("", None, ()),
    ],
)
def test_resolve(ref: str, target: str | None, candidates: tuple[str, ...]) -> None:
    assert claims.resolve(ref, TITLES) == (target, candidates)


def test_resolve_ambiguous() -> None:
    titles = ["Cover Letter", "Letter of Intent"]
    assert claims.resolve("letter", titles) == (None, ("Cover Letter", "Letter of Intent"))


# --- the rules ---------------------------------------------------------------------------

CASES = [
    (
        "false section claim",
        pp403_word_claim,
        notes("Cover letter length: 274 words."),
        [Diagnostic(PATH, NOTES_LINE, 22, "PP403",
                    "claim says Cover Letter has 274 words; counted 5",
                    "write 5, or change the text to match the claim")],
    ),
    (
        "false bound on the whole post",
        pp403_word_claim,
        notes("", "The post is under 10 words."),
        [Diagnostic(PATH, NOTES_LINE + 1, 19, "PP403",
                    "claim says the post has under 10 words; counted 14",
                    "write 14, or change the text to match the claim")],
    ),
    (
        "true claims, including one about the notes themselves",
        pp403_word_claim,
        notes("- Cover letter length: 5 words.", "- The proposal is 3 words long.",
              "- The notes run to 24 words. The post has more than 20 words."),
        [],
    ),
    (
        "approximate claims are not checked",
        pp403_word_claim,
        notes("The cover letter is about 300 words."),
        [],
    ),
    (
        "claim about no section",
        pp404_claim_target,
        notes("- Summary length: 50 words."),
        [Diagnostic(PATH, NOTES_LINE, 3, "PP404",
                    "claim names 'Summary'; expected the title of a ## section of this post, "
                    "or 'post'", H404)],
    ),
    (
        "claim about a misspelled section",
        pp404_claim_target,
        notes("The count is in. Cover leter length: 5 words."),
        [Diagnostic(PATH, NOTES_LINE, 18, "PP404",
                    "claim names 'Cover leter'; expected the title of a ## section of this "
                    "post, or 'post'. Did you mean 'Cover Letter'?", H404)],
    ),
    (
        "claim about two sections at once",
        pp404_claim_target,
        make_post("## Cover Letter", "a", "## Letter of Intent", "b", "## Notes",
                  "Letter length: 1 words."),
        [Diagnostic(PATH, 15, 1, "PP404",
                    "claim names 'Letter', which matches 2 sections ('Cover Letter', "
                    "'Letter of Intent'); expected exactly one", H404)],
    ),
    (
        "claims that name their section",
        pp404_claim_target,
        notes("Cover letter length: 274 words. Proposal word count: 3"),
        [],
    ),
]  # fmt: skip


@pytest.mark.parametrize(
    ("rule", "post", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_rule(rule: object, post: Post, expected: list[Diagnostic]) -> None:
    assert list(rule.check(Analysis(post), CTX)) == expected  # type: ignore[attr-defined]


def test_seed_claims_are_false_with_true_counts() -> None:
    """The verbatim seed says 274 and 135 words; the counts are 261 and 121."""
    assert list(pp403_word_claim.check(Analysis(seed_post()), CTX)) == [
        Diagnostic(PATH, 82, 24, "PP403", "claim says Cover Letter has 274 words; counted 261",
                   "write 261, or change the text to match the claim"),
        Diagnostic(PATH, 83, 20, "PP403",
                   "claim says Day-One Contribution Proposal has 135 words; counted 121",
                   "write 121, or change the text to match the claim"),
    ]  # fmt: skip
    assert list(pp404_claim_target.check(Analysis(seed_post()), CTX)) == []


def test_seed_with_true_claims_passes() -> None:
    post = seed_post()
    fixed = post.body.replace("274 words", "261 words").replace("135 words", "121 words")
    post = make_post(*fixed.split("\n"), kind="application-package")
    assert list(pp403_word_claim.check(Analysis(post), CTX)) == []
