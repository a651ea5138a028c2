from __future__ import annotations

from collections.abc import Iterable

from proofpress.body import limits
from proofpress.body.analysis import Analysis
from proofpress.core.diagnostics import Diagnostic
from proofpress.core.rule import FILL, Example, Rule, post_example
from proofpress.records.context import CheckContext

LIMIT = limits.BLOCKS
RULE = Rule(
    code="PP809",
    name="blocks",
    summary="A post has at most 10,000 blank lines outside fenced code.",
    hint="split the post into a series, or remove runs of empty lines",
    why="Each blank line starts a block that Python-Markdown pops off the front of a list, which costs time quadratic in their number: 160,000 short paragraphs took 13 s, 40,000 under one.",
    example=Example(
        bad=post_example(body=FILL),
        fill=("Line.\n\n", 10_001),
        good=post_example(body="Line.\n\n" * 3),
    ),
)


def check(analysis: Analysis, ctx: CheckContext) -> Iterable[Diagnostic]:
    return analysis.exceeded(LIMIT, RULE)
