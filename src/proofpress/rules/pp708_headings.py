from __future__ import annotations

from collections.abc import Iterable

from proofpress import limits
from proofpress.analysis import Analysis
from proofpress.context import CheckContext
from proofpress.diagnostics import Diagnostic
from proofpress.rules import Example, Rule, post_example

LIMIT = limits.HEADINGS
RULE = Rule(
    code="PP708",
    name="headings",
    summary="A post has at most 1,000 headings.",
    hint="split the post into a series",
    why="Each heading becomes a table-of-contents entry, an anchor made unique against every other, and a search-index section; a post needs a few dozen.",
    example=Example(
        bad=post_example(body="".join(f"## Part {i}\n\nText.\n\n" for i in range(1001))),
        good=post_example(body="## Part 1\n\nText.\n"),
    ),
)


def check(analysis: Analysis, ctx: CheckContext) -> Iterable[Diagnostic]:
    post = analysis.post
    for exceeded in limits.scan(analysis.outline):
        if exceeded.limit is LIMIT:
            yield RULE.at(
                post.path,
                exceeded.line,
                exceeded.column,
                f"found {exceeded.found}; the limit is {LIMIT.value:,} {LIMIT.what}",
            )
