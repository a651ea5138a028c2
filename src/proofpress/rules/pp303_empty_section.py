from __future__ import annotations

from collections.abc import Iterable

from proofpress.analysis import Analysis
from proofpress.context import CheckContext
from proofpress.diagnostics import Diagnostic
from proofpress.rules import Example, Rule, post_example

RULE = Rule(
    code="PP303",
    name="empty-section",
    summary="Every heading has text, code or a sub-section under it.",
    hint="write the section or remove its heading",
    why="An empty section is a placeholder that shipped: the reader gets a heading and nothing.",
    example=Example(
        bad=post_example(body="## Context\n\n## Lessons\n\nWatch it fail.\n"),
        good=post_example(body="## Context\n\nA queue backs up.\n\n## Lessons\n\nWatch it fail.\n"),
    ),
)


def check(analysis: Analysis, ctx: CheckContext) -> Iterable[Diagnostic]:
    outline = analysis.outline
    for section in outline.root.walk():
        heading = section.heading
        if heading is None or section.children or outline.has_content(section.start, section.end):
            continue
        if section.end < len(outline.lines):
            after = f"before the next heading (line {outline.file_line(section.end)})"
        else:
            after = "before the end of the post"
        yield RULE.at(
            analysis.post.path,
            heading.line,
            heading.column,
            f"section '{heading.text}' is empty; expected text {after}",
        )
