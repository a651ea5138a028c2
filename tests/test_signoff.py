"""PP203 signoff: the letter's closing and the name under it.

Bodies start on file line 10 (as if front matter took lines 1-9).
"""

from __future__ import annotations

import conftest
import pytest
from conftest import SEED

from proofpress.body.analysis import Analysis
from proofpress.core.diagnostics import Diagnostic
from proofpress.records.authors import Author
from proofpress.records.context import CheckContext
from proofpress.records.model import Post
from proofpress.rules import pp203_signoff

PATH = "docs/posts/p.md"
LARISSA = Author("larissa", "Larissa Caldwell", "larissacaldwell", pen_names=("Lucibit",))
SOLO = Author("sam", "Sam Ortiz", "samortiz")
CTX = CheckContext(authors={"larissa": LARISSA, "sam": SOLO}, authors_path="docs/.authors.yml")
HINT = pp203_signoff.RULE.hint
BOTH = "the author's name or a pen name: 'Larissa Caldwell', 'Lucibit'"


def make_post(*lines: str, **fields: object) -> Post:
    return conftest.make_post(*lines, **{"kind": "application-package", **fields})


def letter(*ending: str, **fields: object) -> Post:
    """A letter whose ending lines start at file line 15, then the next section."""
    return make_post(
        "", "## Cover Letter", "", "Dear Hiring Manager,", "", *ending, "", "## Next", "", "x",
        **fields,
    )  # fmt: skip


CASES = [
    ("signed with a pen name", letter("Sincerely,", "", "Lucibit"), []),
    ("signed with the display name", letter("Best regards,", "", "Larissa Caldwell"), []),
    ("case and emphasis do not matter", letter("Kind regards,", "", "*larissa  caldwell*"), []),
    ("hard line break", letter("Thanks,\\", "Lucibit"), []),
    ("name on the closing line", letter("Cheers, Lucibit"), []),
    ("a dash before the name", letter("Warm regards,", "", "— Lucibit"), []),
    ("a closing mid-letter, then the real one",
     letter("Thanks, I look forward to talking.", "", "Best,", "", "Lucibit"), []),
    (
        "misspelled pen name",
        letter("Sincerely,", "", "Lucybit"),
        [Diagnostic(PATH, 17, 1, "PP203",
                    f"letter is signed 'Lucybit'; expected {BOTH}. Did you mean 'Lucibit'?",
                    HINT)],
    ),
    (
        "someone else's name",
        letter("Regards,", "", "Jordan Blake"),
        [Diagnostic(PATH, 17, 1, "PP203", f"letter is signed 'Jordan Blake'; expected {BOTH}",
                    HINT)],
    ),
    (
        "an author with no pen names, name on the closing line",
        letter("Best, Sam Ortis", author="sam"),
        [Diagnostic(PATH, 15, 7, "PP203",
                    "letter is signed 'Sam Ortis'; expected the author's name 'Sam Ortiz'. "
                    "Did you mean 'Sam Ortiz'?", HINT)],
    ),
    (
        "no name after the closing",
        letter("I would bring steady execution.", "", "Sincerely,"),
        [Diagnostic(PATH, 17, 1, "PP203",
                    f"no name after the closing 'Sincerely,'; expected {BOTH}", HINT)],
    ),
    (
        "no closing at all",
        letter("I would bring steady execution.", "", "Lucibit"),
        [Diagnostic(PATH, 11, 4, "PP203",
                    "letter in 'Cover Letter' has no closing; expected a line like "
                    f"'Sincerely,' followed by {BOTH}", HINT)],
    ),
    (
        "a closing in a code block is not a closing",
        letter("```", "Sincerely,", "", "Lucibit", "```"),
        [Diagnostic(PATH, 11, 4, "PP203",
                    "letter in 'Cover Letter' has no closing; expected a line like "
                    f"'Sincerely,' followed by {BOTH}", HINT)],
    ),
    ("unknown author: PP202's job", letter("Sincerely,", "", "Nobody", author="ghost"), []),
    ("a kind without a letter", letter("Sincerely,", "", "Nobody", kind="article"), []),
    ("no letter section: PP306's job", make_post("", "## Other", "", "Sincerely,", "", "X"), []),
]  # fmt: skip


@pytest.mark.parametrize(("post", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_signoff(post: Post, expected: list[Diagnostic]) -> None:
    assert list(pp203_signoff.check(Analysis(post), CTX)) == expected


def test_seed_signoff_passes() -> None:
    lines = SEED.read_text(encoding="utf-8").split("\n")
    post = make_post(*lines[9:])
    assert list(pp203_signoff.check(Analysis(post), CTX)) == []
    renamed = make_post(*[("Lucibyte" if line == "Lucibit" else line) for line in lines[9:]])
    assert list(pp203_signoff.check(Analysis(renamed), CTX)) == [
        Diagnostic(PATH, 29, 1, "PP203",
                   f"letter is signed 'Lucibyte'; expected {BOTH}. Did you mean 'Lucibit'?", HINT)
    ]  # fmt: skip
