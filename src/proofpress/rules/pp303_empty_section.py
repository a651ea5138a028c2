"""PP303 empty-section: every heading has text, code or a sub-section under it.

DEV writers often use a heading for emphasis: a ``###`` line that is really a sentence, alone
in its ``##`` section. The finding names the heading's line, and its hint says which line to
turn into text; the message quotes at most the start of the heading, never a whole sentence.
"""

from __future__ import annotations

from collections.abc import Iterable

from proofpress.body.analysis import Analysis
from proofpress.core.diagnostics import Diagnostic
from proofpress.core.rule import declared
from proofpress.reading.sections import Heading, LineKind, Outline
from proofpress.records.context import CheckContext

RULE = declared("PP303")
QUOTED = 40  # characters of the heading the message quotes


def check(analysis: Analysis, ctx: CheckContext) -> Iterable[Diagnostic]:
    outline = analysis.outline
    for section in outline.root.walk():
        heading = section.heading
        if heading is None or section.children or outline.has_content(section.start, section.end):
            continue
        if section.end < len(outline.lines):
            after = f"before line {outline.file_line(section.end)}"
        else:
            after = "before the end of the post"
        yield analysis.at(
            RULE,
            heading,
            f"section '{_short(heading.text)}' is empty; expected text {after}",
            hint=_hint(outline, heading),
        )


def _short(text: str) -> str:
    """``text``, or its first words up to :data:`QUOTED` characters and an ellipsis."""
    if len(text) <= QUOTED:
        return text
    cut = text[:QUOTED]
    whole = text[QUOTED] == " " or " " not in cut.strip()
    words = cut if whole else cut.rsplit(" ", 1)[0]
    return words.rstrip() + "…"


def _hint(outline: Outline, heading: Heading) -> str:
    """Which line to turn into text, and how: drop the ``#`` marks or the setext underline."""
    index, line = heading.index, heading.line
    if outline.kinds[index + 1 : index + 2] == (LineKind.UNDERLINE,):
        marks = f"remove the underline on line {line + 1}"
    else:
        marks = f"remove its '{'#' * heading.level}'"
    return (
        f"if line {line} is a sentence, not a title, make it text ({marks}); "
        "else write the section or remove the heading"
    )
