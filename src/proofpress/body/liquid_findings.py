"""What DEV would refuse in a post's Liquid: the same scan the renderer uses, as findings.

DEV replaces a post with an error when its Liquid does not parse or names an unknown tag; the
checker reports each such tag where it stands instead (body line and column).
"""

from __future__ import annotations

from dataclasses import dataclass

from proofpress.body import liquid
from proofpress.body.tags import END_TAGS, TAGS, ArgumentError, katex_mathml

SUPPORTED = ", ".join(sorted(TAGS))


@dataclass(frozen=True, slots=True)
class Finding:
    kind: str  # "tag" (unknown or unbalanced) or "argument" (malformed markup)
    line: int  # 0-based body line
    column: int
    message: str
    hint: str


def liquid_findings(body: str, scan: liquid.Scan | None) -> tuple[Finding, ...]:
    """Every Liquid problem of a body, in order, from its scan (None: the body has no ``{%``)."""
    if scan is None:
        return ()
    found = [
        Finding("tag", p.line, p.column, p.message, f"write a tag as {{% name … %}}; {_LIST}")
        for p in scan.problems
    ]
    in_katex = liquid.inside_katex(scan)
    for use in scan.tags:
        if use.start in in_katex or use.name in END_TAGS:
            continue
        spec = TAGS.get(use.name)
        if spec is None:
            found.append(
                Finding(
                    "tag",
                    use.line,
                    use.column,
                    f"unknown Liquid tag '{use.name}': DEV refuses a post that uses it",
                    f"{_LIST}; to show the tag as text, put it in `backticks` or "
                    "{% raw %}…{% endraw %}",
                )
            )
            continue
        try:
            spec.read(use.markup)
        except ArgumentError as err:
            found.append(
                Finding(
                    "argument", use.line, use.column, f"{use.name}: {err}", f"write {spec.usage}"
                )
            )
    found.extend(_katex_findings(body, scan))
    return tuple(sorted(found, key=lambda f: (f.line, f.column)))


def _katex_findings(body: str, scan: liquid.Scan) -> list[Finding]:
    found = []
    for region in scan.regions:
        opened = region.open
        if opened.name != "katex":
            continue
        try:
            katex_mathml(body[opened.end : region.close.start], inline=opened.markup == "inline")
        except ArgumentError as err:
            usage = TAGS["katex"].usage
            found.append(
                Finding("argument", opened.line, opened.column, f"katex: {err}", f"write {usage}")
            )
    return found


_LIST = f"supported tags: {SUPPORTED}"
