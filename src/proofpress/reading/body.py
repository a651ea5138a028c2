"""DEV's reading of a post body: markdown-it-py set up the way Forem sets up Redcarpet.

Forem renders a body with Redcarpet (``app/services/markdown_processor/parser.rb``) and the
extensions of ``app/lib/constants/redcarpet.rb``: ``hard_wrap``, ``autolink``,
``no_intra_emphasis``, ``fenced_code_blocks``, ``lax_html_blocks``, ``lax_spacing``,
``strikethrough``, ``tables``, ``footnotes``. This module gives a CommonMark parser
(markdown-it-py, with mdit-py-plugins' footnotes and linkify-it-py for bare URLs) those
settings, and bends the few CommonMark rules where Redcarpet reads a writer's text otherwise:

- **lax spacing**: a list of any kind, numbered from any number, may start right after a line
  of text, with no blank line between;
- **an item's first line is text**: ``- 1. Copy the template`` is an item reading "1. Copy the
  template", not a list inside a list (likewise ``- # x``, ``- > x``, ``- ---``);
- **headings need no space**: ``#Heading`` is a heading;
- **no intra-word emphasis**: ``2*3*4`` and ``snake_case_name`` stay as written;
- **autolinks** are ``http://``, ``https://``, ``ftp://`` and ``www.`` addresses and e-mail
  addresses in running text (never a bare ``example.com``, never ``javascript:`` or
  ``data:``); a written ``[text](javascript:…)`` is a link, as on DEV, whose address the
  site's sanitiser drops, as DEV's does.

One parse serves the checks (the outline: which lines are code, headings, prose) and the page
(:mod:`proofpress.dialect.tree` turns the tokens into the page's element tree); both read the
same tokens, so what a word count counts is what the page shows. DIALECT.md lists what still
differs from Redcarpet, measured by the test suite against Debian's ``ruby-redcarpet``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.common.utils import isStrSpace
from markdown_it.rules_block import StateBlock
from markdown_it.rules_block.heading import heading as commonmark_heading
from markdown_it.rules_block.lheading import lheading as commonmark_lheading
from markdown_it.rules_block.list import list_block as commonmark_list
from markdown_it.rules_block.list import skipOrderedListMarker
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from markdown_it.rules_inline.state_inline import Delimiter
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin

# Deeper than any limit Proofpress allows (PP801, PP802): markdown-it stops nesting here, so a
# hostile body can never recurse without bound.
MAX_NESTING = 60

# The schemes Redcarpet's autolinker links (sundown's autolink.c), and www. addresses.
AUTOLINK_STARTS = ("http://", "https://", "ftp://", "www.")


def parse(body: str) -> list[Token]:
    """The block and inline tokens of ``body`` as DEV reads it (``\\n`` newlines): the page.

    Token maps are lines of ``body``: the nesting pass changes only indentation."""
    return _parser().parse(_prepared(body))


def blocks(body: str) -> list[Token]:
    """The block tokens of ``body`` as :func:`parse` reads them, without reading inside
    paragraphs: which lines are headings, code and prose, for the checks. It is the same
    parse up to the inline step, linear whatever a paragraph holds (inline markup is what
    the PP8xx limits bound before a page is ever built)."""
    return _parser(inline=False).parse(_prepared(body))


def _prepared(body: str) -> str:
    if "\t" in body:  # as Python-Markdown does before the page reads it (and Redcarpet too)
        body = body.expandtabs(4)
    return nest_like_redcarpet(body)


# What ends a list where Redcarpet ends it and CommonMark would not: an empty HTML comment in
# place of the blank line before (it shows nothing; the checks read the blank line).
_LIST_END = "<!-- -->"
_MARKER = re.compile(r"([-*+]|\d{1,9}\.)(?: +|$)")
_FENCE = re.compile(r"`{3,}|~{3,}")


def nest_like_redcarpet(body: str) -> str:
    """Lay lists and quotes out so that CommonMark reads them as Redcarpet does.

    - Redcarpet puts an item in the list of the item above it whenever its marker is indented
      more than that item's marker (``1. Install`` then ``  - brew``: two spaces nest, where
      CommonMark needs three): such a marker moves right to its parent's text column.
    - After a blank line, Redcarpet keeps a line in an item only when it is indented four
      spaces or more: a line indented less (a paragraph, a fence) moves to the left margin,
      so it ends the list.
    - After a blank line, a marker of the other kind (a bullet in a numbered list, or the
      reverse) ends the list: indented less than four spaces it starts a new list, moved to
      the margin with the lines that follow it; indented more, DEV shows it as code, and the
      blank line before it becomes an empty HTML comment, which ends the list and shows
      nothing.
    - ``* `` items after ``- `` items stay in the same list; quotes split only by blank
      lines are one quote (the blank lines become empty quote lines).

    No line is added or removed, so token maps stay lines of the body. One pass; fenced code
    is left as written.
    """
    if "\n" not in body:
        return body
    lines = body.split("\n")
    _Layout(lines).run()
    return "\n".join(lines)


class _Layout:
    """The one pass of :func:`nest_like_redcarpet`, rewriting ``lines`` in place."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        # Each open item: its marker's column (as read), its text's column, its marker.
        self.parents: list[tuple[int, int, str]] = []
        self.top = ""  # the marker of the list at the left margin, while it runs
        self.shift = 0  # columns taken off the lines of a list moved to the margin
        self.quoted = -1  # the last line, when it was a quote's

    def run(self) -> None:
        fence = ""
        blank = False
        for i, line in enumerate(self.lines):
            stripped = line.lstrip(" ")
            if fence:
                if stripped.startswith(fence):
                    fence = ""
                continue
            if not stripped:
                blank = True
                continue
            after_blank, blank = blank, False
            self._quote(i, len(line) - len(stripped), stripped, after_blank)
            fence = self._line(i, len(line) - len(stripped), stripped, after_blank)

    def _end_list(self) -> None:
        self.parents, self.top, self.shift = [], "", 0

    def _quote(self, i: int, written: int, stripped: str, after_blank: bool) -> None:
        if stripped[0] != ">" or written >= 4:
            self.quoted = -1
            return
        if after_blank and self.quoted >= 0:  # Redcarpet joins quotes split by blank lines
            self.lines[self.quoted + 1 : i] = [">"] * (i - self.quoted - 1)
        self.quoted = i

    def _line(self, i: int, written: int, stripped: str, after_blank: bool) -> str:
        """Lay out line ``i``; the fence it opens, if it opens one."""
        indent = written - self.shift if written >= self.shift else written
        marker = _MARKER.match(stripped)
        if self.parents and after_blank:
            if marker is None and 0 < indent < 4 and stripped[0] != "#":
                indent = 0  # under four spaces after a blank line: the list ends
            elif marker is not None and self._other_kind(marker.group(1)):
                self._end_list()
                if indent >= 4:  # code on DEV: an empty comment ends the list
                    self.lines[i - 1] = _LIST_END
                    return ""
                self.shift, indent = written, 0
        if (opened := _FENCE.match(stripped)) or marker is None:
            if indent == 0 and (opened or after_blank or stripped[0] == "#"):
                self._end_list()
            self.lines[i] = " " * indent + stripped
            return opened.group(0) if opened else ""
        self._item(i, indent, marker, stripped)
        return ""

    def _other_kind(self, sign: str) -> bool:
        return (sign[-1] == ".") != (self.parents[0][2][-1] == ".")

    def _item(self, i: int, indent: int, marker: re.Match[str], stripped: str) -> None:
        while self.parents and indent <= self.parents[-1][0]:
            self.parents.pop()
        column, sign = indent, marker.group(1)
        if self.parents and indent < self.parents[-1][1]:
            indent = self.parents[-1][1]  # nested, as Redcarpet nests it
        elif not self.parents and indent == 0 and sign in "-*+" and self.top in ("-", "*", "+"):
            sign = self.top  # Redcarpet runs "- " and "* " items into one list
        if not self.parents:
            self.top = sign
        self.lines[i] = " " * indent + sign + stripped[len(marker.group(1)) :]
        width = len(marker.group(0))
        self.parents.append((column, indent + max(width, len(sign) + 1), sign))


