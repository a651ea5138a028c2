from __future__ import annotations

from collections.abc import Iterable

from proofpress.body.analysis import Analysis
from proofpress.core.diagnostics import Diagnostic
from proofpress.core.rule import declared
from proofpress.records import kinds
from proofpress.records.context import CheckContext

RULE = declared("PP402")


def check(analysis: Analysis, ctx: CheckContext) -> Iterable[Diagnostic]:
    post = analysis.post
    limit, source = kinds.post_limit(analysis.kind, post.max_words)
    if limit is None:
        return
    counted = analysis.post_words
    if counted > limit:
        outline = analysis.outline
        first = next((i for i, line in enumerate(outline.lines) if line.strip()), 0)
        yield RULE.at(
            post.path,
            outline.file_line(first),
            1,
            f"post has {counted} words; expected at most {limit} ({source})",
            hint=f"cut {counted - limit} words, or raise max_words in front matter",
        )
