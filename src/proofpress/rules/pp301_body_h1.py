from __future__ import annotations

from collections.abc import Iterable

from proofpress.body.analysis import Analysis
from proofpress.core.diagnostics import Diagnostic
from proofpress.core.rule import declared
from proofpress.records.context import CheckContext
from proofpress.records.kinds import normalize_title

RULE = declared("PP301")


def check(analysis: Analysis, ctx: CheckContext) -> Iterable[Diagnostic]:
    kind = analysis.kind
    if kind and kind.allow_h1:
        return
    post = analysis.post
    # DEV's dialect: `#` headings are sections (the site shows every body heading one level
    # down, so the title stays the page's one <h1>), as long as the kind declares no sections.
    dev_sections = ctx.dialect == "dev" and not (kind and kind.sections)
    for heading in analysis.outline.headings:
        if heading.level != 1:
            continue
        if normalize_title(heading.text) == normalize_title(post.title):
            yield RULE.at(
                post.path,
                heading.line,
                1,
                f"the level-1 heading '{heading.text}' repeats the post's title; the page "
                "already shows the title",
                "remove the heading: the title comes from front matter's title:",
            )
        elif not dev_sections:
            yield RULE.at(
                post.path,
                heading.line,
                1,
                f"found a level-1 heading '{heading.text}' in the body; expected none "
                f"(kind {post.kind} takes the title from front matter)",
            )
