"""PP506 open-tags: At most 10 HTML tag openings (<x) have no > anywhere after them."""

from __future__ import annotations

from collections.abc import Iterable

from proofpress import limits
from proofpress.context import CheckContext
from proofpress.diagnostics import Diagnostic
from proofpress.model import Post
from proofpress.rules import Rule

LIMIT = limits.OPEN_TAGS
RULE = Rule(
    code="PP506",
    name="open-tags",
    summary="At most 10 HTML tag openings (<x) have no > anywhere after them.",
    hint="escape the < as &lt; (or put it in `code` inside a fenced block), or close the tag",
    bad="if a <b and c <d … with no > later in the post",
    good="if a &lt;b and c &lt;d",
    why="Python-Markdown's HTML reader rescans the rest of the post for every tag opening it cannot close: 8,000 of them took 14 s (quadratic).",
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
