"""Limits that keep every post the check passes renderable in linear time.

Python-Markdown (with the extensions ``mkdocs.yml`` enables) recurses or rescans on a few
constructs that no real post needs in bulk: deeply nested lists, quotes, brackets and HTML,
``[`` or tag openings that never close, long runs of emphasis markers, thousands of
headings, horizontal rules or blank lines, and thousands of inline items (links, code spans,
escapes…) in one paragraph or one post. Each limit below is set far above what writing
needs and far below where the renderer degrades (``python scripts/bench_limits.py`` measures
both). A 1 MB post holding any one construct exactly at its limit checks in under 0.25 s and
builds in under 4.5 s, about twice the time of the same post at 500 KB (``--build``; 2-core
machine); at the inline-item limits (2026-12-04, the machine shared with other work) it
checks in under 1 s and builds in under 6.5 s, no slower than the post at 500 KB.

Fenced code is exempt (the renderer stashes it first); code spans and ``\\[`` escapes are not
brackets; HTML elements whose end tag is optional (``<p>``, ``<li>``…) add no depth. Posts are
also at most 1 MiB and front matter at most 64 KiB (PP002).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from proofpress.body.words import code_spans
from proofpress.core.rule import FILL, Example, Rule, declared, post_example
from proofpress.reading import sections
from proofpress.reading.sections import LineKind


@dataclass(frozen=True)
class Limit:
    """One limit and the rule that reports it: the rule's words are in the rule catalogue
    (``core/rules.toml``), where ``$value`` stands for the number; ``example`` makes the rule's
    example from the number (a post one past the limit)."""

    value: int
    what: str  # "levels of nested lists", for messages and the README
    code: str
    example: Callable[[int], Example]

    @cached_property
    def rule(self) -> Rule:
        return declared(self.code, self.example(self.value), value=f"{self.value:,}")


def _bodies(bad: str, good: str, fill: tuple[str, int] = ("", 0)) -> Example:
    """Two posts with the default front matter: ``bad``'s body fails, ``good``'s passes."""
    return Example(bad=post_example(body=bad), good=post_example(body=good), fill=fill)


def _repeated(piece: str, good: str) -> Callable[[int], Example]:
    """A post whose body is ``piece`` once more than the limit allows (shown as FILL)."""
    return lambda n: _bodies(FILL, good, (piece, n + 1))


def _nested(opening: str, closing: str, good: str) -> Callable[[int], Example]:
    """A post whose body nests an x one level deeper than the limit allows."""
    return lambda n: _bodies(opening * (n + 1) + "x" + closing * (n + 1) + "\n", good)


def _nested_list(levels: int) -> str:
    return "".join(f"{'    ' * i}- item {i}\n" for i in range(levels))


LIST_DEPTH = Limit(
    10,
    "levels of nested lists",
    "PP801",
    lambda n: _bodies(_nested_list(n + 1), _nested_list(3)),
)
QUOTE_DEPTH = Limit(
    10,
    "levels of nested block quotes",
    "PP802",
    lambda n: _bodies(">" * (n + 1) + " Quoted.\n", "> > Quoted.\n"),
)
BRACKET_DEPTH = Limit(
    10,
    "levels of nested [ brackets in one paragraph",
    "PP803",
    _nested("[", "]", "[x](https://example.org)\n"),
)
OPEN_BRACKETS = Limit(
    10,
    "[ brackets never closed in one paragraph",
    "PP804",
    lambda n: _bodies("[a " * (n + 1) + "\n", "\\[a " * (n + 1) + "\n"),
)
HTML_DEPTH = Limit(
    32,
    "levels of nested HTML elements",
    "PP805",
    _nested("<div>", "</div>", "<div><span>x</span></div>\n"),
)
OPEN_TAGS = Limit(
    10,
    "HTML tag openings (<x) with no > after them",
    "PP806",
    lambda n: _bodies("If a <b then stop.\n\n" * (n + 1), "If a &lt;b then stop.\n\n" * (n + 1)),
)
EMPHASIS_RUN = Limit(
    20,
    "* or _ characters in one run",
    "PP807",
    _nested("*", "*", "***x***\n"),
)
HEADINGS = Limit(
    500,
    "headings in one post",
    "PP808",
    _repeated("## Part\n\nText.\n\n", "## Part 1\n\nText.\n"),
)
BLOCKS = Limit(
    10_000,
    "blank lines (outside fenced code) in one post",
    "PP809",
    _repeated("Line.\n\n", "Line.\n\n" * 3),
)
HORIZONTAL_RULES = Limit(
    100,
    "horizontal rules in one post",
    "PP810",
    _repeated("Part.\n\n***\n\n", "Part.\n\n***\n\nEnd.\n"),
)
INLINE_ITEMS = Limit(
    1_000,
    "inline items (links, code spans, escapes, entities, emoji, tags, emphasis) in one paragraph",
    "PP811",
    lambda n: _bodies(
        FILL + "\n",
        "Use `x` " * (n // 2) + "\n\n" + "Use `x` " * (n // 2 + 1) + "\n",
        ("Use `x` ", n + 1),
    ),
)
POST_ITEMS = Limit(
    5_000,
    "inline items (as PP811 counts them) in one post",
    "PP812",
    lambda n: _bodies(
        FILL, ("Use `x` " * 900 + "\n\n") * (n // 900), ("Use `x` " * 900 + "\n\n", n // 900 + 1)
    ),
)


LIMITS = (
    LIST_DEPTH,
    QUOTE_DEPTH,
    BRACKET_DEPTH,
    OPEN_BRACKETS,
    HTML_DEPTH,
    OPEN_TAGS,
    EMPHASIS_RUN,
    HEADINGS,
    BLOCKS,
    HORIZONTAL_RULES,
    INLINE_ITEMS,
    POST_ITEMS,
)


@dataclass(frozen=True, slots=True)
class Exceeded:
    limit: Limit
    line: int  # file line
    column: int  # file column, 1-based
    found: str  # what was found there: "11 levels"


_QUOTE = re.compile(r"^[ \t]*(?:>[ \t]?)+")
_LIST_ITEM = re.compile(r"^([ \t]*)(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)")
_FENCE_OPEN = re.compile(r"^[ \t]*(`{3,}|~{3,})")
_RULE_LINE = re.compile(r"^[ \t]*([*_-])(?:[ \t]*\1){2,}[ \t]*$")  # a horizontal rule
_EMPHASIS = re.compile(rf"\*{{{EMPHASIS_RUN.value + 1},}}|_{{{EMPHASIS_RUN.value + 1},}}")
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)\b[^<>]*?(/?)>")
_TAG_OPENING = re.compile(r"<[A-Za-z/!?]")
# Elements that never nest (void) or whose end tag may be left out: not counted as depth.
_NO_DEPTH = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
        "p",
        "li",
        "dt",
        "dd",
        "tr",
        "td",
        "th",
        "thead",
        "tbody",
        "tfoot",
        "option",
        "optgroup",
        "colgroup",
        "rt",
        "rp",
        "html",
        "head",
        "body",
    ]
)


def _width(indent: str) -> int:
    return len(indent.expandtabs(4))


def scan(outline: sections.Outline) -> tuple[Exceeded, ...]:
    """Every limit a body exceeds, at most once per limit and paragraph, in document order.

    The analysis (:attr:`proofpress.body.analysis.Analysis.limits`) runs it once per post for every
    limit rule.
    """
    raw = list(outline.lines)  # HTML comments are blanked: nothing in them is parsed
    fenced = _fenced_lines(raw, outline.kinds)
    found: list[Exceeded] = []
    if len(outline.headings) > HEADINGS.value:
        extra = outline.headings[HEADINGS.value]
        found.append(Exceeded(HEADINGS, extra.line, 1, f"{len(outline.headings):,} headings"))
    found.extend(_counts(outline, raw, fenced))
    found.extend(_blocks(outline, raw, fenced))
    found.extend(_html(outline, raw, fenced))
    return tuple(sorted(found, key=lambda e: (e.line, e.column, e.limit.rule.name)))


def _fenced_lines(raw: list[str], kinds: tuple[LineKind, ...]) -> list[bool]:
    """Which lines are fenced code (fences included): the renderer never parses them."""
    out = []
    fence: str | None = None
    for line, kind in zip(raw, kinds, strict=True):
        if fence is not None:
            closing = line.strip()
            out.append(True)
            if closing.startswith(fence) and set(closing) == {fence[0]}:
                fence = None
            continue
        opened = _FENCE_OPEN.match(line) if kind is LineKind.CODE else None
        if opened:
            fence = opened.group(1)
        out.append(bool(opened))
    return out


_BLANKISH = re.compile(r"^[ \t>]*$")  # blank, also inside a quote


def _counts(outline: sections.Outline, raw: list[str], fenced: list[bool]) -> list[Exceeded]:
    """Blank lines (each starts a block Python-Markdown pops off the front of a list, so their
    number costs quadratic time) and horizontal rules (each splits its block and re-reads the
    rest)."""
    found = []
    blanks = rules = 0
    last = len(raw) - 1 if raw and raw[-1] == "" else len(raw)  # "" after the final newline
    for index, line in enumerate(raw[:last]):
        if fenced[index]:
            continue
        if _BLANKISH.match(line):
            blanks += 1
            if blanks == BLOCKS.value + 1:
                found.append(Exceeded(BLOCKS, outline.file_line(index), 1, "blank lines"))
        elif outline.kinds[index] is LineKind.PROSE and _RULE_LINE.match(line):
            rules += 1
            if rules == HORIZONTAL_RULES.value + 1:
                found.append(Exceeded(HORIZONTAL_RULES, outline.file_line(index), 1, "rules"))
    totals = {BLOCKS.code: blanks, HORIZONTAL_RULES.code: rules}
    return [
        Exceeded(e.limit, e.line, e.column, f"{totals[e.limit.code]:,} {e.found}") for e in found
    ]


def _blocks(outline: sections.Outline, raw: list[str], fenced: list[bool]) -> list[Exceeded]:
    """Lists, quotes and emphasis per line; brackets per paragraph."""
    found: list[Exceeded] = []
    reported: set[str] = set()
    stack: list[int] = []  # indents of the open list items
    paragraph: list[int] = []  # body indexes of the current paragraph's lines
    items = _Items(outline)
    for index, kind in enumerate(outline.kinds):
        line = raw[index]
        file_line = outline.file_line(index)
        if kind in (LineKind.PROSE, LineKind.HEADING) and not fenced[index]:
            quote = _QUOTE.match(line)
            depth = quote.group().count(">") if quote else 0
            if depth > QUOTE_DEPTH.value and "quote" not in reported:
                reported.add("quote")
                found.append(Exceeded(QUOTE_DEPTH, file_line, 1, f"{depth} levels"))
            content = line[quote.end() :] if quote else line
            offset = quote.end() if quote else 0
            item = _LIST_ITEM.match(content)
            if item:
                indent = _width(item.group(1))
                while stack and indent <= stack[-1]:
                    stack.pop()
                stack.append(indent)
                if len(stack) > LIST_DEPTH.value and "list" not in reported:
                    reported.add("list")
                    column = offset + len(item.group(1)) + 1
                    found.append(Exceeded(LIST_DEPTH, file_line, column, f"{len(stack)} levels"))
            elif not content[:1].isspace():
                stack.clear()
            if not _RULE_LINE.match(line):
                run = _EMPHASIS.search(line)
                if run and "emphasis" not in reported:
                    reported.add("emphasis")
                    found.append(
                        Exceeded(
                            EMPHASIS_RUN, file_line, run.start() + 1, f"{len(run.group())} in a row"
                        )
                    )
            paragraph.append(index)
            if kind is LineKind.HEADING:
                found.extend(_paragraph(outline, raw, paragraph, items))
                paragraph = []
        else:
            found.extend(_paragraph(outline, raw, paragraph, items))
            paragraph = []
    found.extend(_paragraph(outline, raw, paragraph, items))
    if items.crossed is not None:
        found.append(Exceeded(POST_ITEMS, items.crossed, 1, f"{items.total:,} items"))
    return found


class _Items:
    """Inline items counted so far in the post, and the first line of the paragraph that took
    the count past :data:`POST_ITEMS`: Python-Markdown's inline pass keeps every element it
    makes in one list it pops from the front, so their number in the whole post costs
    quadratic time too."""

    def __init__(self, outline: sections.Outline) -> None:
        self.outline = outline
        self.total = 0
        self.crossed: int | None = None

    def add(self, count: int, first_line: int) -> None:
        self.total += count
        if self.crossed is None and self.total > POST_ITEMS.value:
            self.crossed = self.outline.file_line(first_line)


# What Python-Markdown's inline pass may turn into one item (each costs a rebuild of the
# paragraph's text): a backslash escape, a backtick run, a link or image opening, a tag or
# autolink opening, an entity, an emoji alias, an emphasis run (``_`` only at a word's edge, as
# in ``snake_case`` it is text), a hard line break. Code span contents are not read.
_INLINE_ITEM = re.compile(
    r"\\.|`+|!?\[|<[A-Za-z/!?]|&#?\w|:[+\w-]+:|\*+"
    r"|(?<![^\W_])_+|_+(?![^\W_])|  \n"
)


def _paragraph(
    outline: sections.Outline, raw: list[str], lines: list[int], counted: _Items
) -> list[Exceeded]:
    """The per-paragraph limits: brackets, and inline items (one linear scan each)."""
    if not lines:
        return []
    text = "\n".join(raw[i] for i in lines)
    spans = code_spans(text)
    found = _brackets(outline, raw, lines, text, spans)
    ends = [0, *(end for *_, end in spans)]
    starts = [*(start for start, *_ in spans), len(text)]
    outside = "\0".join(text[end:start] for end, start in zip(ends, starts, strict=True))
    items = len(spans) + len(_INLINE_ITEM.findall(outside))  # a span is one item
    counted.add(items, lines[0])
    if items > INLINE_ITEMS.value:
        found.append(Exceeded(INLINE_ITEMS, outline.file_line(lines[0]), 1, f"{items:,} items"))
    return found


_BRACKET = re.compile(r"\\.|[\[\]]")


def _brackets(
    outline: sections.Outline,
    raw: list[str],
    lines: list[int],
    text: str,
    spans: list[tuple[int, int, int, int]],
) -> list[Exceeded]:
    """Nesting and never-closed ``[`` in one paragraph (code spans and escapes skipped)."""
    if "[" not in text:
        return []
    starts = [0]
    for i in lines[:-1]:
        starts.append(starts[-1] + len(raw[i]) + 1)
    span_index = 0
    stack: list[int] = []
    deepest: tuple[int, int] | None = None  # (offset, depth) where the depth limit was crossed
    for match in _BRACKET.finditer(text):
        at = match.start()
        while span_index < len(spans) and spans[span_index][3] <= at:
            span_index += 1
        if span_index < len(spans) and spans[span_index][0] <= at:
            continue  # inside a code span
        if match.group() == "[":
            stack.append(at)
            if len(stack) > BRACKET_DEPTH.value and deepest is None:
                deepest = (at, len(stack))
        elif match.group() == "]" and stack:
            stack.pop()
    found = []

    def where(offset: int) -> tuple[int, int]:
        row = max(i for i, start in enumerate(starts) if start <= offset)
        return outline.file_line(lines[row]), offset - starts[row] + 1

    if len(stack) > OPEN_BRACKETS.value:
        line, column = where(stack[OPEN_BRACKETS.value])
        found.append(Exceeded(OPEN_BRACKETS, line, column, f"{len(stack)} never closed"))
    elif deepest is not None:
        line, column = where(deepest[0])
        found.append(Exceeded(BRACKET_DEPTH, line, column, f"{deepest[1]} levels"))
    return found


def _html(outline: sections.Outline, raw: list[str], fenced: list[bool]) -> list[Exceeded]:
    """HTML element nesting, and tag openings that no ``>`` follows (outside fenced code)."""
    found: list[Exceeded] = []
    depth = 0
    deepest_reported = False
    last_gt = (-1, -1)  # (index, column) of the last > outside fenced code
    for index, line in enumerate(raw):
        if fenced[index] or ("<" not in line and ">" not in line):
            continue
        gt = line.rfind(">")
        if gt >= 0:
            last_gt = (index, gt)
        for tag in _TAG.finditer(line):
            closing, name, self_closing = tag.groups()
            if closing:
                depth = max(0, depth - 1)
            elif not self_closing and name.lower() not in _NO_DEPTH:
                depth += 1
                if depth > HTML_DEPTH.value and not deepest_reported:
                    deepest_reported = True
                    found.append(
                        Exceeded(
                            HTML_DEPTH, outline.file_line(index), tag.start() + 1, f"{depth} levels"
                        )
                    )
    openings: list[tuple[int, int]] = []
    for index in range(max(last_gt[0], 0), len(raw)):
        if fenced[index]:
            continue
        start = last_gt[1] + 1 if index == last_gt[0] else 0
        for opening in _TAG_OPENING.finditer(raw[index], start):
            openings.append((index, opening.start()))
    if len(openings) > OPEN_TAGS.value:
        index, column = openings[OPEN_TAGS.value]
        found.append(
            Exceeded(OPEN_TAGS, outline.file_line(index), column + 1, f"{len(openings)} of them")
        )
    return found
