from __future__ import annotations

from collections.abc import Iterable

from proofpress.body import limits
from proofpress.body.analysis import Analysis
from proofpress.core.diagnostics import Diagnostic
from proofpress.core.rule import FILL, Example, Rule, post_example
from proofpress.records.context import CheckContext

LIMIT = limits.INLINE_ITEMS
RULE = Rule(
    code="PP811",
    name="inline-items",
    summary="A paragraph holds at most 1,000 inline items: links, code spans, escapes, entities, emoji, tags, emphasis.",
    hint="split the paragraph with a blank line, or put the text in a fenced code block",
    why="Python-Markdown rebuilds a paragraph's text for every inline item it replaces, so its time grows with items times length: per item it stays flat up to about 4,000 (escapes 7 µs, code spans 30 µs), then climbs; 64,000 escapes in one paragraph took 17 s, 64,000 code spans or links 5-6 s, 100,000 35-75 s. At 1,000 items, one 1 MB paragraph builds in under a second.",
    example=Example(
        bad=post_example(body=FILL + "\n"),
        fill=("Use `x` ", 1001),
        good=post_example(body="Use `x` " * 500 + "\n\n" + "Use `x` " * 501 + "\n"),
    ),
)


def check(analysis: Analysis, ctx: CheckContext) -> Iterable[Diagnostic]:
    return analysis.exceeded(LIMIT, RULE)
