from __future__ import annotations

from collections.abc import Iterable

from proofpress.body import limits
from proofpress.body.analysis import Analysis
from proofpress.core.diagnostics import Diagnostic
from proofpress.core.rule import FILL, Example, Rule, post_example
from proofpress.records.context import CheckContext

LIMIT = limits.HEADINGS
RULE = Rule(
    code="PP808",
    name="headings",
    summary="A post has at most 500 headings.",
    hint="split the post into a series",
    why="Each heading becomes a table-of-contents entry, an anchor made unique against every other, and a search-index section; and each one splits its block, which the renderer re-reads: 1,000 setext headings in a 1 MB block took 4.5 s, 10,000 ATX headings 2 s. A post needs a few dozen.",
    example=Example(
        bad=post_example(body=FILL),
        fill=("## Part\n\nText.\n\n", 501),
        good=post_example(body="## Part 1\n\nText.\n"),
    ),
)


def check(analysis: Analysis, ctx: CheckContext) -> Iterable[Diagnostic]:
    return analysis.exceeded(LIMIT, RULE)
