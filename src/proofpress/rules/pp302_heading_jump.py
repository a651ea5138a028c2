from __future__ import annotations

from collections.abc import Iterable

from proofpress.body.analysis import Analysis
from proofpress.core.diagnostics import Diagnostic
from proofpress.core.rule import declared
from proofpress.records.context import CheckContext

RULE = declared("PP302")


def check(analysis: Analysis, ctx: CheckContext) -> Iterable[Diagnostic]:
    previous = 1  # the page title is the level-1 heading
    for heading in analysis.outline.headings:
        if heading.level > previous + 1:
            yield RULE.at(
                analysis.post.path,
                heading.line,
                1,
                f"heading level jumps from {previous} to {heading.level}; expected level "
                f"{previous + 1} or less",
                hint=f"make it {'#' * (previous + 1)} {heading.text}, or add the missing level",
            )
        previous = heading.level
