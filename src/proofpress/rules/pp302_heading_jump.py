from __future__ import annotations

from collections.abc import Iterable

from proofpress.body.analysis import Analysis
from proofpress.core.diagnostics import Diagnostic
from proofpress.core.rule import Example, Rule, post_example
from proofpress.records.context import CheckContext

RULE = Rule(
    code="PP302",
    name="heading-jump",
    configurable=True,
    summary="Heading levels go down one at a time; the first body heading is ## at most.",
    hint="use the next level down, or add the missing level above it",
    why="Skipped levels break the outline that screen readers, the table of contents and "
    "search snippets are built from.",
    example=Example(
        bad=post_example(body="## Proposal\n\n#### First week\n\nMap the critical paths.\n"),
        good=post_example(body="## Proposal\n\n### First week\n\nMap the critical paths.\n"),
    ),
)


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
