"""PP701 liquid-tag: Every Liquid tag is one DEV knows, complete, and its blocks are closed."""

from __future__ import annotations

from collections.abc import Iterable

from proofpress.body.analysis import Analysis
from proofpress.core.diagnostics import Diagnostic
from proofpress.core.rule import Example, Rule, post_example
from proofpress.records.context import CheckContext

RULE = Rule(
    code="PP701",
    name="liquid-tag",
    summary="Every Liquid tag outside code is a tag DEV supports, written whole, its block closed.",
    hint="use a supported tag, or put the example in `backticks` or {% raw %}…{% endraw %}",
    why=(
        "DEV replaces a post whose Liquid does not parse, or names a tag it does not know, with "
        "an error; the site would print the tag as literal text."
    ),
    example=Example(
        bad=post_example(body="{% vid dQw4w9WgXcQ %}\n\n{% details Why? %}\nBecause.\n"),
        good=post_example(
            body="{% youtube dQw4w9WgXcQ %}\n\n{% details Why? %}\nBecause.\n{% enddetails %}\n"
        ),
    ),
)


def check(analysis: Analysis, ctx: CheckContext) -> Iterable[Diagnostic]:
    post = analysis.post
    if ctx.dialect != "dev":
        return
    for finding in analysis.liquid:
        if finding.kind == "tag":
            line = post.body_line + finding.line
            yield RULE.at(post.path, line, finding.column, finding.message, finding.hint)
