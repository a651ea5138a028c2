"""PP304 duplicate-heading: Headings under the same parent and at the same level differ."""

from __future__ import annotations

from collections.abc import Iterable

from proofpress import sections
from proofpress.context import CheckContext
from proofpress.diagnostics import Diagnostic
from proofpress.kinds import normalize_title
from proofpress.model import Post
from proofpress.rules import Rule

RULE = Rule(
    code="PP304",
    name="duplicate-heading",
    summary="Sibling headings (same level, same parent) have different text.",
    hint="merge the two sections or give this one its own title",
    bad="## Cover Letter\n\nDear Hiring Manager,\n\n## Cover Letter\n\nSincerely,",
    good="## Cover Letter\n\nDear Hiring Manager,\n\nSincerely,",
    why=(
        "Two sibling sections with one title get confusable anchors (#cover-letter, "
        "#cover-letter_1), and section rules and length claims cannot tell them apart."
    ),
)


def check(post: Post, ctx: CheckContext) -> Iterable[Diagnostic]:
    outline = sections.parse(post.body, post.body_line)
    for parent in outline.root.walk():
        first: dict[tuple[int, str], sections.Heading] = {}
        for child in parent.children:
            heading = child.heading
            if heading is None:
                continue
            key = (heading.level, normalize_title(heading.text))
            if key not in first:
                first[key] = heading
                continue
            under = f"under '{parent.title}'" if parent.heading else "at the top level"
            yield RULE.at(
                post.path,
                heading.line,
                heading.column,
                f"duplicate heading '{heading.text}' {under}; expected a title different "
                f"from the sibling at line {first[key].line}",
            )
