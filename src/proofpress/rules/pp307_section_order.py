"""PP307 section-order: The sections a kind declares come in the kind's order."""

from __future__ import annotations

from collections.abc import Iterable

from proofpress import kinds, sections
from proofpress.context import CheckContext
from proofpress.diagnostics import Diagnostic
from proofpress.kinds import Kind, normalize_title
from proofpress.model import Post
from proofpress.rules import Rule

RULE = Rule(
    code="PP307",
    name="section-order",
    summary="The sections the post's kind declares appear in the kind's order.",
    hint="move the section",
    bad="## Day-One Contribution Proposal\n\n…\n\n## Cover Letter\n\n…",
    good="## Cover Letter\n\n…\n\n## Day-One Contribution Proposal\n\n…",
    why="Readers (and reviewers comparing packages) expect a kind's parts in one order.",
)


def check(post: Post, ctx: CheckContext) -> Iterable[Diagnostic]:
    kind = kinds.get_kind(post.kind)
    if kind is not None:
        yield from check_kind(post, kind)


def check_kind(post: Post, kind: Kind) -> Iterable[Diagnostic]:
    rank = {normalize_title(spec.title): i for i, spec in enumerate(kind.sections)}
    seen: set[str] = set()
    placed: list[tuple[int, sections.Heading]] = []  # (rank, heading), first occurrences
    for section in sections.parse(post.body, post.body_line).sections(2):
        key = normalize_title(section.title)
        if key in rank and key not in seen and section.heading:
            seen.add(key)
            placed.append((rank[key], section.heading))
    keep = _longest_increasing(placed)
    order = ", ".join(spec.title for spec in kind.sections)
    for i, (r, heading) in enumerate(placed):
        if i in keep:
            continue
        yield RULE.at(
            post.path,
            heading.line,
            heading.column,
            f"section '{heading.text}' is out of order; expected it {_where(placed, keep, r)}",
            hint=f"move it; kind {kind.name} orders its sections: {order}",
        )


def _where(placed: list[tuple[int, sections.Heading]], keep: set[int], r: int) -> str:
    ordered = [placed[i] for i in sorted(keep)]
    after = next((h for rank, h in ordered if rank > r), None)
    if after is not None:
        return f"before '{after.text}' (line {after.line})"
    before = [h for rank, h in ordered if rank < r][-1]
    return f"after '{before.text}' (line {before.line})"


def _longest_increasing(placed: list[tuple[int, sections.Heading]]) -> set[int]:
    """Indexes of a longest run of sections already in order (the ones not to move)."""
    best = [1] * len(placed)
    back = [-1] * len(placed)
    for i in range(len(placed)):
        for j in range(i):
            if placed[j][0] < placed[i][0] and best[j] + 1 > best[i]:
                best[i], back[i] = best[j] + 1, j
    keep: set[int] = set()
    i = max(range(len(placed)), key=best.__getitem__, default=-1)
    while i >= 0:
        keep.add(i)
        i = back[i]
    return keep
