"""PP702 liquid-argument: A Liquid tag's arguments fit that tag's grammar."""

from __future__ import annotations

from collections.abc import Iterable

from proofpress.body.analysis import Analysis
from proofpress.core.diagnostics import Diagnostic
from proofpress.core.rule import Example, Rule, post_example
from proofpress.records.context import CheckContext

RULE = Rule(
    code="PP702",
    name="liquid-argument",
    summary="A Liquid tag's arguments fit its grammar (an id, a URL of the right site, known options).",
    hint="write the tag as its grammar in the message shows",
    why=(
        "DEV refuses a tag whose arguments it cannot read; the site could not know what to "
        "link to or embed."
    ),
    example=Example(
        bad=post_example(body="{% youtube https://vimeo.com/76979871 %}\n"),
        good=post_example(body="{% vimeo https://vimeo.com/76979871 %}\n"),
    ),
)


def check(analysis: Analysis, ctx: CheckContext) -> Iterable[Diagnostic]:
    post = analysis.post
    if ctx.dialect != "dev":
        return
    for finding in analysis.liquid:
        if finding.kind == "argument":
            line = post.body_line + finding.line
            yield RULE.at(post.path, line, finding.column, finding.message, finding.hint)