@lru_cache(maxsize=2)
def _parser(inline: bool = True) -> MarkdownIt:
    md = MarkdownIt(
        "commonmark",
        {"html": True, "breaks": True, "linkify": True, "maxNesting": MAX_NESTING},
    )
    md.enable(["table", "strikethrough", "linkify"])
    linkify = md.linkify
    assert linkify is not None  # linkify-it-py is a dependency
    linkify.set({"fuzzy_link": True, "fuzzy_email": True, "fuzzy_ip": False})
    # linkify-it's own pretest looks for any domain in every paragraph, which is most of a
    # body's reading time; only text holding what Redcarpet links can hold a link here.
    full_pretest = linkify.pretest
    linkify.pretest = lambda text: _may_link(text) and full_pretest(text)
    md.use(footnote_plugin)
    # Link targets stay as written, as Python-Markdown keeps them, so MkDocs finds the page or
    # the anchor a link names (``#café``, ``../café.md``).
    md.normalizeLink = _as_written  # type: ignore[method-assign]
    # Like Redcarpet, a written link is a link whatever its scheme; the site's sanitiser then
    # drops a javascript: or data: address, as DEV's does. Bare text is linked only for the
    # schemes of AUTOLINK_STARTS (see _autolinks).
    md.validateLink = _any_link  # type: ignore[method-assign]
    rules = {rule.name: rule for rule in md.block.ruler.__rules__}
    # ``at`` replaces a rule; ``alt`` (which blocks the rule may end) must be handed on.
    md.block.ruler.at("heading", _heading, {"alt": rules["heading"].alt})
    md.block.ruler.at("list", _list, {"alt": rules["list"].alt})
    # Redcarpet starts a table only after a blank line: it ends no paragraph.
    md.block.ruler.at("table", rules["table"].fn, {"alt": []})
    md.block.ruler.at("lheading", _lheading, {"alt": rules["lheading"].alt})
    for name in ("blockquote", "hr", "fence"):
        rule = _not_on_item_line(rules[name].fn)
        md.block.ruler.at(name, rule, {"alt": rules[name].alt})
    md.inline.ruler.at("emphasis", _emphasis)
    md.core.ruler.after("linkify", "pp_autolinks", _autolinks)
    if not inline:
        md.core.ruler.disable(["inline", "linkify", "pp_autolinks", "text_join"])
    return md


