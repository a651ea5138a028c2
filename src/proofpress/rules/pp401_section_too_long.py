from __future__ import annotations

from collections.abc import Iterable

from proofpress.body.analysis import Analysis
from proofpress.core.diagnostics import Diagnostic
from proofpress.core.rule import declared
from proofpress.records import kinds
from proofpress.records.context import CheckContext

RULE = declared("PP401")


def check(analysis: Analysis, ctx: CheckContext) -> Iterable[Diagnostic]:
    post = analysis.post
    for section in analysis.top_sections:
        heading = section.heading
        limit, source = kinds.section_limit(analysis.kind, section.title, post.word_limits)
        if heading is None or limit is None:
            continue
        counted = analysis.section_words(section)
        if counted > limit:
            yield RULE.at(
                post.path,
                heading.line,
                heading.column,
                f"section '{heading.text}' has {counted} words; expected at most {limit} "
                f"({source})",
                hint=f"cut {counted - limit} words, or raise word_limits for '{heading.text}'",
            )
