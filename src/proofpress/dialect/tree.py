"""DEV's reading as Python-Markdown's element tree, so MkDocs' own steps run on it unchanged.

The page of a post is DEV's reading (:mod:`proofpress.reading.body`) turned into the
``etree`` Python-Markdown's block parser would have produced. Every text is an ``AtomicString``
(markdown-it has already read the inline markup), so Python-Markdown's inline patterns leave it
alone, while the steps that work on the tree still do: the table of contents and heading ids,
MkDocs' rewriting and validation of relative links and images, DEV's heading anchors. Raw HTML,
Liquid cards and highlighted code go through Python-Markdown's stash as they always did.

The markup follows Redcarpet's where a reader can tell: ``<del>`` for struck text, ordered
lists that count from 1 (DEV ignores a list's first number), a ``<br>`` for each line break
inside a paragraph (none in a tight list item, a heading or a table cell), footnotes as
``<sup id="fnref1"><a href="#fn1">1</a></sup>`` and a closing ``div.footnotes`` list.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from collections.abc import Callable

from markdown.util import AtomicString
from markdown_it.token import Token

# A fence's code, info string and fence markup -> the stashed HTML that shows it, or None.
FenceRenderer = Callable[[str, str, str], str | None]
# Raw HTML -> the placeholder Python-Markdown's stash puts it back for.
Stash = Callable[[str], str]
# A text -> its pieces: text, or what the site's emoji extension makes of an ``:alias:``.
Emoji = Callable[[str], list[str | etree.Element]]

_BLOCKS = {
    "paragraph": "p",
    "bullet_list": "ul",
    "ordered_list": "ol",
    "list_item": "li",
    "blockquote": "blockquote",
    "table": "table",
    "thead": "thead",
    "tbody": "tbody",
    "tr": "tr",
    "th": "th",
    "td": "td",
}
_INLINE = {"em": "em", "strong": "strong", "s": "del"}


def build(tokens: list[Token], stash: Stash, fence: FenceRenderer, emoji: Emoji) -> etree.Element:
    """The ``<div>`` root Python-Markdown's treeprocessors expect, holding the body."""
    return _Builder(stash, fence, emoji).run(tokens)


