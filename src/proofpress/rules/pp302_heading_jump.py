"""PP302 heading-jump: Heading levels go down one at a time (## then ###, never ## then ####)."""

from __future__ import annotations

from collections.abc import Iterable

from proofpress import sections
from proofpress.context import CheckContext
from proofpress.diagnostics import Diagnostic
from proofpress.model import Post
from proofpress.rules import Rule

RULE = Rule(
    code="PP302",
    name="heading-jump",
    summary="Heading levels go down one at a time; the first body heading is ## at most.",
    hint="use the next level down, or add the missing level above it",
    bad="## Proposal\n\n#### First week\n\nMap the critical paths.",
    good="## Proposal\n\n### First week\n\nMap the critical paths.",
    why=(
        "Skipped levels break the outline that screen readers, the table of contents and "
        "search snippets are built from."
    ),
)


def check(post: Post, ctx: CheckContext) -> Iterable[Diagnostic]:
    previous = 1  # the page title is the level-1 heading
    for heading in sections.parse(post.body, post.body_line).headings:
        if heading.level > previous + 1:
            yield RULE.at(
                post.path,
                heading.line,
                1,
                f"heading level jumps from {previous} to {heading.level}; expected level "
                f"{previous + 1} or less",
                hint=f"make it {'#' * (previous + 1)} {heading.text}, or add the missing level",
            )
        previous = heading.level
