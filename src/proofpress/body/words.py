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

import bisect
import hashlib
import html
import math
import re
import unicodedata
from collections.abc import Callable

from pymdownx import gemoji_db

from proofpress.reading import sections

WORDS_PER_MINUTE = 275  # DEV's reading speed

_ALNUM = r"[^\W_]"
WORD = re.compile(
    rf"{_ALNUM}+(?:(?:[-'\u2019\u2010\u2011_]|\.(?={_ALNUM})|(?<=\d),(?=\d)){_ALNUM}+)*"
)

# Every pattern below is linear in its input: each one either is anchored to a line start, or
# stops scanning at a character that also starts the next attempt (a bracket, ``<``, ``>``,
# whitespace), so no stretch of text is scanned twice. The constructs whose scan could run to
# the end of the text for every attempt (code spans with no closing run, a link target ``(…)``
# with no ``)`` after it, ``<script`` with no ``</script>``) are found by small scanners that
# remember where the closer is, or that there is none.
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_DEFINITIONS: tuple[re.Pattern[str], ...] = (
    re.compile(r"^[ \t]{0,3}\[\^[^\]\n]+\]:", re.MULTILINE),  # footnote definition label
    re.compile(
        r"^[ \t]{0,3}\[[^\]\n]+\]:[ \t]*\S+"
        r"(?:[ \t]+(?:\"[^\"\n]*\"|'[^'\n]*'|\([^)\n]*\)))?[ \t]*$",
        re.MULTILINE,
    ),  # link reference definition
)
_IMAGE = re.compile(r"!\[([^\[\]]*)\]")
_FOOTNOTE_REF = re.compile(r"\[\^[^\[\]\s]+\]")
_LINK_TEXT = re.compile(r"\[([^\[\]]*)\]")
_REF_TARGET = re.compile(r"\[[^\[\]]*\]")
_STRIP_AFTER: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\[([^\[\]]*)\]\[[^\[\]]*\]"), r"\1"),  # reference link: keep its text
    (re.compile(r"<(?:[a-zA-Z][a-zA-Z0-9+.-]*:[^<>\s]*|[^<>@\s]+@[^<>\s]+)>"), " "),  # autolink
    (re.compile(r"</?[A-Za-z][^<>]*>"), " "),  # HTML tag
    (
        re.compile(r"(?:(?<![a-zA-Z0-9+.-])[a-zA-Z][a-zA-Z0-9+.-]*://|\bwww\.)\S+"),
        " ",
    ),  # bare URL (its scheme starts where no scheme character precedes it)
    (re.compile(r"\{:?[ \t]*[#.:][^{}\n]*\}"), " "),  # attribute list
    (re.compile(r"^[ \t>]*(?:\d{1,9}[.)]|[-*+][ \t]+\[[ xX]\])(?=[ \t]|$)", re.MULTILINE), " "),
)
_RAW_BLOCK = re.compile(r"<(script|style)\b", re.IGNORECASE)
_BACKTICKS = re.compile(r"`+")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_CLOSE_PAREN = re.compile(r"\)")
# DEV's Liquid tags are not prose: a katex block (math), and any tag outside code; a details
# block's summary is what the reader reads, so it stays. A tag ends at the first %} after it.
_LIQUID_OPEN = re.compile(r"\{%-?\s*(\w+)")
_LIQUID_CLOSE = re.compile(r"-?%\}")
_ENDKATEX = re.compile(r"\{%-?\s*endkatex\s*-?%\}")
_SUMMARY_TAGS = frozenset({"details", "spoiler", "collapsible"})
# An emoji alias (":wave:") is a picture, not a word.
_EMOJI = re.compile(r"(?<![\w:])(:[a-z0-9_+-]+:)(?![\w:])")
_EMOJI_NAMES = frozenset(gemoji_db.emoji) | frozenset(gemoji_db.aliases)
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def code_spans(text: str) -> list[tuple[int, int, int, int]]:
    """Code spans as ``(open, content_start, content_end, close_end)`` offsets, in order.

    A run of N backticks opens a span that the next run of exactly N backticks closes; a span
    may wrap lines but not cross a blank line. A run with no partner, or right after a
    backslash (escaped), opens nothing and is literal text; an escaped run may still close a
    span. Each run's partner comes from one backwards pass over the runs, so this is linear in
    the text, whatever the runs' lengths.
    """
    runs = list(_BACKTICKS.finditer(text))
    if len(runs) < 2:
        return []
    blanks = [m.start() for m in _BLANK_LINE.finditer(text)]
    partner: list[int | None] = [None] * len(runs)
    latest: dict[tuple[int, int], int] = {}
    for i in range(len(runs) - 1, -1, -1):
        key = (len(runs[i].group()), bisect.bisect_right(blanks, runs[i].start()))
        partner[i] = latest.get(key)
        latest[key] = i
    spans = []
    i = 0
    while i < len(runs):
        j = partner[i]
        start = runs[i].start()
        if j is None or (start > 0 and text[start - 1] == "\\"):
            i += 1
            continue
        spans.append((start, runs[i].end(), runs[j].start(), runs[j].end()))
        i = j + 1
    return spans


def blank_code_spans(text: str) -> str:
    """``text`` with its code spans replaced by spaces (newlines kept): same offsets."""
    pieces: list[str] = []
    last = 0
    for start, _inner, _inner_end, end in code_spans(text):
        pieces.extend((text[last:start], _NOT_NEWLINE.sub(" ", text[start:end])))
        last = end
    pieces.append(text[last:])
    return "".join(pieces)


_NOT_NEWLINE = re.compile(r"[^\n]")


