from __future__ import annotations

from collections.abc import Iterable

from proofpress.analysis import Analysis
from proofpress.context import CheckContext
from proofpress.diagnostics import Diagnostic
from proofpress.rules import EXAMPLE_BODY, Example, Rule, post_example

RULE = Rule(
    code="PP301",
    name="body-h1",
    summary="The body has no level-1 heading: the title comes from front matter.",
    hint="remove the heading (the title is front matter's title:) or make it a ## heading",
    why="The page already shows the front-matter title as its only <h1>; a second one repeats "
    "it or competes with it, in the page, the table of contents and search results.",
    example=Example(
        bad=post_example(body="# Failure Modes\n\n" + EXAMPLE_BODY),
        good=post_example(body=EXAMPLE_BODY),
    ),
)


def check(analysis: Analysis, ctx: CheckContext) -> Iterable[Diagnostic]:
    if analysis.kind and analysis.kind.allow_h1:
        return
    post = analysis.post
    for heading in analysis.outline.headings:
        if heading.level == 1:
            yield RULE.at(
                post.path,
                heading.line,
                1,
                f"found a level-1 heading '{heading.text}' in the body; expected none "
                f"(kind {post.kind} takes the title from front matter)",
            )
