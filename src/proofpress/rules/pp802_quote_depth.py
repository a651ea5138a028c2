from __future__ import annotations

from collections.abc import Iterable

from proofpress.body import limits
from proofpress.body.analysis import Analysis
from proofpress.core.diagnostics import Diagnostic
from proofpress.core.rule import Example, Rule, post_example
from proofpress.records.context import CheckContext

LIMIT = limits.QUOTE_DEPTH
RULE = Rule(
    code="PP802",
    name="quote-depth",
    summary="Block quotes nest at most 10 levels deep.",
    hint="quote the quote once; readers cannot follow more than a few levels anyway",
    why="Each quote level is parsed recursively and wraps the page in one more element that the sanitiser, table of contents and search index must walk.",
    example=Example(
        bad=post_example(body=">" * 11 + " Quoted.\n"),
        good=post_example(body="> > Quoted.\n"),
    ),
)


def check(analysis: Analysis, ctx: CheckContext) -> Iterable[Diagnostic]:
    return analysis.exceeded(LIMIT, RULE)
