"""PP405 word-limit-target: every word_limits key names a ## section of the post."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from proofpress import sections
from proofpress.context import CheckContext
from proofpress.diagnostics import Diagnostic
from proofpress.kinds import normalize_title
from proofpress.model import Post
from proofpress.rules import Rule

RULE = Rule(
    code="PP405",
    name="word-limit-target",
    summary="Each key of word_limits names a ## section the post has.",
    hint="write the section's title exactly as its ## heading says",
    bad="word_limits: {Cover Leter: 300}\n...\n## Cover Letter",
    good="word_limits: {Cover Letter: 300}\n...\n## Cover Letter",
    why="A misspelt section name would silently drop the limit the writer meant to set.",
)


def check(post: Post, ctx: CheckContext) -> Iterable[Diagnostic]:
    if not post.word_limits:
        return
    outline = sections.parse(post.body, post.body_line)
    titles = {normalize_title(s.title): s.title for s in outline.sections(2)}
    for key in post.word_limits:
        if normalize_title(key) in titles:
            continue
        line, column = post.positions.get(f"word_limits.{key}", (1, 1))
        close = difflib.get_close_matches(key, list(titles.values()), n=1, cutoff=0.6)
        known = ", ".join(titles.values()) or "none"
        message = f"word_limits names '{key}', but the post has no such ## section"
        message += f"; did you mean '{close[0]}'?" if close else f" (sections: {known})"
        yield RULE.at(post.path, line, column, message)
