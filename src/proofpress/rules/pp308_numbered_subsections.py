"""PP308 numbered-subsections: A section that takes N numbered sub-sections has ### 1. … to ### N."""

from __future__ import annotations

import re
from collections.abc import Iterable

from proofpress import kinds, sections
from proofpress.context import CheckContext
from proofpress.diagnostics import Diagnostic
from proofpress.kinds import Kind, normalize_title
from proofpress.model import Post
from proofpress.rules import Rule

RULE = Rule(
    code="PP308",
    name="numbered-subsections",
    summary="A section whose kind asks for N numbered sub-sections has exactly ### 1. … to ### N. ….",
    hint="number the sub-sections 1. to N. in order, one ### heading each",
    bad="## Why This Package Fits the Quest\n\n### 1. Expertise\n\n…\n\n### 3. Adaptability\n\n…",
    good="## Why This Package Fits the Quest\n\n### 1. Expertise\n\n…\n\n### 2. Adaptability\n\n…",
    why="The kind promises a fixed list of reasons; a gap or a sixth one breaks the promise.",
)

_NUMBERED = re.compile(r"^(\d+)[.)]\s+\S")


def check(post: Post, ctx: CheckContext) -> Iterable[Diagnostic]:
    kind = kinds.get_kind(post.kind)
    if kind is not None:
        yield from check_kind(post, kind)


def check_kind(post: Post, kind: Kind) -> Iterable[Diagnostic]:
    outline = sections.parse(post.body, post.body_line)
    present = kinds.present_sections(outline)
    for spec in kind.sections:
        section = present.get(normalize_title(spec.title))
        if spec.numbered_subsections and section is not None:
            yield from _check_section(post.path, section, spec.numbered_subsections)


def _check_section(path: str, section: sections.Section, wanted: int) -> Iterable[Diagnostic]:
    heading = section.heading
    if heading is None:
        return
    children = [c.heading for c in section.children if c.heading and c.level == heading.level + 1]
    marks = "#" * (heading.level + 1)
    for expected, child in enumerate(children, start=1):
        number = _NUMBERED.match(child.text)
        if number is None:
            yield RULE.at(
                path,
                child.line,
                child.column,
                f"sub-section '{child.text}' of '{heading.text}' is not numbered; "
                f"expected '{marks} {expected}. {child.text}'",
            )
        elif int(number.group(1)) != expected:
            yield RULE.at(
                path,
                child.line,
                child.column,
                f"sub-section of '{heading.text}' is numbered {number.group(1)}; "
                f"expected {expected}",
            )
    if len(children) != wanted:
        yield RULE.at(
            path,
            heading.line,
            heading.column,
            f"section '{heading.text}' has {len(children)} {marks} sub-sections; "
            f"expected exactly {wanted}, numbered 1 to {wanted}",
        )
