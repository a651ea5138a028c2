"""PP305 unknown-kind: A post's kind is one Proofpress declares (see proofpress.kinds)."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from proofpress import kinds
from proofpress.context import CheckContext
from proofpress.diagnostics import Diagnostic
from proofpress.model import Post
from proofpress.rules import Rule

RULE = Rule(
    code="PP305",
    name="unknown-kind",
    summary="A post's kind: names a declared kind.",
    hint="use one of the declared kinds, or leave kind: out for a plain article",
    bad="kind: aplication-package",
    good="kind: application-package",
    why=(
        "A misspelled kind would silently turn off every structure and length check the "
        "post's real kind promises."
    ),
)


def diagnose(path: str, kind: str, line: int, column: int) -> Diagnostic | None:
    """The finding for ``kind`` located at the ``kind:`` value, or None when it is declared."""
    if kinds.get_kind(kind) is not None:
        return None
    names = sorted(kinds.KINDS)
    message = f"unknown kind '{kind}'; expected one of: {', '.join(names)}"
    close = difflib.get_close_matches(kind, names, n=1, cutoff=0.6)
    if close:
        message += f". Did you mean '{close[0]}'?"
    return RULE.at(path, line, column, message)


def check(post: Post, ctx: CheckContext) -> Iterable[Diagnostic]:
    line, column = post.positions.get("kind", (1, 1))
    found = diagnose(post.path, post.kind, line, column)
    if found:
        yield found
