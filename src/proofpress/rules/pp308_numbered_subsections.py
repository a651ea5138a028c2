from __future__ import annotations

import re
from collections.abc import Iterable

from proofpress.body.analysis import Analysis
from proofpress.core.diagnostics import Diagnostic
from proofpress.core.rule import declared
from proofpress.reading.sections import Section
from proofpress.records.context import CheckContext

RULE = declared("PP308")

_NUMBERED = re.compile(r"^(\d+)[.)]\s+\S")


def check(analysis: Analysis, ctx: CheckContext) -> Iterable[Diagnostic]:
    for spec in analysis.kind.sections if analysis.kind else ():
        section = analysis.section(spec.title)
        if spec.numbered_subsections and section is not None:
            yield from _check_section(analysis.post.path, section, spec.numbered_subsections)


def _check_section(path: str, section: Section, wanted: int) -> Iterable[Diagnostic]:
    heading = section.heading
    if heading is None:
        return
    children = [c.heading for c in section.children if c.heading and c.level == heading.level + 1]
    marks = "#" * (heading.level + 1)
    for expected, child in enumerate(children, start=1):
        number = _NUMBERED.match(child.text)
        if number is None:
            yield RULE.at(
                path,
                child.line,
                child.column,
                f"sub-section '{child.text}' of '{heading.text}' is not numbered; "
                f"expected '{marks} {expected}. {child.text}'",
            )
        elif len(number.group(1)) > 9 or int(number.group(1)) != expected:
            yield RULE.at(
                path,
                child.line,
                child.column,
                f"sub-section of '{heading.text}' is numbered {number.group(1)}; "
                f"expected {expected}",
            )
    if len(children) != wanted:
        yield RULE.at(
            path,
            heading.line,
            heading.column,
            f"section '{heading.text}' has {len(children)} {marks} sub-sections; "
            f"expected exactly {wanted}, numbered 1 to {wanted}",
        )
