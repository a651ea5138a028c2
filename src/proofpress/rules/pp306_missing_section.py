from __future__ import annotations

import difflib
from collections.abc import Iterable

from proofpress.body.analysis import Analysis
from proofpress.core.diagnostics import Diagnostic
from proofpress.core.rule import declared
from proofpress.records.context import CheckContext
from proofpress.records.kinds import Kind, normalize_title

RULE = declared("PP306")


def check(analysis: Analysis, ctx: CheckContext) -> Iterable[Diagnostic]:
    kind = analysis.kind
    if kind is None:
        return
    present = analysis.by_title
    declared = {normalize_title(spec.title) for spec in kind.sections}
    strays = {key: s for key, s in present.items() if key not in declared}
    for index, spec in enumerate(kind.sections):
        if spec.optional or normalize_title(spec.title) in present:
            continue
        message = f"missing required section '## {spec.title}' (kind {kind.name})"
        close = difflib.get_close_matches(normalize_title(spec.title), list(strays), 1, 0.6)
        near = strays[close[0]].heading if close else None
        if near is not None:
            yield analysis.at(
                RULE,
                near,
                f"{message}; found '## {near.text}'. Did you mean '{spec.title}'?",
                hint=f"rename the heading to '## {spec.title}'",
            )
            continue
        line, column, where = _insertion_point(analysis, kind, index)
        yield RULE.at(
            analysis.post.path, line, column, message, hint=f"add '## {spec.title}' {where}"
        )


def _insertion_point(analysis: Analysis, kind: Kind, index: int) -> tuple[int, int, str]:
    """Where the missing section belongs: before the next declared section that is present."""
    for spec in kind.sections[index + 1 :]:
        section = analysis.section(spec.title)
        if section and section.heading:
            return section.heading.line, section.heading.column, f"before '## {spec.title}'"
    outline = analysis.outline
    last = max((i for i, line in enumerate(outline.lines) if line.strip()), default=0)
    return outline.file_line(last), 1, "at the end of the post"
