"""PP508 headings: A post has at most 1,000 headings."""

from __future__ import annotations

from collections.abc import Iterable

from proofpress import limits
from proofpress.context import CheckContext
from proofpress.diagnostics import Diagnostic
from proofpress.model import Post
from proofpress.rules import Rule

LIMIT = limits.HEADINGS
RULE = Rule(
    code="PP508",
    name="headings",
    summary="A post has at most 1,000 headings.",
    hint="split the post into a series",
    bad="20,000 ## headings",
    good="a post of a few dozen sections",
    why="Each heading becomes a table-of-contents entry and a search-index section; repeated titles get unique anchors by a search that grows with their number.",
)


def check(post: Post, ctx: CheckContext) -> Iterable[Diagnostic]:
    for exceeded in limits.scan(post.body, post.body_line):
        if exceeded.limit is LIMIT:
            yield RULE.at(
                post.path,
                exceeded.line,
                exceeded.column,
                f"found {exceeded.found}; the limit is {LIMIT.value:,} {LIMIT.what}",
            )
