"""PP801-PP812: the limits that keep every post renderable in linear time.

Each limit is declared once, in :data:`proofpress.body.limits.LIMITS` (its value, and its rule's
example made from the value), its rule's words in the rule catalogue (``core/rules.toml``); one
scan of the body (:attr:`Analysis.limits`) finds every place a post goes past one.
"""

from __future__ import annotations

from collections.abc import Iterable

from proofpress.body.analysis import Analysis
from proofpress.body.limits import LIMITS
from proofpress.core.diagnostics import Diagnostic
from proofpress.records.context import CheckContext

RULES = tuple(limit.rule for limit in LIMITS)


def check(analysis: Analysis, ctx: CheckContext) -> Iterable[Diagnostic]:
    return analysis.exceeded()
