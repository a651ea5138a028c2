from __future__ import annotations

from collections.abc import Iterable

from proofpress.body.analysis import Analysis
from proofpress.core.diagnostics import Diagnostic
from proofpress.core.rule import EXAMPLE_BODY, EXAMPLE_FRONT_MATTER, Example, Rule, post_example
from proofpress.records import kinds
from proofpress.records.context import CheckContext

RULE = Rule(
    code="PP402",
    name="post-too-long",
    configurable=True,
    summary="The whole post has at most the words its kind or front matter's max_words allow.",
    hint="cut the post, or raise max_words in front matter",
    why="A kind's length limit is part of its promise to the reader (and to whoever set it).",
    example=Example(
        bad=post_example(EXAMPLE_FRONT_MATTER + "max_words: 5\n", EXAMPLE_BODY),
        good=post_example(EXAMPLE_FRONT_MATTER + "max_words: 5\n", "Watch systems fail.\n"),
    ),
)


def check(analysis: Analysis, ctx: CheckContext) -> Iterable[Diagnostic]:
    post = analysis.post
    limit, source = kinds.post_limit(analysis.kind, post.max_words)
    if limit is None:
        return
    counted = analysis.post_words
    if counted > limit:
        outline = analysis.outline
        first = next((i for i, line in enumerate(outline.lines) if line.strip()), 0)
        yield RULE.at(
            post.path,
            outline.file_line(first),
            1,
            f"post has {counted} words; expected at most {limit} ({source})",
            hint=f"cut {counted - limit} words, or raise max_words in front matter",
        )
