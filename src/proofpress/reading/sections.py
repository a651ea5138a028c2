"""A post body's outline: its headings and the section tree they make, in one linear pass.

Which lines are headings, code and prose is decided by the same reading the page shows:

- ``dialect="dev"`` (the default, as DEV reads a post): the block tokens of
  :func:`proofpress.reading.body.blocks`, the very parse the page is built from. A heading is
  a top-level ATX or setext heading (one inside a list or a quote is prose); code is every
  fenced or indented code block wherever it stands, in a list item too.
- ``dialect="markdown"`` (plain Python-Markdown): ATX headings (one to six ``#`` with no
  indentation; the text may follow without a space), setext headings (a ``===`` or ``---``
  line right under a line of text), fenced code (``````` or ``~~~``, closed by a fence of
  the same character at least as long; an unclosed fence runs to the end) and indented code
  (four spaces or a tab after a blank line, outside a list).

In both, HTML comments (``<!-- … -->``, also across lines; a comment inside a line is blanked
out) are never prose.

A section is a heading and everything under it up to the next heading of the same or a higher
level, its sub-sections included. The tree's root holds the whole body (the text before the
first heading, then the top-level sections).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum

from proofpress.reading import body as reading


class LineKind(Enum):
    BLANK = "blank"  # empty, or only an HTML comment
    PROSE = "prose"  # paragraph, list, table, quote, HTML: what words are counted in
    CODE = "code"  # fenced or indented code, fences included
    HEADING = "heading"  # an ATX heading or a setext heading's text line
    UNDERLINE = "underline"  # a setext heading's === / --- line


@dataclass(frozen=True, slots=True)
class Heading:
    level: int  # 1..6
    text: str  # the heading's text, markup as written
    index: int  # 0-based line in the body
    line: int  # file line
    column: int  # file column (1-based) of the text's first character


@dataclass(slots=True, eq=False)
class Section:
    """A heading and the body lines under it, ``start`` (after the heading) to ``end``."""

    heading: Heading | None  # None for the root
    start: int  # 0-based body line of the first line after the heading
    end: int  # exclusive: the next heading of the same or a higher level, or the body's end
    parent: Section | None = None
    children: list[Section] = field(default_factory=list)

    @property
    def level(self) -> int:
        return self.heading.level if self.heading else 0

    @property
    def title(self) -> str:
        return self.heading.text if self.heading else ""

    def walk(self) -> list[Section]:
        """This section and all sections under it, in document order."""
        out: list[Section] = []
        stack = [self]
        while stack:
            node = stack.pop()
            out.append(node)
            stack.extend(reversed(node.children))
        return out


@dataclass(frozen=True, slots=True, eq=False)
class Outline:
    lines: tuple[str, ...]  # body lines, HTML comments blanked out with spaces
    kinds: tuple[LineKind, ...]
    headings: tuple[Heading, ...]
    root: Section
    body_line: int

    def file_line(self, index: int) -> int:
        return self.body_line + index

    def prose(self, start: int = 0, end: int | None = None) -> str:
        """The prose lines of ``[start, end)`` joined by newlines; other lines become blank."""
        stop = len(self.lines) if end is None else end
        return "\n".join(
            self.lines[i] if self.kinds[i] is LineKind.PROSE else "" for i in range(start, stop)
        )

    def section_text(self, section: Section) -> str:
        """What a section's word count reads: its prose, sub-sections included, no headings."""
        return self.prose(section.start, section.end)

    def sections(self, level: int = 2) -> list[Section]:
        """All sections of one heading level, in document order."""
        return [s for s in self.root.walk() if s.heading and s.level == level]

    def has_content(self, start: int, end: int) -> bool:
        return any(self.kinds[i] in (LineKind.PROSE, LineKind.CODE) for i in range(start, end))


_ATX = re.compile(r"^(#{1,6})(.*)$")
_SETEXT = re.compile(r"^(=+|-+)[ \t]*$")
_FENCE_OPEN = re.compile(r"^[ \t]*(`{3,}|~{3,})(.*)$")
_LIST_ITEM = re.compile(r"^[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)")
_INDENTED = re.compile(r"^(?: {4}|\t)")
_COMMENT_OPEN = "<!--"
_COMMENT_CLOSE = "-->"


def parse(body: str, body_line: int = 1, dialect: str = "dev") -> Outline:
    """Read ``body`` (``\\n`` newlines) once, as ``dialect`` reads it, and build its outline."""
    raw = body.split("\n")
    lines = _blank_comments(raw)
    if dialect == "dev":
        kinds, headings = _read_dev(body, lines, body_line)
    else:
        kinds = _classify(lines)
        headings = _headings(lines, kinds, body_line)
    root = _tree(headings, len(lines))
    return Outline(tuple(lines), tuple(kinds), tuple(headings), root, body_line)


