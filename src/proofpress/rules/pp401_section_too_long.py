from __future__ import annotations

from collections.abc import Iterable

from proofpress.body.analysis import Analysis
from proofpress.core.diagnostics import Diagnostic
from proofpress.core.rule import EXAMPLE_FRONT_MATTER, Example, Rule, post_example
from proofpress.records import kinds
from proofpress.records.context import CheckContext

_LIMITED = EXAMPLE_FRONT_MATTER + "word_limits: {Lessons: 5}\n"

RULE = Rule(
    code="PP401",
    name="section-too-long",
    configurable=True,
    summary="A ## section has at most the words its kind or front matter's word_limits allow.",
    hint="cut the section, or raise its limit in front matter (word_limits)",
    why="Applications and calls for papers set hard lengths; the checker counts so you need not.",
    example=Example(
        bad=post_example(
            _LIMITED, "## Lessons\n\nThe fastest way to learn a system is to watch it fail.\n"
        ),
        good=post_example(_LIMITED, "## Lessons\n\nWatch systems fail.\n"),
    ),
)


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
