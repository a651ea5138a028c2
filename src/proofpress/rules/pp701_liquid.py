"""PP701 liquid-tag and PP702 liquid-argument: what DEV would refuse in a post's Liquid.

One scan of the body finds both kinds of finding (:attr:`Analysis.liquid`); each goes out
under its rule. Posts read as plain Markdown (``dialect: markdown``) have no Liquid.
"""

from __future__ import annotations

from collections.abc import Iterable

from proofpress.body.analysis import Analysis
from proofpress.core.diagnostics import Diagnostic
from proofpress.core.rule import declared_all
from proofpress.records.context import CheckContext

TAG, ARGUMENT = RULES = declared_all("PP701", "PP702")
_BY_KIND = {"tag": TAG, "argument": ARGUMENT}


def check(analysis: Analysis, ctx: CheckContext) -> Iterable[Diagnostic]:
    post = analysis.post
    if ctx.dialect != "dev":
        return
    for finding in analysis.liquid:
        line = post.body_line + finding.line
        rule = _BY_KIND[finding.kind]
        yield rule.at(post.path, line, finding.column, finding.message, finding.hint)
