"""PP303 empty-section: Every heading has content before the next heading of its level or higher."""

from __future__ import annotations

from collections.abc import Iterable

from proofpress import sections
from proofpress.context import CheckContext
from proofpress.diagnostics import Diagnostic
from proofpress.model import Post
from proofpress.rules import Rule

RULE = Rule(
    code="PP303",
    name="empty-section",
    summary="Every heading has text, code or a sub-section under it.",
    hint="write the section or remove its heading",
    bad="## Day-One Contribution Proposal\n\n## Final Editorial Notes\n\nDone.",
    good="## Day-One Contribution Proposal\n\nMap the critical paths.\n\n"
    "## Final Editorial Notes\n\nDone.",
    why="An empty section is a placeholder that shipped: the reader gets a heading and nothing.",
)


def check(post: Post, ctx: CheckContext) -> Iterable[Diagnostic]:
    outline = sections.parse(post.body, post.body_line)
    for section in outline.root.walk():
        heading = section.heading
        if heading is None or section.children or outline.has_content(section.start, section.end):
            continue
        if section.end < len(outline.lines):
            after = f"before the next heading (line {outline.file_line(section.end)})"
        else:
            after = "before the end of the post"
        yield RULE.at(
            post.path,
            heading.line,
            heading.column,
            f"section '{heading.text}' is empty; expected text {after}",
        )
