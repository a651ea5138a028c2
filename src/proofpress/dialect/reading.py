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
  addresses in running text (never a bare ``example.com``); markdown-it refuses
  ``javascript:``, ``vbscript:``, ``file:`` and ``data:`` links, so none becomes a link.

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
from markdown_it.rules_inline.emphasis import tokenize as commonmark_emphasis
from markdown_it.rules_inline.state_inline import Delimiter
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin

# Deeper than any limit Proofpress allows (PP801, PP802): markdown-it stops nesting here, so a
# hostile body can never recurse without bound.
MAX_NESTING = 60

# The schemes Redcarpet's autolinker links (sundown's autolink.c), and www. addresses.
AUTOLINK_STARTS = ("http://", "https://", "ftp://", "www.")


def parse(body: str) -> list[Token]:
    """The block and inline tokens of ``body`` as DEV reads it (``\\n`` newlines).

    Token maps are lines of ``body``: the nesting pass changes only indentation."""
    if "\t" in body:  # as Python-Markdown does before the page reads it (and Redcarpet too)
        body = body.expandtabs(4)
    return _parser().parse(nest_like_redcarpet(body))


_MARKER = re.compile(r"( *)([-*+]|\d{1,9}\.)(?: +|$)")
_FENCE = re.compile(r" *(`{3,}|~{3,})")


def nest_like_redcarpet(body: str) -> str:
    """Indent each list marker that Redcarpet nests but CommonMark would not.

    Redcarpet puts an item in the list of the item above it whenever its marker is indented
    more than that item's marker (``1. Install`` then ``  - brew``: two spaces nest, where
    CommonMark needs three). Such a marker is moved right to its parent's text column, so
    markdown-it nests it too. And after a blank line, Redcarpet keeps a line in the item only
    when it is indented four spaces or more: a line indented less (a paragraph, a fence) is
    moved to the left margin, so it ends the list as it does on DEV, and so is a marker of the
    other kind (a bullet after a blank line in a numbered list). ``* `` items after ``- ``
    items continue the same list, as on DEV, and quotes split only by blank lines are one
    quote. No line is added or removed, only a line's leading spaces and bullet change (and a
    blank line between two quotes becomes an empty quote line). One pass; fenced code is left
    as written.
    """
    if "\n" not in body:
        return body
    lines = body.split("\n")
    # Each open item: its marker's column as written, its text's column, its marker.
    parents: list[tuple[int, int, str]] = []
    top = ""  # the marker of the list at the left margin, while it runs
    fence = ""
    blank = False
    quoted = -1  # the last line, when it was a quote's
    for i, line in enumerate(lines):
        stripped = line.lstrip(" ")
        if fence:
            if stripped.startswith(fence):
                fence = ""
            continue
        if not stripped:
            blank = True
            continue
        after_blank, blank = blank, False
        if stripped[0] == ">" and len(line) - len(stripped) < 4:
            if after_blank and quoted >= 0:  # Redcarpet joins quotes split by blank lines
                lines[quoted + 1 : i] = [">"] * (i - quoted - 1)
            quoted = i
        else:
            quoted = -1
        marker = _MARKER.match(line)
        indent = len(line) - len(stripped)
        if parents and after_blank and marker is None and 0 < indent < 4 and stripped[0] != "#":
            lines[i], indent = stripped, 0  # after a blank line, under four spaces end the list
        elif parents and after_blank and marker is not None:
            ordered = marker.group(2)[-1] == "."
            if ordered != (parents[0][2][-1] == "."):  # the other kind of list: a new list
                lines[i], indent, parents, top = stripped, 0, [], ""
        if opened := _FENCE.match(lines[i]):
            fence = opened.group(1)
            if indent == 0:
                parents, top = [], ""
            continue
        if marker is None:
            if indent == 0 and (after_blank or stripped[0] == "#"):
                parents, top = [], ""  # the list ended
            continue
        while parents and indent <= parents[-1][0]:
            parents.pop()
        written, sign = indent, marker.group(2)
        if parents and indent < parents[-1][1]:
            indent = parents[-1][1]
        elif not parents and indent == 0 and sign in "-*+" and top in ("-", "*", "+"):
            sign = top  # Redcarpet runs "- " and "* " items into one list
        if not parents:
            top = sign
        lines[i] = " " * indent + sign + stripped[len(marker.group(2)) :]
        width = len(marker.group(0)) - len(marker.group(1))
        parents.append((written, indent + max(width, len(sign) + 1), sign))
    return "\n".join(lines)


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    md = MarkdownIt(
        "commonmark",
        {"html": True, "breaks": True, "linkify": True, "maxNesting": MAX_NESTING},
    )
    md.enable(["table", "strikethrough", "linkify"])
    assert md.linkify is not None  # linkify-it-py is a dependency
    md.linkify.set({"fuzzy_link": True, "fuzzy_email": True, "fuzzy_ip": False})
    md.use(footnote_plugin)
    # Link targets stay as written, as Python-Markdown keeps them, so MkDocs finds the page or
    # the anchor a link names (``#café``, ``../café.md``); markdown-it still refuses unsafe
    # schemes (validateLink), and the sanitiser checks every address again.
    md.normalizeLink = _as_written  # type: ignore[method-assign]
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
    return md


def _as_written(url: str) -> str:
    return url


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
    """Emphasis that never opens or closes inside a word, for ``*`` as for ``_``."""
    marker = state.src[state.pos]
    if silent or marker not in ("_", "*"):
        return False
    if marker == "_":
        return bool(commonmark_emphasis(state, silent))
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
