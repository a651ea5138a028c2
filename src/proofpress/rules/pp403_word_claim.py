"""The claim grammar is documented in proofpress.body.claims; the counting rule in proofpress.body.words."""

from __future__ import annotations

from collections.abc import Iterable

from proofpress.body import claims
from proofpress.body.analysis import Analysis
from proofpress.core.diagnostics import Diagnostic
from proofpress.core.rule import declared
from proofpress.records.context import CheckContext
from proofpress.records.kinds import normalize_title

RULE = declared("PP403")


def check(analysis: Analysis, ctx: CheckContext) -> Iterable[Diagnostic]:
    for claim in analysis.claims:
        if claim.target is None or claim.op == "~":
            continue
        # Counted only when claimed (most posts claim nothing); the analysis keeps the counts.
        if claim.target == claims.POST:
            counted = analysis.post_words
        else:
            counted = analysis.section_words(analysis.by_title[normalize_title(claim.target)])
        if claim.holds(counted):
            continue
        subject = "the post" if claim.target == claims.POST else claim.target
        yield analysis.at(
            RULE,
            claim,
            f"claim says {subject} has {claim.stated()}; counted {counted}",
            hint=f"write {counted}, or change the text to match the claim",
        )