def _blank_comments(raw: list[str]) -> list[str]:
    """Replace HTML comments with spaces, keeping every column where it was."""
    out: list[str] = []
    in_comment = False
    for line in raw:
        if not in_comment and _COMMENT_OPEN not in line:
            out.append(line)
            continue
        chars = list(line)
        pos = 0
        while pos < len(line):
            if in_comment:
                close = line.find(_COMMENT_CLOSE, pos)
                stop = len(line) if close < 0 else close + len(_COMMENT_CLOSE)
                chars[pos:stop] = " " * (stop - pos)
                in_comment = close < 0
                pos = stop
            else:
                start = line.find(_COMMENT_OPEN, pos)
                if start < 0:
                    break
                in_comment = True
                pos = start
        out.append("".join(chars))
    return out


def _read_dev(body: str, lines: list[str], body_line: int) -> tuple[list[LineKind], list[Heading]]:
    """Line kinds and headings from DEV's reading (the tokens the page is built from)."""
    kinds = [LineKind.PROSE if line.strip() else LineKind.BLANK for line in lines]
    headings: list[Heading] = []
    tokens = reading.blocks(body)
    for token in tokens:
        if token.map is None:
            continue
        start, end = token.map[0], min(token.map[1], len(lines))
        if token.type in ("fence", "code_block"):
            kinds[start:end] = [LineKind.CODE] * (end - start)
        elif token.type == "heading_open" and token.level == 0:
            level = int(token.tag[1])
            if token.markup in ("=", "-"):  # setext: the text lines, then the underline
                kinds[start : end - 1] = [LineKind.HEADING] * (end - 1 - start)
                kinds[end - 1] = LineKind.UNDERLINE
                text = " ".join(line.strip() for line in lines[start : end - 1])
                column = len(lines[start]) - len(lines[start].lstrip()) + 1
                headings.append(Heading(level, text, start, body_line + start, column))
            else:
                kinds[start] = LineKind.HEADING
                headings.append(_atx_heading(lines[start], start, body_line))
    return kinds, headings


def _classify(lines: list[str]) -> list[LineKind]:
    kinds: list[LineKind] = []
    fence: str | None = None  # the opening fence while inside a fenced block
    in_list = False
    prev = LineKind.BLANK
    for line in lines:
        kind, fence = _classify_line(line, fence, prev, in_list)
        if kind is LineKind.PROSE and _LIST_ITEM.match(line):
            in_list = True
        elif kind is LineKind.HEADING or (kind is LineKind.PROSE and not line[:1].isspace()):
            in_list = False
        kinds.append(kind)
        prev = kind
    return kinds


def _classify_line(
    line: str, fence: str | None, prev: LineKind, in_list: bool
) -> tuple[LineKind, str | None]:
    if fence is not None:
        closing = line.strip()
        if closing.startswith(fence) and set(closing) == {fence[0]}:
            return LineKind.CODE, None
        return LineKind.CODE, fence
    if not line.strip():
        return LineKind.BLANK, None
    opened = _FENCE_OPEN.match(line)
    if opened and not (opened.group(1)[0] == "`" and "`" in opened.group(2)):
        return LineKind.CODE, opened.group(1)
    after_break = prev in (LineKind.BLANK, LineKind.CODE, LineKind.HEADING, LineKind.UNDERLINE)
    if _INDENTED.match(line) and after_break and not in_list:
        return LineKind.CODE, None
    if _ATX.match(line):
        return LineKind.HEADING, None
    if _SETEXT.match(line) and prev is LineKind.PROSE:
        return LineKind.UNDERLINE, None
    return LineKind.PROSE, None


def _headings(lines: list[str], kinds: list[LineKind], body_line: int) -> list[Heading]:
    found: list[Heading] = []
    for i, kind in enumerate(kinds):
        if kind is LineKind.HEADING:
            found.append(_atx_heading(lines[i], i, body_line))
        elif kind is LineKind.UNDERLINE:
            kinds[i - 1] = LineKind.HEADING
            text = lines[i - 1]
            level = 1 if lines[i].lstrip().startswith("=") else 2
            col = len(text) - len(text.lstrip())
            found.append(Heading(level, text.strip(), i - 1, body_line + i - 1, col + 1))
    return found


def _atx_heading(line: str, index: int, body_line: int) -> Heading:
    level = min(6, len(line) - len(line.lstrip("#")))
    rest = line[level:]
    text = rest.rstrip().rstrip("#").strip()  # closing #s dropped (rstrip: linear, no regex)
    lead = len(rest) - len(rest.lstrip())
    return Heading(level, text, index, body_line + index, level + lead + 1)


def _tree(headings: list[Heading], n_lines: int) -> Section:
    root = Section(None, 0, n_lines)
    stack = [root]
    for heading in headings:
        while stack[-1].level >= heading.level:
            stack.pop().end = heading.index
        node = Section(heading, heading.index + 1, n_lines, parent=stack[-1])
        stack[-1].children.append(node)
        stack.append(node)
    return root
