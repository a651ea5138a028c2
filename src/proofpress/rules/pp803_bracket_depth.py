from __future__ import annotations

from collections.abc import Iterable

from proofpress.body import limits
from proofpress.body.analysis import Analysis
from proofpress.core.diagnostics import Diagnostic
from proofpress.core.rule import Example, Rule, post_example
from proofpress.records.context import CheckContext

LIMIT = limits.BRACKET_DEPTH
RULE = Rule(
    code="PP803",
    name="bracket-depth",
    summary="[ brackets nest at most 10 levels deep in one paragraph.",
    hint="write fewer nested brackets, or put the text in `code`",
    why="Python-Markdown reads from every [ to its closing ] looking for a link, so nesting costs depth times paragraph length: 4,000 nested brackets took 1.8 s and 16,000 minutes.",
    example=Example(
        bad=post_example(body="[" * 11 + "x" + "]" * 11 + "\n"),
        good=post_example(body="[x](https://example.org)\n"),
    ),
)


def check(analysis: Analysis, ctx: CheckContext) -> Iterable[Diagnostic]:
    return analysis.exceeded(LIMIT, RULE)
