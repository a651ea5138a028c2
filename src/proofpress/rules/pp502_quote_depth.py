"""PP502 quote-depth: Block quotes nest at most 10 levels deep."""

from __future__ import annotations

from collections.abc import Iterable

from proofpress import limits
from proofpress.context import CheckContext
from proofpress.diagnostics import Diagnostic
from proofpress.model import Post
from proofpress.rules import Rule

LIMIT = limits.QUOTE_DEPTH
RULE = Rule(
    code="PP502",
    name="quote-depth",
    summary="Block quotes nest at most 10 levels deep.",
    hint="quote the quote once; readers cannot follow more than a few levels anyway",
    bad=">>>>>>>>>>> eleven levels",
    good="> > quoted twice",
    why="Each quote level is parsed recursively, and every level wraps the page in another element that the sanitiser, table of contents and search must walk.",
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
