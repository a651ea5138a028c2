from __future__ import annotations

from collections.abc import Iterable

from proofpress.body.analysis import Analysis
from proofpress.core.diagnostics import Diagnostic
from proofpress.core.rule import declared
from proofpress.reading.sections import Heading
from proofpress.records.context import CheckContext
from proofpress.records.kinds import normalize_title

RULE = declared("PP304")


def check(analysis: Analysis, ctx: CheckContext) -> Iterable[Diagnostic]:
    for parent in analysis.outline.root.walk():
        first: dict[tuple[int, str], Heading] = {}
        for child in parent.children:
            heading = child.heading
            if heading is None:
                continue
            key = (heading.level, normalize_title(heading.text))
            if key not in first:
                first[key] = heading
                continue
            under = f"under '{parent.title}'" if parent.heading else "at the top level"
            yield analysis.at(
                RULE,
                heading,
                f"duplicate heading '{heading.text}' {under}; expected a title different "
                f"from the sibling at line {first[key].line}",
            )
