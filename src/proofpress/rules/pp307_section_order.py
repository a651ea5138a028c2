from __future__ import annotations

from collections.abc import Iterable

from proofpress.body.analysis import Analysis
from proofpress.core.diagnostics import Diagnostic
from proofpress.core.rule import declared
from proofpress.reading.sections import Heading
from proofpress.records.context import CheckContext
from proofpress.records.kinds import normalize_title

RULE = declared("PP307")


def check(analysis: Analysis, ctx: CheckContext) -> Iterable[Diagnostic]:
    kind = analysis.kind
    if kind is None:
        return
    rank = {normalize_title(spec.title): i for i, spec in enumerate(kind.sections)}
    seen: set[str] = set()
    placed: list[tuple[int, Heading]] = []  # (rank, heading), first occurrences
    for section in analysis.top_sections:
        key = normalize_title(section.title)
        if key in rank and key not in seen and section.heading:
            seen.add(key)
            placed.append((rank[key], section.heading))
    keep = _longest_increasing(placed)
    order = ", ".join(spec.title for spec in kind.sections)
    for i, (r, heading) in enumerate(placed):
        if i in keep:
            continue
        yield analysis.at(
            RULE,
            heading,
            f"section '{heading.text}' is out of order; expected it {_where(placed, keep, r)}",
            hint=f"move it; kind {kind.name} orders its sections: {order}",
        )


def _where(placed: list[tuple[int, Heading]], keep: set[int], r: int) -> str:
    ordered = [placed[i] for i in sorted(keep)]
    after = next((h for rank, h in ordered if rank > r), None)
    if after is not None:
        return f"before '{after.text}' (line {after.line})"
    before = [h for rank, h in ordered if rank < r][-1]
    return f"after '{before.text}' (line {before.line})"


def _longest_increasing(placed: list[tuple[int, Heading]]) -> set[int]:
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
