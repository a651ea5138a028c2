"""PP501 list-depth: Lists nest at most 10 levels deep."""

from __future__ import annotations

from collections.abc import Iterable

from proofpress import limits
from proofpress.context import CheckContext
from proofpress.diagnostics import Diagnostic
from proofpress.model import Post
from proofpress.rules import Rule

LIMIT = limits.LIST_DEPTH
RULE = Rule(
    code="PP501",
    name="list-depth",
    summary="Lists nest at most 10 levels deep.",
    hint="flatten the list: move the deepest items up a level, or into a table or separate list",
    bad="- a\n    - b\n        - c … (11 levels)",
    good="- a\n    - b\n        - c",
    why="Python-Markdown parses each nested list by recursion: at about 300 levels the build dies with RecursionError, and long before that each level re-reads the lines under it.",
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
