from __future__ import annotations

from collections.abc import Iterable

from proofpress.body import limits
from proofpress.body.analysis import Analysis
from proofpress.core.diagnostics import Diagnostic
from proofpress.core.rule import Example, Rule, post_example
from proofpress.records.context import CheckContext

LIMIT = limits.LIST_DEPTH
RULE = Rule(
    code="PP801",
    name="list-depth",
    summary="Lists nest at most 10 levels deep.",
    hint="flatten the list: move the deepest items up a level, or into a table or separate list",
    why="Python-Markdown parses each nested list by recursion: at about 300 levels the build dies with RecursionError, and before that every level re-reads the lines under it (200 levels: 0.13 s, 400: a crash).",
    example=Example(
        bad=post_example(body="".join(f"{'    ' * i}- item {i}\n" for i in range(11))),
        good=post_example(body="".join(f"{'    ' * i}- item {i}\n" for i in range(3))),
    ),
)


def check(analysis: Analysis, ctx: CheckContext) -> Iterable[Diagnostic]:
    return analysis.exceeded(LIMIT, RULE)
