"""PP404 claim-target: A length claim names exactly one ## section, or the whole post."""

from __future__ import annotations

from collections.abc import Iterable

from proofpress import claims, sections
from proofpress.context import CheckContext
from proofpress.diagnostics import Diagnostic
from proofpress.model import Post
from proofpress.rules import Rule

RULE = Rule(
    code="PP404",
    name="claim-target",
    summary="A length claim names one ## section (or the post) that exists.",
    hint="name the section by its title, or by words only its title has",
    bad="## Cover Letter\n\nDear Hiring Manager, hire me.\n\n## Notes\n\nSummary length: 5 words.",
    good="## Cover Letter\n\nDear Hiring Manager, hire me.\n\n## Notes\n\n"
    "Cover letter length: 5 words.",
    why="A claim about a section that is not there cannot be checked, so it proves nothing.",
)


def check(post: Post, ctx: CheckContext) -> Iterable[Diagnostic]:
    outline = sections.parse(post.body, post.body_line)
    titles = [s.title for s in outline.sections(2)]
    for claim in claims.find_claims(outline, titles):
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
            close = claims.suggest(claim.ref, titles)
            if close:
                message += f". Did you mean '{close}'?"
        yield RULE.at(post.path, claim.ref_line, claim.ref_column, message)
