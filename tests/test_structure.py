"""Structure rules PP301-PP308: one failing and one passing case at least, exact findings.

Bodies start on file line 10 (as if front matter took lines 1-9); a body's n-th line (0-based)
is file line 10 + n.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import pytest
from conftest import SEED, make_post

from proofpress.body.analysis import Analysis
from proofpress.check.engine import check_body
from proofpress.core.diagnostics import Diagnostic
from proofpress.records import kinds
from proofpress.records.authors import Author
from proofpress.records.context import CheckContext
from proofpress.records.kinds import Kind, SectionSpec
from proofpress.records.model import Post
from proofpress.rules import (
    pp301_body_h1,
    pp302_heading_jump,
    pp303_empty_section,
    pp304_duplicate_heading,
    pp305_unknown_kind,
    pp306_missing_section,
    pp307_section_order,
    pp308_numbered_subsections,
)

PATH = "docs/posts/p.md"
LARISSA = Author("larissa", "Larissa Caldwell", "larissacaldwell", pen_names=("Lucibit",))
CTX = CheckContext(
    authors={"larissa": LARISSA}, authors_path="docs/.authors.yml", dialect="markdown"
)
DEV_CTX = CheckContext(authors={"larissa": LARISSA}, authors_path="docs/.authors.yml")

# A small kind for the kind-driven rules, registered for the cases of kind "tiny": Beta is
# optional, Gamma takes two numbered parts.
TINY = Kind(
    name="tiny",
    summary="test kind",
    sections=(
        SectionSpec("Alpha"),
        SectionSpec("Beta", optional=True),
        SectionSpec("Gamma", numbered_subsections=2),
    ),
)


def d(code: str, line: int, column: int, message: str, hint: str) -> Diagnostic:
    return Diagnostic(PATH, line, column, code, message, hint)


def tiny_post(*lines: str) -> Post:
    return make_post(*lines, kind=TINY.name)


H301 = pp301_body_h1.RULE.hint
H304 = pp304_duplicate_heading.RULE.hint
H305 = pp305_unknown_kind.RULE.hint
H308 = pp308_numbered_subsections.RULE.hint
ORDER_HINT = "move it; kind tiny orders its sections: Alpha, Beta, Gamma"
GAMMA_OK = ("## Gamma", "", "### 1. One", "", "x", "", "### 2. Two", "", "y")

CASES = [
    # PP301 body-h1 (CTX reads the Markdown dialect; DEV's dialect has its own test below)
    (
        "h1 in body",
        pp301_body_h1.check,
        make_post("", "# Title", "", "Text."),
        [d("PP301", 11, 1, "found a level-1 heading 'Title' in the body; expected none "
           "(kind article takes the title from front matter)", H301)],
    ),
    (
        "setext h1 in body",
        pp301_body_h1.check,
        make_post("", "Title", "=====", "", "Text."),
        [d("PP301", 11, 1, "found a level-1 heading 'Title' in the body; expected none "
           "(kind article takes the title from front matter)", H301)],
    ),
    (
        "h2 and a # line in code are fine",
        pp301_body_h1.check,
        make_post("", "## Title", "", "```sh", "# a shell comment", "```"),
        [],
    ),
    # PP302 heading-jump
    (
        "## then ####",
        pp302_heading_jump.check,
        make_post("", "## A", "", "text", "", "#### B", "", "text"),
        [d("PP302", 15, 1, "heading level jumps from 2 to 4; expected level 3 or less",
           "make it ### B, or add the missing level")],
    ),
    (
        "first heading ###",
        pp302_heading_jump.check,
        make_post("", "### A", "", "text"),
        [d("PP302", 11, 1, "heading level jumps from 1 to 3; expected level 2 or less",
           "make it ## A, or add the missing level")],
    ),
    (
        "levels step down one at a time",
        pp302_heading_jump.check,
        make_post("## A", "a", "### A1", "b", "## B", "c", "### B1", "#### B1a", "d", "## C", "e"),
        [],
    ),
    # PP303 empty-section
    (
        "heading right before a sibling",
        pp303_empty_section.check,
        make_post("", "## A", "", "## B", "", "text"),
        [d("PP303", 11, 4, "section 'A' is empty; expected text before line 13",
           "if line 11 is a sentence, not a title, make it text (remove its '##'); else write "
           "the section or remove the heading")],
    ),
    (
        "only a comment, then the end",
        pp303_empty_section.check,
        make_post("", "## A", "", "text", "", "## B", "", "<!-- TODO -->", ""),
        [d("PP303", 15, 4, "section 'B' is empty; expected text before the end of the post",
           "if line 15 is a sentence, not a title, make it text (remove its '##'); else write "
           "the section or remove the heading")],
    ),
    (
        "a ### line used for emphasis, alone in its ## section: short message, the line named",
        pp303_empty_section.check,
        make_post(
            "## Setup", "", "### I spent three weeks on this before I saw the queue was full",
            "", "## Results", "", "It works.",
        ),
        [d("PP303", 12, 5, "section 'I spent three weeks on this before I saw…' is empty; "
           "expected text before line 14",
           "if line 12 is a sentence, not a title, make it text (remove its '###'); else write "
           "the section or remove the heading")],
    ),
    (
        "a setext heading: the hint names its underline",
        pp303_empty_section.check,
        make_post("", "Text.", "", "Lonely", "------", "", "## Next", "", "x"),
        [d("PP303", 13, 1, "section 'Lonely' is empty; expected text before line 16",
           "if line 13 is a sentence, not a title, make it text (remove the underline on line "
           "14); else write the section or remove the heading")],
    ),
    (
        "a sub-section or a code block is content",
        pp303_empty_section.check,
        make_post("## A", "### A1", "text", "## B", "```", "code", "```"),
        [],
    ),
    # PP304 duplicate-heading
    (
        "same title at the top level, any case",
        pp304_duplicate_heading.check,
        make_post("", "## Notes", "", "x", "", "## notes", "", "y"),
        [d("PP304", 15, 4, "duplicate heading 'notes' at the top level; expected a title "
           "different from the sibling at line 11", H304)],
    ),
    (
        "same title under one parent",
        pp304_duplicate_heading.check,
        make_post("", "## P", "", "### X", "", "x", "", "### X", "", "y"),
        [d("PP304", 17, 5, "duplicate heading 'X' under 'P'; expected a title different "
           "from the sibling at line 13", H304)],
    ),
    (
        "same title under different parents",
        pp304_duplicate_heading.check,
        make_post("## P", "### X", "x", "## Q", "### X", "y"),
        [],
    ),
    # PP305 unknown-kind
    (
        "misspelled kind",
        pp305_unknown_kind.check,
        make_post("", "text", kind="aplication-package"),
        [d("PP305", 1, 1, "unknown kind 'aplication-package'; expected one of: "
           "application-package, article. Did you mean 'application-package'?", H305)],
    ),
    (
        "unrelated kind",
        pp305_unknown_kind.check,
        make_post("", "text", kind="zzz"),
        [d("PP305", 1, 1, "unknown kind 'zzz'; expected one of: application-package, article",
           H305)],
    ),
    ("declared kind", pp305_unknown_kind.check, make_post("", "text", kind="article"), []),
    # PP306 missing-section
    (
        "first section missing",
        pp306_missing_section.check,
        tiny_post("", "intro", "", *GAMMA_OK),
        [d("PP306", 13, 4, "missing required section '## Alpha' (kind tiny)",
           "add '## Alpha' before '## Gamma'")],
    ),
    (
        "last section missing",
        pp306_missing_section.check,
        tiny_post("", "## Alpha", "", "a", "", ""),
        [d("PP306", 13, 1, "missing required section '## Gamma' (kind tiny)",
           "add '## Gamma' at the end of the post")],
    ),
    (
        "misspelled section",
        pp306_missing_section.check,
        tiny_post("", "## Alpah", "", "a", "", *GAMMA_OK),
        [d("PP306", 11, 4, "missing required section '## Alpha' (kind tiny); found "
           "'## Alpah'. Did you mean 'Alpha'?", "rename the heading to '## Alpha'")],
    ),
    (
        "optional section may be left out; titles match in any case",
        pp306_missing_section.check,
        tiny_post("## ALPHA", "a", *GAMMA_OK),
        [],
    ),
    # PP307 section-order
    (
        "two sections swapped",
        pp307_section_order.check,
        tiny_post("", *GAMMA_OK, "", "## Alpha", "", "a"),
        [d("PP307", 21, 4, "section 'Alpha' is out of order; expected it before 'Gamma' "
           "(line 11)", ORDER_HINT)],
    ),
    (
        "optional section after the last",
        pp307_section_order.check,
        tiny_post("", "## Alpha", "", "a", "", *GAMMA_OK, "", "## Beta", "", "b"),
        [d("PP307", 25, 4, "section 'Beta' is out of order; expected it before 'Gamma' "
           "(line 15)", ORDER_HINT)],
    ),
    (
        "undeclared sections may go anywhere",
        pp307_section_order.check,
        tiny_post("## Extra", "e", "## Alpha", "a", "## More", "m", "## Beta", "b", *GAMMA_OK),
        [],
    ),
    # PP308 numbered-subsections
    (
        "number skipped",
        pp308_numbered_subsections.check,
        tiny_post("", "## Gamma", "", "### 1. One", "", "x", "", "### 3. Two", "", "y"),
        [d("PP308", 17, 5, "sub-section of 'Gamma' is numbered 3; expected 2", H308)],
    ),
    (
        "not numbered",
        pp308_numbered_subsections.check,
        tiny_post("", "## Gamma", "", "### 1. One", "", "x", "", "### Two", "", "y"),
        [d("PP308", 17, 5, "sub-section 'Two' of 'Gamma' is not numbered; expected "
           "'### 2. Two'", H308)],
    ),
    (
        "a number too long to read as one",
        pp308_numbered_subsections.check,
        tiny_post("", "## Gamma", "", "### 1. One", "", "x", "", "### " + "9" * 5000 + ". Two",
                  "", "y"),
        [d("PP308", 17, 5, f"sub-section of 'Gamma' is numbered {'9' * 5000}; expected 2", H308)],
    ),
    (
        "too few",
        pp308_numbered_subsections.check,
        tiny_post("", "## Gamma", "", "### 1. One", "", "x"),
        [d("PP308", 11, 4, "section 'Gamma' has 1 ### sub-sections; expected exactly 2, "
           "numbered 1 to 2", H308)],
    ),
    (
        "numbered 1 and 2; deeper headings do not count",
        pp308_numbered_subsections.check,
        tiny_post(*GAMMA_OK, "#### Detail", "z"),
        [],
    ),
]  # fmt: skip


@pytest.mark.parametrize(
    ("check", "post", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_rule(
    check: Callable[[Analysis, CheckContext], Iterable[Diagnostic]],
    post: Post,
    expected: list[Diagnostic],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if post.kind == TINY.name:
        monkeypatch.setitem(kinds.KINDS, TINY.name, TINY)
    assert list(check(Analysis(post), CTX)) == expected


def seed_post(**fields: object) -> Post:
    lines = SEED.read_text(encoding="utf-8").split("\n")
    return make_post(*lines[9:], kind="application-package", **fields)


REPEATS_TITLE = (
    "the level-1 heading '{}' repeats the post's title; the page already shows the title",
    "remove the heading: the title comes from front matter's title:",
)


@pytest.mark.parametrize(
    ("post", "expected"),
    [
        # DEV writers use # for sections: the page shows them one level down
        (make_post("# Setup", "", "a", "", "## Details", "", "b", "", "# Results", "", "c"), []),
        # ... but a # heading that repeats the title shows the title twice
        (
            make_post("# The Title", "", "a", "", "# Results", "", "b", title="the  title"),
            [d("PP301", 10, 1, REPEATS_TITLE[0].format("The Title"), REPEATS_TITLE[1])],
        ),
        # ... and a kind's declared ## sections stay ## sections
        (
            make_post("# Alpha", "", "a", kind=TINY.name),
            [d("PP301", 10, 1, "found a level-1 heading 'Alpha' in the body; expected none "
               "(kind tiny takes the title from front matter)", H301)],
        ),
    ],
)  # fmt: skip
def test_body_h1_in_devs_dialect(
    post: Post, expected: list[Diagnostic], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(kinds.KINDS, TINY.name, TINY)
    assert list(pp301_body_h1.check(Analysis(post), DEV_CTX)) == expected


def test_seed_structure_is_clean() -> None:
    """The seed breaks no structure rule; only its two length claims are false (PP403)."""
    assert [(x.code, x.line, x.column) for x in check_body(seed_post(), CTX)] == [
        ("PP403", 82, 24),
        ("PP403", 83, 20),
    ]


def test_application_package_rules_run_through_check() -> None:
    lines = SEED.read_text(encoding="utf-8").split("\n")[9:]
    lines[56 - 10] = lines[56 - 10].replace("### 3.", "### 6.")  # file line 56
    lines[76 - 10] = "## Final Notes"  # file line 76: "## Final Editorial Notes"
    post = make_post(*lines, kind="application-package")
    found = [(x.code, x.line, x.column, x.message) for x in check_body(post, CTX)]
    assert found == [
        ("PP308", 56, 5, "sub-section of 'Why This Package Fits the Quest' is numbered 6; "
         "expected 3"),
        ("PP306", 76, 4, "missing required section '## Final Editorial Notes' (kind "
         "application-package); found '## Final Notes'. Did you mean 'Final Editorial Notes'?"),
        ("PP403", 82, 24, "claim says Cover Letter has 274 words; counted 261"),
        ("PP403", 83, 20, "claim says Day-One Contribution Proposal has 135 words; counted 121"),
    ]  # fmt: skip


def test_kinds_registry() -> None:
    assert sorted(kinds.KINDS) == ["application-package", "article"]
    assert kinds.get_kind("nope") is None
    package = kinds.get_kind("application-package")
    assert package is not None
    assert [s.title for s in package.sections] == [
        "Cover Letter",
        "Day-One Contribution Proposal",
        "Why This Package Fits the Quest",
        "Final Editorial Notes",
    ]
    assert package.letter_section is package.sections[0]
    assert not package.allow_h1


def test_skeleton_passes_structure_rules() -> None:
    """A scaffolded post of each kind breaks no structure rule."""
    for kind in kinds.KINDS.values():
        post = make_post(*kind.skeleton().split("\n"), kind=kind.name)
        structure = [x for x in check_body(post, CTX) if x.code.startswith("PP3")]
        assert structure == [], kind.name


def test_skeleton_signed_by_the_author_passes_every_body_rule() -> None:
    package = kinds.APPLICATION_PACKAGE
    body = package.skeleton(signature="Lucibit")
    assert "YOUR NAME" not in body
    assert check_body(make_post(*body.split("\n"), kind=package.name), CTX) == []


def test_unknown_kind_at_the_kind_line() -> None:
    def found(kind: str) -> list[Diagnostic]:
        post = make_post("", "text", kind=kind, positions={"kind": (7, 7)})
        return list(pp305_unknown_kind.check(Analysis(post), CTX))

    assert found("artcle") == [d(
        "PP305", 7, 7, "unknown kind 'artcle'; expected one of: application-package, article. "
        "Did you mean 'article'?", H305
    )]  # fmt: skip
    assert found("article") == []
