from __future__ import annotations

import difflib
from collections.abc import Iterable

from proofpress.body.analysis import Analysis
from proofpress.core.diagnostics import Diagnostic
from proofpress.core.rule import declared
from proofpress.records.context import CheckContext
from proofpress.records.kinds import normalize_title

RULE = declared("PP405")


def check(analysis: Analysis, ctx: CheckContext) -> Iterable[Diagnostic]:
    post = analysis.post
    if not post.word_limits:
        return
    titles = {normalize_title(s.title): s.title for s in analysis.top_sections}
    for key in post.word_limits:
        if normalize_title(key) in titles:
            continue
        line, column = post.positions.get(f"word_limits.{key}", (1, 1))
        close = difflib.get_close_matches(key, list(titles.values()), n=1, cutoff=0.6)
        known = ", ".join(titles.values()) or "none"
        message = f"word_limits names '{key}', but the post has no such ## section"
        message += f"; did you mean '{close[0]}'?" if close else f" (sections: {known})"
        yield RULE.at(post.path, line, column, message)