class _Next:
    """``pattern.search(text, pos)`` for increasing ``pos``, reading each character once.

    The answer for one ``pos`` stays right for every later ``pos`` up to it; once nothing is
    found, nothing ever will be.
    """

    def __init__(self, text: str, pattern: re.Pattern[str]) -> None:
        self.text, self.pattern = text, pattern
        self.found: re.Match[str] | None = None
        self.exhausted = False

    def __call__(self, pos: int) -> re.Match[str] | None:
        if self.exhausted or (self.found is not None and self.found.start() >= pos):
            return self.found
        self.found = self.pattern.search(self.text, pos)
        self.exhausted = self.found is None
        return self.found


def _code_liquid_and_emoji(text: str) -> str:
    """Code spans become their text; Liquid tags and emoji aliases outside them go.

    One pass from left to right over the code spans and the ``{%`` openings, whichever comes
    first; a tag's end (and a katex block's ``endkatex``) is found by :class:`_Next`, so a
    thousand tags that never close cost one scan, not a thousand.
    """
    spans = code_spans(text)
    closes = _Next(text, _LIQUID_CLOSE)
    endkatex = _Next(text, _ENDKATEX)
    openings = _LIQUID_OPEN.finditer(text)
    tag = next(openings, None)
    pieces: list[str] = []
    pos = span_index = 0
    while True:
        while span_index < len(spans) and spans[span_index][0] < pos:
            span_index += 1
        while tag is not None and tag.start() < pos:
            tag = next(openings, None)
        span = spans[span_index] if span_index < len(spans) else None
        if span is None and tag is None:
            break
        if span is not None and (tag is None or span[0] < tag.start()):
            start, inner, inner_end, end = span
            content = text[inner:inner_end].replace("<", " ").replace(">", " ")
            pieces.extend((_emoji(text[pos:start]), " ", content, " "))
            pos = end
            continue
        assert tag is not None
        close = closes(tag.end())
        if close is None:
            tag = None  # no later tag can close either
            continue
        end, replacement = close.end(), " "
        if tag.group(1) == "katex" and (block := endkatex(end)) is not None:
            end = block.end()
        elif tag.group(1) in _SUMMARY_TAGS:
            replacement = " " + text[tag.end() : close.start()] + " "
        pieces.extend((_emoji(text[pos : tag.start()]), replacement))
        pos = end
    pieces.append(_emoji(text[pos:]))
    return "".join(pieces)


def _emoji(text: str) -> str:
    return _EMOJI.sub(lambda m: " " if m.group(1) in _EMOJI_NAMES else m.group(1), text)


def _strip_targets(text: str, pattern: re.Pattern[str], keep_text: bool) -> str:
    """A bracket pair matched by ``pattern`` and its target, replaced.

    Images (``keep_text`` false) become a space, with a ``(target)``, a ``[ref]`` or neither;
    links keep their text and need a ``(target)``.
    """
    next_close = _Next(text, _CLOSE_PAREN)
    pieces: list[str] = []
    last = 0
    for match in pattern.finditer(text):
        start, end = match.span()
        if start < last:
            continue  # inside a target already removed
        if text.startswith("(", end) and (close := next_close(end)) is not None:
            end = close.end()
        elif keep_text:
            continue
        elif text.startswith("[", end):
            ref = _REF_TARGET.match(text, end)
            end = ref.end() if ref else end
        pieces.extend((text[last:start], match.group(1) if keep_text else " "))
        last = end
    pieces.append(text[last:])
    return "".join(pieces)


def _strip_raw_blocks(text: str) -> str:
    """``<script>…</script>`` and ``<style>…</style>`` blocks become a space."""
    pieces: list[str] = []
    last = 0
    lowered = text.lower()
    unclosed: set[str] = set()
    for match in _RAW_BLOCK.finditer(text):
        name = match.group(1).lower()
        if match.start() < last or name in unclosed:
            continue
        found = re.compile(rf"</{name}\s*>").search(lowered, match.end())
        if found is None:
            unclosed.add(name)  # no later block of this name can close either
            continue
        pieces.extend((text[last : match.start()], " "))
        last = found.end()
    pieces.append(text[last:])
    return "".join(pieces)


def words(prose: str) -> list[str]:
    """The words of a prose fragment (no code blocks or headings in it), by the rule above."""
    text = _COMMENT.sub(" ", _code_liquid_and_emoji(prose))
    text = _strip_raw_blocks(text)
    for pattern in _DEFINITIONS:
        text = pattern.sub(" ", text)
    text = _strip_targets(text, _IMAGE, keep_text=False)
    text = _FOOTNOTE_REF.sub(" ", text)
    text = _strip_targets(text, _LINK_TEXT, keep_text=True)
    for pattern, replacement in _STRIP_AFTER:
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
    way: a leading empty piece counts, trailing empty pieces do not. A preview asks again for
    every unchanged post on each rebuild: answers are kept by the body's digest (a bounded
    table of small keys, never the bodies).
    """
    key = hashlib.blake2b(body.encode("utf-8", "surrogatepass"), digest_size=16).digest()
    if (known := _MINUTES.get(key)) is not None:
        return known
    pieces = re.split(r"\W+", body, flags=re.ASCII)
    while pieces and not pieces[-1]:
        pieces.pop()
    if len(_MINUTES) >= _MINUTES_KEPT:
        _MINUTES.clear()
    minutes = _MINUTES[key] = max(1, math.ceil(len(pieces) / WORDS_PER_MINUTE))
    return minutes


_MINUTES: dict[bytes, int] = {}
_MINUTES_KEPT = 65_536