def _may_link(text: str) -> bool:
    """Whether ``text`` holds anything Redcarpet's autolinker links (see AUTOLINK_STARTS)."""
    return "://" in text or "@" in text or "www." in text.lower()


def _as_written(url: str) -> str:
    return url


def _any_link(url: str) -> bool:
    return True


def _on_item_line(state: StateBlock, line: int) -> bool:
    """Whether ``line`` is the first line of a list item being read (its marker before it)."""
    if state.parentType != "list":
        return False
    start = state.bMarks[line]
    return not state.src[start : start + state.tShift[line]].isspace() and state.tShift[line] > 0


def _not_on_item_line(original: Callable[..., bool]) -> Callable[..., bool]:
    def rule(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        if _on_item_line(state, start):
            return False
        return bool(original(state, start, end, silent))

    return rule


def _lheading(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """Setext headings; markdown-it-py's rule leaves ``parentType`` as "paragraph" when the
    lines are no heading, which would hide the list context from the rules after it."""
    parent = state.parentType
    found = bool(commonmark_lheading(state, start, end, silent))
    state.parentType = parent
    return found


def _list(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """CommonMark's list rule, with Redcarpet's lax spacing and text-only first item lines;
    like Redcarpet, ``1)`` starts no list."""
    if _on_item_line(state, start):
        return False
    after = skipOrderedListMarker(state, start)
    if after >= 0 and state.src[after - 1] == ")":
        return False
    if silent and state.parentType == "paragraph":
        # Lax spacing: any list ends the paragraph above it, whatever its first number.
        state.parentType = "lax"
        try:
            return commonmark_list(state, start, end, silent)
        finally:
            state.parentType = "paragraph"
    return commonmark_list(state, start, end, silent)


def _heading(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """ATX headings as Redcarpet reads them: the ``#`` in the block's first column,
    ``#Heading`` (no space) is one too, and ``#######`` is a level-6 heading."""
    if _on_item_line(state, start) or state.sCount[start] > state.blkIndent:
        return False
    if commonmark_heading(state, start, end, silent):
        return True
    pos = state.bMarks[start] + state.tShift[start]
    maximum = state.eMarks[start]
    level = 0
    while pos + level < maximum and state.src[pos + level] == "#" and level < 6:
        level += 1
    if level == 0 or pos + level >= maximum:
        return False
    if isStrSpace(state.src[pos + level]) and level < 6:
        return False
    if silent:
        return True
    text = state.src[pos + level : maximum].strip()
    stripped = text.rstrip("#")
    if stripped != text and stripped[-1:].isspace():  # closing hashes after a space go
        text = stripped.rstrip()
    state.line = start + 1
    token = state.push("heading_open", f"h{level}", 1)
    token.markup, token.map = "#" * level, [start, state.line]
    token = state.push("inline", "", 0)
    token.content, token.map, token.children = text, [start, state.line], []
    token = state.push("heading_close", f"h{level}", -1)
    token.markup = "#" * level
    return True


def _emphasis(state: StateInline, silent: bool) -> bool:
    """Emphasis that never opens or closes inside a word, for ``*`` as CommonMark has it
    for ``_`` (Redcarpet's ``no_intra_emphasis``)."""
    marker = state.src[state.pos]
    if silent or marker not in ("_", "*"):
        return False
    scanned = state.scanDelims(state.pos, False)
    for _ in range(scanned.length):
        token = state.push("text", "", 0)
        token.content = marker
        state.delimiters.append(
            Delimiter(
                marker=ord(marker),
                length=scanned.length,
                token=len(state.tokens) - 1,
                end=-1,
                open=scanned.can_open,
                close=scanned.can_close,
            )
        )
    state.pos += scanned.length
    return True


def _autolinks(state: StateCore) -> None:
    """Keep the bare links Redcarpet makes (schemes, www., e-mail); un-link bare domains."""
    for block in state.tokens:
        if block.type != "inline" or not block.children:
            continue
        children: list[Token] = []
        skip = 0
        for i, token in enumerate(block.children):
            if skip:
                skip -= 1
                continue
            if token.type == "link_open" and token.markup == "linkify":
                text = block.children[i + 1].content if i + 1 < len(block.children) else ""
                lowered = text.lower()
                if not (lowered.startswith(AUTOLINK_STARTS) or "@" in text):
                    children.append(block.children[i + 1])
                    skip = 2  # the text (kept) and link_close
                    continue
            children.append(token)
        block.children = children
