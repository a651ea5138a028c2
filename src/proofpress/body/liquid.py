"""Finding DEV's Liquid tags in a post body, the way DEV finds them, and nowhere else.

DEV runs Liquid over a post after wrapping its code in ``{% raw %}``: fenced and indented code
blocks and backtick spans are examples, never tags. This module shares the checker's notion of
code (:func:`proofpress.reading.sections.parse` classifies code lines; backtick spans are
found the way the word counter finds them) and blanks code out before looking for tags, so
every offset it reports is an offset in the body as written.

The tag syntax is python-liquid's (:func:`liquid.lex.compile_liquid_rules`): ``{% name
markup %}`` with optional ``-`` whitespace control, and ``{% raw %}…{% endraw %}`` as one
token. Its lexer is one regular expression that, for an opener with no closer, reads to the
end of the text; on a post of many unclosed ``{%`` that is quadratic. So the scan here walks
the openers itself, each ``{%`` to the next ``%}`` (one ``str.find`` each, never past it), and
matches python-liquid's own tag pattern only within that bounded stretch: linear in the body.

What a tag's markup may hold, and which tags open a block, is each tag's record in
:data:`proofpress.body.tags.TAGS`.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from liquid.lex import compile_liquid_rules

from proofpress.body.tags import TAGS
from proofpress.body.words import blank_code_spans
from proofpress.reading import sections

# python-liquid's own tag and raw patterns, taken from its lexer's rules.
_LEXER = compile_liquid_rules()
_TAG = re.compile(_LEXER.pattern.split("(?P<TAG>", 1)[1].split(")|(?P<content>", 1)[0])
_RAW_OPEN = re.compile(r"\{%-?\s*raw\s*-?%\}")
_RAW_CLOSE = re.compile(r"\{%-?\s*endraw\s*-?%\}")
_OPENER = re.compile(r"\{%")
# Block tags and the tag that closes each; raw is one token of its own (the patterns above).
BLOCKS = {name: spec.end for name, spec in TAGS.items() if spec.end and name != "raw"}


@dataclass(frozen=True, slots=True)
class TagUse:
    """One Liquid tag as written: ``{% name markup %}`` at ``start:end`` of the body."""

    name: str
    markup: str
    start: int  # offset of "{%" in the body
    end: int  # offset just after "%}"
    line: int  # 0-based body line of "{%"
    column: int  # 1-based column of "{%"
    own_line: bool  # nothing but whitespace around it on its line

    @property
    def text(self) -> str:
        return "{% " + (f"{self.name} {self.markup}".strip()) + " %}"


@dataclass(frozen=True, slots=True)
class Region:
    """A block tag with its end tag: ``details`` … ``enddetails``, ``katex`` … ``endkatex``."""

    open: TagUse
    close: TagUse


@dataclass(frozen=True, slots=True)
class Raw:
    """``{% raw %}…{% endraw %}``: the text between stays literal."""

    start: int
    end: int
    inner_start: int
    inner_end: int


@dataclass(frozen=True, slots=True)
class SyntaxProblem:
    """A tag DEV would refuse before looking at its name: unclosed, unnamed, unbalanced."""

    line: int  # 0-based body line
    column: int
    message: str


@dataclass(slots=True)
class Scan:
    tags: list[TagUse] = field(default_factory=list)  # every tag outside code and raw, in order
    regions: list[Region] = field(default_factory=list)
    raws: list[Raw] = field(default_factory=list)
    problems: list[SyntaxProblem] = field(default_factory=list)


def masked(body: str, outline: sections.Outline | None = None) -> str:
    """The body with code blocks, backtick spans and HTML comments blanked out (same offsets).

    ``outline`` is the body's outline when the caller has it (the checker's analysis).
    """
    outline = outline or sections.parse(body)
    lines = [
        " " * len(text) if kind is sections.LineKind.CODE else text
        for text, kind in zip(outline.lines, outline.kinds, strict=True)
    ]
    text = "\n".join(lines)
    return blank_code_spans(text)


def scan(body: str, outline: sections.Outline | None = None, text: str | None = None) -> Scan:
    """Every Liquid tag, block and raw region of ``body``, in one linear pass; ``text``: the
    body :func:`masked`, when the caller has it."""
    text = masked(body, outline) if text is None else text
    starts = _line_starts(body)
    raw_ends = [m.span() for m in _RAW_CLOSE.finditer(text)]
    result = Scan()
    pos = closer = 0
    while (opener := text.find("{%", pos)) >= 0:
        if closer < opener + 2:  # the next "%}" is found once for all openers before it
            closer = text.find("%}", opener + 2)
        if closer < 0:  # no tag can close any more: every opener left is stray
            _stray_openers(text, opener, len(text), starts, result)
            break
        inner = text.find("{%", opener + 2, closer)
        match = _TAG.fullmatch(text, opener, closer + 2) if inner < 0 else None
        if match is None:
            _stray_openers(text, opener, opener + 2, starts, result)
            pos = opener + 2
        elif _RAW_OPEN.fullmatch(match.group(0)) and (raw := _raw(match, raw_ends)):
            result.raws.append(raw)
            pos = raw.end
        else:  # a tag; an unclosed raw too, which _pair_blocks reports
            result.tags.append(_use(body, starts, match))
            pos = match.end()
    _pair_blocks(result)
    return result


def _raw(opening: re.Match[str], ends: list[tuple[int, int]]) -> Raw | None:
    """``{% raw %}`` up to the first ``{% endraw %}`` after it, or None when none follows."""
    index = bisect.bisect_left(ends, (opening.end(), opening.end()))
    if index == len(ends):
        return None
    end_start, end_end = ends[index]
    return Raw(opening.start(), end_end, opening.end(), end_start)


def _use(body: str, starts: list[int], match: re.Match[str]) -> TagUse:
    start, end = match.start(), match.end()
    line = _line_of(starts, start)
    line_start = starts[line]
    line_end = body.find("\n", end)
    line_end = len(body) if line_end < 0 else line_end
    own = not body[line_start:start].strip() and not body[end:line_end].strip()
    own = own and start - line_start <= 3  # deeper indentation belongs to a list or quote
    return TagUse(
        match.group("name"),
        match.group("expr") or "",
        start,
        end,
        line,
        start - line_start + 1,
        own,
    )


def _stray_openers(text: str, start: int, end: int, starts: list[int], result: Scan) -> None:
    """A ``{%`` the lexer could not read as a tag: DEV refuses the post."""
    for opener in _OPENER.finditer(text, start, end):
        line = _line_of(starts, opener.start())
        column = opener.start() - starts[line] + 1
        result.problems.append(
            SyntaxProblem(line, column, "a '{%' that does not open a complete tag '{% name … %}'")
        )


def _pair_blocks(result: Scan) -> None:
    """Match block tags with their end tags; report the unbalanced ones."""
    open_blocks: list[TagUse] = []
    ends = {end: start for start, end in BLOCKS.items()}
    for use in result.tags:
        if use.name in ("raw", "endraw") and not (open_blocks and open_blocks[-1].name == "katex"):
            message = (
                "the '{% raw %}' block is never closed with '{% endraw %}'"
                if use.name == "raw"
                else "'{% endraw %}' closes no '{% raw %}' block"
            )
            result.problems.append(SyntaxProblem(use.line, use.column, message))
        elif use.name in BLOCKS:
            if open_blocks and open_blocks[-1].name == "katex":
                continue  # TeX between katex tags is not Liquid
            open_blocks.append(use)
        elif use.name in ends:
            if open_blocks and open_blocks[-1].name == ends[use.name]:
                result.regions.append(Region(open_blocks.pop(), use))
            elif not (open_blocks and open_blocks[-1].name == "katex"):
                result.problems.append(
                    SyntaxProblem(
                        use.line,
                        use.column,
                        f"'{{% {use.name} %}}' closes no '{{% {ends[use.name]} %}}' block",
                    )
                )
    for use in open_blocks:
        closer = BLOCKS[use.name]
        result.problems.append(
            SyntaxProblem(
                use.line,
                use.column,
                f"the '{{% {use.name} %}}' block is never closed with '{{% {closer} %}}'",
            )
        )
    result.regions.sort(key=lambda region: region.open.start)


def inside_katex(result: Scan) -> set[int]:
    """Starts of the tags that sit between katex and endkatex (TeX, not tags)."""
    spans = sorted((r.open.end, r.close.start) for r in result.regions if r.open.name == "katex")
    starts = [start for start, _ in spans]
    inside: set[int] = set()
    for tag in result.tags:
        index = bisect.bisect_right(starts, tag.start) - 1
        if index >= 0 and tag.start < spans[index][1]:
            inside.add(tag.start)
    return inside


def _line_starts(body: str) -> list[int]:
    return [0, *(match.end() for match in re.finditer("\n", body))]


def _line_of(starts: list[int], offset: int) -> int:
    return bisect.bisect_right(starts, offset) - 1
