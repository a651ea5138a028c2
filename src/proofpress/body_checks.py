"""The body checks: every rule module with a ``check(post, ctx)`` function.

That is structure (PP3xx), lengths and length claims (PP4xx) and the sign-off (PP203). The
engine calls :func:`check_body` once per post after reading its front matter. Everything here
is pure Python: no MkDocs, no Markdown renderer. A new body rule is a new module in
``proofpress/rules`` with ``RULE`` and ``check``; nothing here needs to change.
"""

from __future__ import annotations

from proofpress.context import CheckContext
from proofpress.diagnostics import Diagnostic
from proofpress.model import Post
from proofpress.rules import rule_modules

RULES = tuple(module for module in rule_modules() if hasattr(module, "check"))


def check_body(post: Post, ctx: CheckContext) -> list[Diagnostic]:
    """Every body finding for ``post``, sorted."""
    return sorted(finding for rule in RULES for finding in rule.check(post, ctx))
