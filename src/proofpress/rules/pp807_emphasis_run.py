from __future__ import annotations

from collections.abc import Iterable

from proofpress.body import limits
from proofpress.body.analysis import Analysis
from proofpress.core.diagnostics import Diagnostic
from proofpress.core.rule import Example, Rule, post_example
from proofpress.records.context import CheckContext

LIMIT = limits.EMPHASIS_RUN
RULE = Rule(
    code="PP807",
    name="emphasis",
    summary="A run of * or _ is at most 20 characters long (horizontal rules aside).",
    hint="use at most *** for emphasis; write a rule as --- on its own line",
    why="Python-Markdown matches nested emphasis by recursion: 2,000 markers around a word crash the build with RecursionError.",
    example=Example(
        bad=post_example(body="*" * 21 + "x" + "*" * 21 + "\n"),
        good=post_example(body="***x***\n"),
    ),
)


def check(analysis: Analysis, ctx: CheckContext) -> Iterable[Diagnostic]:
    return analysis.exceeded(LIMIT, RULE)
