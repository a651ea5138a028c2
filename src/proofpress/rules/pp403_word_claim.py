"""PP403 word-claim: A sentence that states a section's (or the post's) length states it right.

The claim grammar is documented in proofpress.claims; the counting rule in proofpress.words.
"""

from __future__ import annotations

from collections.abc import Iterable

from proofpress import claims, sections, words
from proofpress.context import CheckContext
from proofpress.diagnostics import Diagnostic
from proofpress.model import Post
from proofpress.rules import Rule

RULE = Rule(
    code="PP403",
    name="word-claim",
    summary="A stated length ('Cover letter length: 274 words.') equals the counted words.",
    hint="write the counted number (or change the section)",
    bad="## Cover Letter\n\nDear Hiring Manager, hire me.\n\n## Notes\n\n"
    "Cover letter length: 274 words.",
    good="## Cover Letter\n\nDear Hiring Manager, hire me.\n\n## Notes\n\n"
    "Cover letter length: 5 words.",
    why="A proof article that states its own lengths is only proof if the numbers are true.",
)


def check(post: Post, ctx: CheckContext) -> Iterable[Diagnostic]:
    outline = sections.parse(post.body, post.body_line)
    top = outline.sections(2)
    by_title = {s.title: s for s in reversed(top)}  # the first section of a title wins
    for claim in claims.find_claims(outline, [s.title for s in top]):
        if claim.target is None or claim.op == "~":
            continue
        # Counted only when claimed (most posts claim nothing); count_prose caches repeats.
        if claim.target == claims.POST:
            counted = words.count_post(outline)
        else:
            counted = words.count_section(outline, by_title[claim.target])
        if claim.holds(counted):
            continue
        subject = "the post" if claim.target == claims.POST else claim.target
        yield RULE.at(
            post.path,
            claim.line,
            claim.column,
            f"claim says {subject} has {claim.stated()}; counted {counted}",
            hint=f"write {counted}, or change the text to match the claim",
        )
