from __future__ import annotations

from collections.abc import Iterable

from proofpress.body import claims
from proofpress.body.analysis import Analysis
from proofpress.core.diagnostics import Diagnostic
from proofpress.core.rule import Example, Rule, post_example
from proofpress.records.context import CheckContext

_BODY = "## Lessons\n\nWatch systems fail.\n\n## Notes\n\n{} length: 3 words.\n"

RULE = Rule(
    code="PP404",
    name="claim-target",
    configurable=True,
    summary="A length claim names one ## section (or the post) that exists.",
    hint="name the section by its title, or by words only its title has",
    why="A claim about a section that is not there cannot be checked, so it proves nothing.",
    example=Example(
        bad=post_example(body=_BODY.format("Summary")),
        good=post_example(body=_BODY.format("Lessons")),
    ),
)


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
