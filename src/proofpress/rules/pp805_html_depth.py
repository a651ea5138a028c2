from __future__ import annotations

from collections.abc import Iterable

from proofpress.body import limits
from proofpress.body.analysis import Analysis
from proofpress.core.diagnostics import Diagnostic
from proofpress.core.rule import Example, Rule, post_example
from proofpress.records.context import CheckContext

LIMIT = limits.HTML_DEPTH
RULE = Rule(
    code="PP805",
    name="html-depth",
    summary="Raw HTML elements nest at most 32 levels deep.",
    hint="flatten the HTML, or use Markdown instead",
    why="Every nested element is walked recursively by the HTML sanitiser and the page tools after it; no post needs more than a handful of levels.",
    example=Example(
        bad=post_example(body="<div>" * 33 + "x" + "</div>" * 33 + "\n"),
        good=post_example(body="<div><span>x</span></div>\n"),
    ),
)


def check(analysis: Analysis, ctx: CheckContext) -> Iterable[Diagnostic]:
    return analysis.exceeded(LIMIT, RULE)
