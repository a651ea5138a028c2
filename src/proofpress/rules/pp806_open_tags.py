from __future__ import annotations

from collections.abc import Iterable

from proofpress.body import limits
from proofpress.body.analysis import Analysis
from proofpress.core.diagnostics import Diagnostic
from proofpress.core.rule import Example, Rule, post_example
from proofpress.records.context import CheckContext

LIMIT = limits.OPEN_TAGS
RULE = Rule(
    code="PP806",
    name="open-tags",
    summary="At most 10 HTML tag openings (<x) have no > anywhere after them.",
    hint="escape the < as &lt; (or put the code in a fenced block), or close the tag",
    why="Python-Markdown's HTML reader rescans the rest of the post for every tag opening it cannot close: 2,000 of them took 0.8 s, 8,000 took 14 s (quadratic), in prose and indented code alike.",
    example=Example(
        bad=post_example(body="If a <b then stop.\n\n" * 11),
        good=post_example(body="If a &lt;b then stop.\n\n" * 11),
    ),
)


def check(analysis: Analysis, ctx: CheckContext) -> Iterable[Diagnostic]:
    return analysis.exceeded(LIMIT, RULE)
