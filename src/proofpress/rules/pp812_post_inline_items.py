from __future__ import annotations

from collections.abc import Iterable

from proofpress.body import limits
from proofpress.body.analysis import Analysis
from proofpress.core.diagnostics import Diagnostic
from proofpress.core.rule import FILL, Example, Rule, post_example
from proofpress.records.context import CheckContext

LIMIT = limits.POST_ITEMS
RULE = Rule(
    code="PP812",
    name="post-inline-items",
    summary="A post holds at most 5,000 inline items (as PP811 counts them) in all.",
    hint="split the post, or move long runs of code into fenced code blocks",
    why="Python-Markdown's inline pass queues every element it makes (code, links, emphasis) in one list it pops from the front, so their number in the whole post costs quadratic time: 1,000 code spans in each paragraph of a 500 KB post built in 12 s, of a 1 MB post in 45 s; per code span 66 µs at 5,000 in a post, 119 µs at 80,000 (9.5 s).",
    example=Example(
        bad=post_example(body=FILL),
        fill=("Use `x` " * 900 + "\n\n", 6),
        good=post_example(body=("Use `x` " * 900 + "\n\n") * 5),
    ),
)


def check(analysis: Analysis, ctx: CheckContext) -> Iterable[Diagnostic]:
    return analysis.exceeded(LIMIT, RULE)
