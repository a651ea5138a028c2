from __future__ import annotations

from collections.abc import Iterable

from proofpress.body import limits
from proofpress.body.analysis import Analysis
from proofpress.core.diagnostics import Diagnostic
from proofpress.core.rule import FILL, Example, Rule, post_example
from proofpress.records.context import CheckContext

LIMIT = limits.HORIZONTAL_RULES
RULE = Rule(
    code="PP810",
    name="horizontal-rules",
    summary="A post has at most 100 horizontal rules.",
    hint="use headings to separate parts; keep a rule or two",
    why="Each rule splits its block and the renderer re-reads the rest of it: 10,000 rules took 3.7 s and 40,000 over a minute (quadratic).",
    example=Example(
        bad=post_example(body=FILL),
        fill=("Part.\n\n***\n\n", 101),
        good=post_example(body="Part.\n\n***\n\nEnd.\n"),
    ),
)


def check(analysis: Analysis, ctx: CheckContext) -> Iterable[Diagnostic]:
    return analysis.exceeded(LIMIT, RULE)
