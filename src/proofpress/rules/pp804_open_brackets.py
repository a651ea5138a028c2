from __future__ import annotations

from collections.abc import Iterable

from proofpress.body import limits
from proofpress.body.analysis import Analysis
from proofpress.core.diagnostics import Diagnostic
from proofpress.core.rule import Example, Rule, post_example
from proofpress.records.context import CheckContext

LIMIT = limits.OPEN_BRACKETS
RULE = Rule(
    code="PP804",
    name="open-brackets",
    summary="At most 10 [ brackets in one paragraph are never closed.",
    hint="close the bracket, escape it as \\[, or put the text in `code`",
    why="Python-Markdown reads from every unclosed [ to the end of its paragraph looking for the ]: 1,000 unclosed brackets in one paragraph took 0.5 s, 4,000 took 9 s (quadratic).",
    example=Example(
        bad=post_example(body="[a " * 11 + "\n"),
        good=post_example(body="\\[a " * 11 + "\n"),
    ),
)


def check(analysis: Analysis, ctx: CheckContext) -> Iterable[Diagnostic]:
    return analysis.exceeded(LIMIT, RULE)
