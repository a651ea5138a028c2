"""PP505 html-depth: Raw HTML elements nest at most 32 levels deep."""

from __future__ import annotations

from collections.abc import Iterable

from proofpress import limits
from proofpress.context import CheckContext
from proofpress.diagnostics import Diagnostic
from proofpress.model import Post
from proofpress.rules import Rule

LIMIT = limits.HTML_DEPTH
RULE = Rule(
    code="PP505",
    name="html-depth",
    summary="Raw HTML elements nest at most 32 levels deep.",
    hint="flatten the HTML, or use Markdown instead",
    bad="<div><div><div> … (33 levels)",
    good="<div><p>text</p></div>",
    why="Every nested element is walked recursively by the HTML sanitiser and the page tools after it; no post needs more than a handful of levels.",
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
