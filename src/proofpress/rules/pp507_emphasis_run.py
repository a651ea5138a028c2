"""PP507 emphasis-run: A run of * or _ is at most 20 characters long (horizontal rules aside)."""

from __future__ import annotations

from collections.abc import Iterable

from proofpress import limits
from proofpress.context import CheckContext
from proofpress.diagnostics import Diagnostic
from proofpress.model import Post
from proofpress.rules import Rule

LIMIT = limits.EMPHASIS_RUN
RULE = Rule(
    code="PP507",
    name="emphasis-run",
    summary="A run of * or _ is at most 20 characters long (horizontal rules aside).",
    hint="use at most *** for emphasis; write a rule as --- on its own line",
    bad="*********************************x",
    good="***x***",
    why="Python-Markdown matches nested emphasis by recursion: about 2,000 markers in a row crash the build with RecursionError.",
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
