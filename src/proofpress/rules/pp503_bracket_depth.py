"""PP503 bracket-depth: [ brackets nest at most 10 levels deep in one paragraph."""

from __future__ import annotations

from collections.abc import Iterable

from proofpress import limits
from proofpress.context import CheckContext
from proofpress.diagnostics import Diagnostic
from proofpress.model import Post
from proofpress.rules import Rule

LIMIT = limits.BRACKET_DEPTH
RULE = Rule(
    code="PP503",
    name="bracket-depth",
    summary="[ brackets nest at most 10 levels deep in one paragraph.",
    hint="write fewer nested brackets, or put the text in `code`",
    bad="[[[[[[[[[[[x]]]]]]]]]]]",
    good="[x](https://example.org)",
    why="Python-Markdown reads from every [ to its closing ] to look for a link, so nested brackets cost time proportional to depth times paragraph length: 4,000 nested brackets took 1.8 s, 16,000 minutes.",
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
