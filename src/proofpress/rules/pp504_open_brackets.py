"""PP504 open-brackets: At most 10 [ brackets in one paragraph are never closed."""

from __future__ import annotations

from collections.abc import Iterable

from proofpress import limits
from proofpress.context import CheckContext
from proofpress.diagnostics import Diagnostic
from proofpress.model import Post
from proofpress.rules import Rule

LIMIT = limits.OPEN_BRACKETS
RULE = Rule(
    code="PP504",
    name="open-brackets",
    summary="At most 10 [ brackets in one paragraph are never closed.",
    hint="close the bracket, escape it as \\[, or put the text in `code`",
    bad="[a [b [c … (eleven [ with no ])",
    good="\\[a \\[b",
    why="Python-Markdown reads from every unclosed [ to the end of its paragraph looking for the ]: 1,000 unclosed brackets in one paragraph took 0.5 s, 4,000 took 9 s (quadratic).",
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
