"""PP301 body-h1: The body has no level-1 heading unless the post's kind allows one."""

from __future__ import annotations

from collections.abc import Iterable

from proofpress import kinds, sections
from proofpress.context import CheckContext
from proofpress.diagnostics import Diagnostic
from proofpress.model import Post
from proofpress.rules import Rule

RULE = Rule(
    code="PP301",
    name="body-h1",
    summary="The body has no level-1 heading: the title comes from front matter.",
    hint="remove the heading (the title is front matter's title:) or make it a ## heading",
    bad="---\ntitle: Failure Modes\n---\n\n# Failure Modes\n\nThe fastest way…",
    good="---\ntitle: Failure Modes\n---\n\nThe fastest way…",
    why=(
        "The page already shows the front-matter title as its only <h1>; a second one repeats "
        "it or competes with it, in the page, the table of contents and search results."
    ),
)


def check(post: Post, ctx: CheckContext) -> Iterable[Diagnostic]:
    kind = kinds.get_kind(post.kind)
    if kind and kind.allow_h1:
        return
    for heading in sections.parse(post.body, post.body_line).headings:
        if heading.level == 1:
            yield RULE.at(
                post.path,
                heading.line,
                1,
                f"found a level-1 heading '{heading.text}' in the body; expected none "
                f"(kind {post.kind} takes the title from front matter)",
            )
