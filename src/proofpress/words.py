"""How Proofpress counts words: one rule, used by every limit and every length claim.

What counts is the prose a reader sees:

- Paragraphs, list items, table cells, block quotes, link text, emphasised text, footnote text
  and inline code (`like this`: it is part of the sentence the reader reads) count.
- Headings never count: a heading is a title, not prose. A section's count is the text under its
  heading up to the next heading of the same or a higher level, its sub-sections' text included
  (their headings still not). The whole post's count is every section's text plus the text before
  the first heading.
- These do not count: front matter, fenced and indented code blocks, HTML comments, HTML tags
  (the text between them does count), images (alt text included), URLs (bare ones, autolinks
  ``<https://…>``, link targets and reference definitions ``[id]: https://…``), footnote and
  reference labels (``[^1]``, ``[text][id]``'s ``id``), attribute lists (``{ .class }``).
- DEV's Liquid tags outside code do not count (``{% embed https://… %}`` is a card, not
  prose), nor does the math between ``{% katex %}`` and ``{% endkatex %}``; the summary of
  ``{% details … %}`` (and ``spoiler``, ``collapsible``) counts, as does the text inside the
  block. Emoji aliases (``:wave:``) are pictures, not words. The count is the same whichever
  ``dialect`` the site renders with.
- Markup is not words: list markers (``-``, ``*``, ``1.``), task boxes (``[x]``), emphasis
  markers, table pipes and rules, quote markers, backslash escapes.

A word is a run of letters and digits. Inside a word, these join rather than split:

- a hyphen: ``write-heavy``, ``day-one`` are one word each;
- an apostrophe, straight or curly: ``don't``, ``engineer\u2019s``;
- an underscore: ``snake_case``;
- a dot between two letters or digits: ``3.5``, ``Node.js``, ``e.g.``;
- a comma between two digits: ``1,000``.

Everything else separates: spaces, en and em dashes (``logs—metrics`` is two words), slashes
(``query/index`` is two words), other punctuation.

DEV's "N min read" is a different, cruder count; :func:`reading_minutes` reproduces it.
"""

from __future__ import annotations

import html
import math
import re
import unicodedata
from collections.abc import Callable

from pymdownx import gemoji_db

from proofpress import sections

WORDS_PER_MINUTE = 275  # DEV's reading speed

_ALNUM = r"[^\W_]"
WORD = re.compile(
    rf"{_ALNUM}+(?:(?:[-'\u2019\u2010\u2011_]|\.(?={_ALNUM})|(?<=\d),(?=\d)){_ALNUM}+)*"
)

