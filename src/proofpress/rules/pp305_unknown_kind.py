from __future__ import annotations

import difflib
from collections.abc import Iterable

from proofpress.body.analysis import Analysis
from proofpress.core.diagnostics import Diagnostic
from proofpress.core.rule import declared
from proofpress.records import kinds
from proofpress.records.context import CheckContext

RULE = declared("PP305")


def check(analysis: Analysis, ctx: CheckContext) -> Iterable[Diagnostic]:
    if analysis.kind is not None:
        return
    post = analysis.post
    names = sorted(kinds.KINDS)
    message = f"unknown kind '{post.kind}'; expected one of: {', '.join(names)}"
    close = difflib.get_close_matches(post.kind, names, n=1, cutoff=0.6)
    if close:
        message += f". Did you mean '{close[0]}'?"
    yield RULE.at(post.path, *post.positions.get("kind", (1, 1)), message)
