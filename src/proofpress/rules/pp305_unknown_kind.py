from __future__ import annotations

import difflib
from collections.abc import Iterable

from proofpress.body.analysis import Analysis
from proofpress.core.diagnostics import Diagnostic
from proofpress.core.rule import EXAMPLE_FRONT_MATTER, Example, Rule, post_example
from proofpress.records import kinds
from proofpress.records.context import CheckContext

RULE = Rule(
    code="PP305",
    name="unknown-kind",
    configurable=True,
    summary="A post's kind: names a declared kind.",
    hint="use one of the declared kinds, or leave kind: out for a plain article",
    why="A misspelled kind would silently turn off every structure and length check the "
    "post's real kind promises.",
    example=Example(
        bad=post_example(EXAMPLE_FRONT_MATTER + "kind: artcle\n"),
        good=post_example(EXAMPLE_FRONT_MATTER + "kind: article\n"),
    ),
)


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