class _Builder:
    def __init__(self, stash: Stash, fence: FenceRenderer, emoji: Emoji) -> None:
        self.stash = stash
        self.fence = fence
        self.emoji = emoji
        self.root = etree.Element("div")
        self.stack: list[etree.Element] = [self.root]
        self.breaks: list[bool] = [False]  # whether a newline in this block is a <br>

    def run(self, tokens: list[Token]) -> etree.Element:
        for token in tokens:
            self._block(token)
        return self.root

    @property
    def top(self) -> etree.Element:
        return self.stack[-1]

    def _open(self, tag: str, attrs: dict[str, str] | None = None) -> etree.Element:
        element = etree.SubElement(self.top, tag, attrs or {})
        self.stack.append(element)
        return element

    def _block(self, token: Token) -> None:
        kind = token.type
        if kind.endswith("_open") and (tag := _BLOCKS.get(kind[:-5])) is not None:
            if kind == "paragraph_open" and token.hidden:  # a tight item's text: no <p>
                self.breaks.append(False)
                return
            attrs = {"style": str(token.attrs["style"])} if "style" in token.attrs else None
            self._open(tag, attrs)
            self.breaks.append(kind == "paragraph_open")
        elif kind.endswith("_close") and kind[:-6] in _BLOCKS:
            self.breaks.pop()
            if not (kind == "paragraph_close" and token.hidden):
                self.stack.pop()
        elif kind == "heading_open":
            self._open(token.tag)
            self.breaks.append(False)
        elif kind == "heading_close":
            self.breaks.pop()
            self.stack.pop()
        elif kind == "inline":
            self._inline(token.children or [])
        elif kind == "hr":
            etree.SubElement(self.top, "hr")
        elif kind == "code_block":
            self._code(token.content, "")
        elif kind == "fence":
            self._fence(token)
        elif kind == "html_block":
            self._placeholder(self.stash(token.content))
        else:
            self._footnotes(token)

    def _code(self, code: str, info: str) -> None:
        language = info.split(maxsplit=1)[0] if info.strip() else ""
        pre = etree.SubElement(self.top, "pre")
        attrs = {"class": f"language-{language}"} if language else {}
        etree.SubElement(pre, "code", attrs).text = AtomicString(code)

    def _fence(self, token: Token) -> None:
        html = self.fence(token.content, token.info, token.markup)
        if html is None:
            self._code(token.content, token.info)
        else:
            self._placeholder(html)

    def _placeholder(self, placeholder: str) -> None:
        """A block of stashed HTML: Python-Markdown swaps ``<p>placeholder</p>`` for it."""
        etree.SubElement(self.top, "p").text = AtomicString(placeholder)

    def _footnotes(self, token: Token) -> None:
        kind = token.type
        if kind == "footnote_block_open":
            block = self._open("div", {"class": "footnotes"})
            etree.SubElement(block, "hr")
            self._open("ol")
        elif kind == "footnote_block_close":
            del self.stack[-2:]
        elif kind == "footnote_open":
            self._open("li", {"id": f"fn{token.meta['id'] + 1}"})
        elif kind == "footnote_close":
            self.stack.pop()
        elif kind == "footnote_anchor" and token.meta.get("subId", 0) == 0:
            number = token.meta["id"] + 1
            paragraphs = self.top.findall("p")
            where = paragraphs[-1] if paragraphs else self.top
            _append(where, "\u00a0")
            link = etree.SubElement(where, "a", {"href": f"#fnref{number}"})
            link.text = AtomicString("\u21a9")

    def _inline(self, children: list[Token]) -> None:
        opened: list[etree.Element] = []
        for token in children:
            kind = token.type
            if kind == "text":
                for piece in self.emoji(token.content):
                    if isinstance(piece, str):
                        _append(self.top, piece)
                    else:
                        self.top.append(piece)
            elif kind == "softbreak" and not self.breaks[-1]:
                _append(self.top, "\n")
            elif kind in ("softbreak", "hardbreak"):
                etree.SubElement(self.top, "br")  # the serialiser puts a newline after it
            elif kind == "code_inline":
                etree.SubElement(self.top, "code").text = AtomicString(token.content)
            elif kind.endswith("_open"):
                opened.append(self._open(*_inline_element(token)))
            elif kind.endswith("_close"):
                if opened:
                    opened.pop()
                    self.stack.pop()
            elif kind == "image":
                attrs = {"src": str(token.attrs.get("src", "")), "alt": _plain(token)}
                if token.attrs.get("title"):
                    attrs["title"] = str(token.attrs["title"])
                etree.SubElement(self.top, "img", attrs)
            elif kind == "html_inline":
                _append(self.top, self.stash(token.content))
            elif kind == "footnote_ref":
                number = token.meta["id"] + 1
                first = token.meta.get("subId", 0) == 0  # a later reference has no id of its own
                sup = etree.SubElement(self.top, "sup", {"id": f"fnref{number}"} if first else {})
                link = etree.SubElement(sup, "a", {"href": f"#fn{number}"})
                link.text = AtomicString(str(number))
        while opened:  # markdown-it always closes what it opens; never leave the stack off
            opened.pop()
            self.stack.pop()


def _inline_element(token: Token) -> tuple[str, dict[str, str]]:
    if token.type == "link_open":
        attrs = {"href": str(token.attrs.get("href", ""))}
        if token.attrs.get("title"):
            attrs["title"] = str(token.attrs["title"])
        return "a", attrs
    return _INLINE.get(token.type[:-5], "span"), {}


def _plain(token: Token) -> str:
    """An image's alt text: the text of its description, without markup."""
    parts: list[str] = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif child.type == "image":
            parts.append(_plain(child))
    return "".join(parts)


def _append(element: etree.Element, text: str) -> None:
    if not text:
        return
    if len(element):
        last = element[-1]
        last.tail = AtomicString((last.tail or "") + text)
    else:
        element.text = AtomicString((element.text or "") + text)
