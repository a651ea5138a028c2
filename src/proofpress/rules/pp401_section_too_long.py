"""PP401 section-too-long: A ## section stays within its word limit (kind or front matter)."""

from __future__ import annotations

from collections.abc import Iterable

from proofpress import kinds, sections, words
from proofpress.context import CheckContext
from proofpress.diagnostics import Diagnostic
from proofpress.kinds import Kind
from proofpress.model import Post
from proofpress.rules import Rule

RULE = Rule(
    code="PP401",
    name="section-too-long",
    summary="A ## section has at most the words its kind or front matter's word_limits allow.",
    hint="cut the section, or raise its limit in front matter (word_limits)",
    bad="---\nkind: application-package\nword_limits: {Cover Letter: 5}\n---\n\n"
    "## Cover Letter\n\nDear Hiring Manager, I am applying.",
    good="---\nkind: application-package\nword_limits: {Cover Letter: 5}\n---\n\n"
    "## Cover Letter\n\nDear Hiring Manager, hire me.",
    why="Applications and calls for papers set hard lengths; the checker counts so you need not.",
)


def check(post: Post, ctx: CheckContext) -> Iterable[Diagnostic]:
    yield from check_kind(post, kinds.get_kind(post.kind))


def check_kind(post: Post, kind: Kind | None) -> Iterable[Diagnostic]:
    outline = sections.parse(post.body, post.body_line)
    for section in outline.sections(2):
        heading = section.heading
        limit, source = kinds.section_limit(kind, section.title, post.word_limits)
        if heading is None or limit is None:
            continue
        counted = words.count_section(outline, section)
        if counted > limit:
            yield RULE.at(
                post.path,
                heading.line,
                heading.column,
                f"section '{heading.text}' has {counted} words; expected at most {limit} "
                f"({source})",
                hint=f"cut {counted - limit} words, or raise word_limits for '{heading.text}'",
            )
