"""PP701 liquid-tag and PP702 liquid-argument: what DEV would refuse in a post's Liquid.

One scan of the body finds both kinds of finding (:attr:`Analysis.liquid`); each goes out
under its rule. Posts read as plain Markdown (``dialect: markdown``) have no Liquid.
"""

from __future__ import annotations

from collections.abc import Iterable

from proofpress.body.analysis import Analysis
from proofpress.core.diagnostics import Diagnostic
from proofpress.core.rule import Example, Rule, post_example
from proofpress.records.context import CheckContext

TAG = Rule(
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
ARGUMENT = Rule(
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
RULES = (TAG, ARGUMENT)
_BY_KIND = {"tag": TAG, "argument": ARGUMENT}


def check(analysis: Analysis, ctx: CheckContext) -> Iterable[Diagnostic]:
    post = analysis.post
    if ctx.dialect != "dev":
        return
    for finding in analysis.liquid:
        line = post.body_line + finding.line
        rule = _BY_KIND[finding.kind]
        yield rule.at(post.path, line, finding.column, finding.message, finding.hint)