# Applied in this order to prose (code blocks, comments and headings already removed).
_STRIP: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"<!--.*?-->", re.DOTALL), " "),
    (re.compile(r"<(script|style)\b.*?</\1\s*>", re.DOTALL | re.IGNORECASE), " "),
    (re.compile(r"^[ \t]{0,3}\[\^[^\]\n]+\]:", re.MULTILINE), " "),  # footnote definition label
    (
        re.compile(
            r"^[ \t]{0,3}\[[^\]\n]+\]:[ \t]*\S+"
            r"(?:[ \t]+(?:\"[^\"\n]*\"|'[^'\n]*'|\([^)\n]*\)))?[ \t]*$",
            re.MULTILINE,
        ),
        " ",
    ),  # link reference definition
    (re.compile(r"!\[[^\[\]]*\](?:\([^)]*\)|\[[^\[\]]*\])?"), " "),  # images
    (re.compile(r"\[\^[^\[\]\s]+\]"), " "),  # footnote reference
    (re.compile(r"\[([^\[\]]*)\]\([^)]*\)"), r"\1"),  # inline link: keep its text
    (re.compile(r"\[([^\[\]]*)\]\[[^\[\]]*\]"), r"\1"),  # reference link: keep its text
    (re.compile(r"<(?:[a-zA-Z][a-zA-Z0-9+.-]*:[^<>\s]*|[^<>@\s]+@[^<>\s]+)>"), " "),  # autolink
    (re.compile(r"</?[A-Za-z][^<>]*>"), " "),  # HTML tag
    (re.compile(r"(?:\b[a-zA-Z][a-zA-Z0-9+.-]*://|\bwww\.)\S+"), " "),  # bare URL
    (re.compile(r"\{:?[ \t]*[#.:][^{}\n]*\}"), " "),  # attribute list
    (re.compile(r"^[ \t>]*(?:\d{1,9}[.)]|[-*+][ \t]+\[[ xX]\])(?=[ \t]|$)", re.MULTILINE), " "),
)
# A code span may wrap lines but not cross a blank line (keeps unmatched backticks linear).
_CODE_SPAN = r"(`+)((?:[^\n]|\n(?![ \t]*\n))+?)\1"
# DEV's Liquid tags are not prose: a katex block (math), and any tag outside code; a details
# block's summary is what the reader reads, so it stays.
_KATEX = r"\{%-?\s*katex\b.*?%\}.*?\{%-?\s*endkatex\s*-?%\}"
_LIQUID = r"\{%-?\s*(\w+)([^%]*(?:%(?!\})[^%]*)*?)-?%\}"
# An emoji alias (":wave:") is a picture, not a word.
_EMOJI = r"(?<![\w:])(:[a-z0-9_+-]+:)(?![\w:])"
_CODE_OR_LIQUID = re.compile(f"{_CODE_SPAN}|{_KATEX}|{_LIQUID}|{_EMOJI}", re.DOTALL)
_SUMMARY_TAGS = frozenset({"details", "spoiler", "collapsible"})


_EMOJI_NAMES = frozenset(gemoji_db.emoji) | frozenset(gemoji_db.aliases)


def _code_or_liquid(match: re.Match[str]) -> str:
    if match.group(2) is not None:  # inline code counts, tags written in it included
        return " " + match.group(2).replace("<", " ").replace(">", " ") + " "
    if match.group(5) is not None:
        return " " if match.group(5) in _EMOJI_NAMES else match.group(5)
    if match.group(3) in _SUMMARY_TAGS:
        return " " + match.group(4) + " "
    return " "


_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def words(prose: str) -> list[str]:
    """The words of a prose fragment (no code blocks or headings in it), by the rule above."""
    text = _CODE_OR_LIQUID.sub(_code_or_liquid, prose)
    for pattern, replacement in _STRIP:
        text = pattern.sub(replacement, text)
    text = html.unescape(_ESCAPE.sub(r"\1", text))
    return WORD.findall(unicodedata.normalize("NFC", text))


def count_prose(prose: str) -> int:
    """Words in prose."""
    return len(words(prose))


def count_words(markdown: str) -> int:
    """Words in a Markdown body (front matter already removed)."""
    return count_post(sections.parse(markdown))


def count_post(
    outline: sections.Outline, section_words: Callable[[sections.Section], int] | None = None
) -> int:
    """The whole post's count: the text before the first heading plus each top-level section.

    Equal to counting ``outline.prose()`` at once (heading lines are blank in prose, and no
    construct that counts spans a blank line), but ``section_words`` may hand back the section
    counts a caller has already made instead of reading the post a second time.
    """
    count = section_words or (lambda section: count_section(outline, section))
    children = outline.root.children
    intro_end = children[0].heading.index if children and children[0].heading else None
    intro = count_prose(outline.prose(0, intro_end))
    return intro + sum(count(child) for child in children)


def count_section(outline: sections.Outline, section: sections.Section) -> int:
    """Words under a section's heading, its sub-sections included."""
    return count_prose(outline.section_text(section))


def reading_minutes(body: str) -> int:
    """DEV's reading time: ``ceil(words / 275)``, at least 1.

    DEV's words are the raw Markdown (front matter removed) split on ASCII ``\\W+``, the Ruby
    way: a leading empty piece counts, trailing empty pieces do not.
    """
    pieces = re.split(r"\W+", body, flags=re.ASCII)
    while pieces and not pieces[-1]:
        pieces.pop()
    return max(1, math.ceil(len(pieces) / WORDS_PER_MINUTE))
