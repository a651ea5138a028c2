from __future__ import annotations

from collections.abc import Iterable

from proofpress.body import claims
from proofpress.body.analysis import Analysis
from proofpress.core.diagnostics import Diagnostic
from proofpress.core.rule import declared
from proofpress.records.context import CheckContext

RULE = declared("PP404")


def check(analysis: Analysis, ctx: CheckContext) -> Iterable[Diagnostic]:
    for claim in analysis.claims:
        if claim.target is not None:
            continue
        if claim.candidates:
            names = ", ".join(f"'{t}'" for t in claim.candidates[:5])
            names += ", …" if len(claim.candidates) > 5 else ""
            message = (
                f"claim names '{claim.ref}', which matches {len(claim.candidates)} sections "
                f"({names}); expected exactly one"
            )
        else:
            message = (
                f"claim names '{claim.ref}'; expected the title of a ## section of this post, "
                "or 'post'"
            )
            close = claims.suggest(claim.ref, analysis.titles)
            if close:
                message += f". Did you mean '{close}'?"
        yield RULE.at(analysis.post.path, claim.ref_line, claim.ref_column, message)
