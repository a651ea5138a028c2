"""The body checks: structure (PP3xx), lengths and length claims (PP4xx) and the sign-off (PP203).

The engine calls :func:`check_body` once per post after its front matter has been validated.
Everything here is pure Python: no MkDocs, no Markdown renderer.
"""

from __future__ import annotations

from proofpress.context import CheckContext
from proofpress.diagnostics import Diagnostic
from proofpress.model import Post
from proofpress.rules import (
    pp203_signoff,
    pp301_body_h1,
    pp302_heading_jump,
    pp303_empty_section,
    pp304_duplicate_heading,
    pp305_unknown_kind,
    pp306_missing_section,
    pp307_section_order,
    pp308_numbered_subsections,
    pp401_section_too_long,
    pp402_post_too_long,
    pp403_word_claim,
    pp404_claim_target,
    pp405_word_limit_target,
)

RULES = (
    pp203_signoff,
    pp301_body_h1,
    pp302_heading_jump,
    pp303_empty_section,
    pp304_duplicate_heading,
    pp305_unknown_kind,
    pp306_missing_section,
    pp307_section_order,
    pp308_numbered_subsections,
    pp401_section_too_long,
    pp402_post_too_long,
    pp403_word_claim,
    pp404_claim_target,
    pp405_word_limit_target,
)


def check_body(
    post: Post, ctx: CheckContext, *, skip: frozenset[str] = frozenset()
) -> list[Diagnostic]:
    """Every body finding for ``post``, sorted; rules whose code is in ``skip`` do not run."""
    found: list[Diagnostic] = []
    for rule in RULES:
        if rule.RULE.code not in skip:
            found.extend(rule.check(post, ctx))
    return sorted(found)
