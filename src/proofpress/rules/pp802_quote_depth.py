from __future__ import annotations

from collections.abc import Iterable

from proofpress import limits
from proofpress.analysis import Analysis
from proofpress.context import CheckContext
from proofpress.diagnostics import Diagnostic
from proofpress.rules import Example, Rule, post_example

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
