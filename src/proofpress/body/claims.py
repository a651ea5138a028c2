"""Length claims: sentences in a post that state how many words a section (or the post) has.

A claim is one sentence (or list item, or table cell) of prose, outside code, of one of these
shapes; matching is case-insensitive and ignores emphasis markers and link syntax:

1. Labelled: ``<section> length: <N> words`` or ``<section> word count: <N> [words]``
   (``:`` may also be ``=``, ``is``, ``was``, ``of``). Examples: ``Cover letter length: 274
   words.``, ``**Proposal word count:** 135``.
2. Sentence: ``[the] <section> <verb> <N> words`` where the verb is one of ``is``, ``are``,
   ``was``, ``were``, ``run(s) to``, ``runs``, ``come(s) to``, ``came to``, ``come(s) in at``,
   ``came in at``, ``has``, ``contains``, ``totals``, ``stands at``, ``clocks in at``,
   ``weighs in at``, a colon, or an opening parenthesis. Examples: ``The proposal is 135
   words long``, ``the cover letter runs to 274 words``, ``The letter (274 words) opens…``.

``<N>`` is digits, with optional thousands commas (``1,200``). ``words`` may be ``word``. Between
the verb and the number a qualifier may stand: ``exactly``/``just``/``only`` (equal),
``under``/``fewer than``/``less than``/``below`` (<), ``at most``/``no more than``/``up to``/
``within`` (≤), ``over``/``more than``/``above`` (>), ``at least``/``no fewer than`` (≥).
``about``, ``around``, ``roughly``, ``approximately``, ``nearly``, ``almost`` and ``~`` make a claim
approximate: it is not checked.

``<section>`` names a ``##`` section: its exact title, or words that appear in that order in
exactly one title, a word of four letters or more also matching a title word it begins
(``proposal`` is ``Day-One Contribution Proposal``, ``cover letter`` is ``Cover Letter``,
``editorial notes`` is ``Final Editorial Notes``). A leading ``the``/``this``/
``my``/``our``/``your``/``whole``/``entire``/``full``/``finished`` and a trailing ``section``
are ignored. ``post``, ``article``, ``piece``, ``essay``, ``body``, ``total`` and ``overall``
mean the whole post. The count a claim is checked against is the one in
:mod:`proofpress.body.words`.

A labelled claim always makes a promise: if its ``<section>`` names no section, that is an
error. A sentence claim counts only when its subject names a section or the post (so "I wrote
500 words a day" is not a claim). Text in code blocks, inline code and HTML comments never
makes a claim.
"""

from __future__ import annotations

import difflib
import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from proofpress.body.words import blank_code_spans
from proofpress.reading.sections import LineKind, Outline
from proofpress.records.kinds import normalize_title

POST = "\0post"  # the target of a claim about the whole post

# At most 18 digits: a longer run is no word count (and Python refuses to convert 4,300+ digits).
_NUMBER = r"(?<![\w.,])(?P<num>\d{1,3}(?:,\d{3}){1,5}|\d{1,18})(?![.,]?\d)"
_WORDS_AFTER = re.compile(_NUMBER + r"\s+words?\b", re.IGNORECASE)
_COUNT_LABEL = re.compile(r"\bword[\s-]*count\s*[*_]*\s*(?::|=|\bis\b|\bwas\b)\s*[*_]*\s*$", re.I)

_QUALIFIERS: tuple[tuple[str, str], ...] = (
    ("exactly", "=="),
    ("just", "=="),
    ("only", "=="),
    ("precisely", "=="),
    ("under", "<"),
    ("fewer than", "<"),
    ("less than", "<"),
    ("below", "<"),
    ("at most", "<="),
    ("no more than", "<="),
    ("not more than", "<="),
    ("up to", "<="),
    ("within", "<="),
    ("over", ">"),
    ("more than", ">"),
    ("above", ">"),
    ("at least", ">="),
    ("no fewer than", ">="),
    ("no less than", ">="),
    ("about", "~"),
    ("around", "~"),
    ("roughly", "~"),
    ("approximately", "~"),
    ("nearly", "~"),
    ("almost", "~"),
    ("~", "~"),
)
_QUAL = "|".join(re.escape(q).replace(r"\ ", r"\s+") for q, _ in _QUALIFIERS)
_OPS = dict(_QUALIFIERS)
_OP_WORDS = {"==": "", "<": "under ", "<=": "at most ", ">": "over ", ">=": "at least "}

_LABELLED = re.compile(
    rf"^(?P<ref>.+?)(?:'s|\u2019s)?\s+(?:length|word[\s-]*count)\s*(?::|=|\bis\b|\bwas\b|\bof\b)?"
    rf"\s*(?:(?P<qual>{_QUAL})\s*)?$",
    re.IGNORECASE,
)
_VERBS = (
    r"is|are|was|were|runs?\s+to|runs|comes?\s+to|came\s+to|comes?\s+in\s+at|came\s+in\s+at|has|contains|totals|"
    r"stands\s+at|clocks\s+in\s+at|weighs\s+in\s+at"
)
_SENTENCE = re.compile(
    rf"^(?P<head>.*?)\s*(?:\b(?:{_VERBS})\b|:|\()\s*(?:(?P<qual>{_QUAL})\s*)?$",
    re.IGNORECASE,
)
_BOUNDARY = re.compile(
    "[.!?][\"\u201d\u2019')]*\\s+|\\|"
    r"|\n(?=[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t])|\n(?=[ \t]*>)|\n[ \t]*\n"
)
_MARKERS = re.compile(r"^[\s>]*(?:[-*+]|\d{1,9}[.)])?\s+|^[\s>]+")
_LINK = re.compile(r"!?\[([^\[\]]*)\](?:\([^)]*\)|\[[^\[\]]*\])")
_TOKEN = re.compile(r"[^\W_]+")
_DETERMINERS = {
    "the", "this", "my", "our", "your", "a", "an", "whole", "entire", "full", "finished",
    "complete",
}  # fmt: skip
_TRAILERS = {"section", "part"}
_MAX_PREFIX = 200  # characters of a sentence before its number that a claim may use
# Raw characters read before a number: a claim's prefix is at most _MAX_PREFIX characters once
# markup is removed, so reading further only costs time (and, for a long sentence full of
# numbers, time quadratic in its length).
_MAX_RAW_PREFIX = 400
_POST_WORDS = {"post", "article", "piece", "essay", "body", "total", "overall", "blog post"}


@dataclass(frozen=True, slots=True)
class Claim:
    ref: str  # the section reference as written, markup removed
    target: str | None  # a ``##`` title, POST, or None when it names no section
    candidates: tuple[str, ...]  # titles matched when the reference is ambiguous
    op: str  # "==", "<", "<=", ">", ">=" or "~" (not checked)
    number: int
    line: int  # file line of the number
    column: int  # file column of the number
    ref_line: int  # file line of the reference's first word
    ref_column: int

    def holds(self, counted: int) -> bool:
        return {
            "==": counted == self.number,
            "<": counted < self.number,
            "<=": counted <= self.number,
            ">": counted > self.number,
            ">=": counted >= self.number,
        }.get(self.op, True)

    def stated(self) -> str:
        """The claim in words: ``under 300 words``."""
        unit = "word" if self.number == 1 else "words"
        return f"{_OP_WORDS.get(self.op, 'about ')}{self.number} {unit}"


def find_claims(outline: Outline, titles: Sequence[str]) -> list[Claim]:
    """Every length claim in the prose of ``outline``, resolved against the ``##`` ``titles``."""
    index = Titles(titles)
    claims: list[Claim] = []
    for start, end in _paragraphs(outline):
        claims.extend(_claims_in(outline, start, end, index))
    return claims


def _paragraphs(outline: Outline) -> list[tuple[int, int]]:
    """Runs of consecutive prose lines, as ``[start, end)`` body line ranges."""
    runs: list[tuple[int, int]] = []
    start = None
    for i, kind in enumerate((*outline.kinds, LineKind.BLANK)):
        if kind is LineKind.PROSE and start is None:
            start = i
        elif kind is not LineKind.PROSE and start is not None:
            runs.append((start, i))
            start = None
    return runs


_DIGIT = re.compile(r"\d")
_NEWLINE = re.compile(r"\n")


def _claims_in(outline: Outline, start: int, end: int, titles: Titles) -> list[Claim]:
    text = "\n".join(outline.lines[start:end])
    if not _DIGIT.search(text):  # most paragraphs state no number: skip them cheaply
        return []
    text = blank_code_spans(text)
    line_starts = [0, *(m.end() for m in _NEWLINE.finditer(text))]

    def where(offset: int) -> tuple[int, int]:
        row = bisect_right(line_starts, offset) - 1
        return outline.file_line(start + row), offset - line_starts[row] + 1

    boundaries = [m.end() for m in _BOUNDARY.finditer(text)]
    found: list[Claim] = []
    for number, offset, labelled_only in _numbers(text):
        sentence_start = _sentence_start(boundaries, offset)
        whole = offset - sentence_start <= _MAX_RAW_PREFIX
        if not whole:
            sentence_start = offset - _MAX_RAW_PREFIX
        claim = _parse(text[sentence_start:offset], labelled_only, titles, whole)
        if claim is None:
            continue
        ref, target, candidates, op = claim
        line, column = where(offset)
        ref_line, ref_column = where(_find_ref(text, sentence_start, offset, ref))
        found.append(Claim(ref, target, candidates, op, number, line, column, ref_line, ref_column))
    return found


def _numbers(text: str) -> list[tuple[int, int, bool]]:
    """(value, offset, only-the-labelled-form) for each ``N words`` and ``word count: N``."""
    hits = [(_int(m["num"]), m.start("num"), False) for m in _WORDS_AFTER.finditer(text)]
    taken = {offset for _, offset, _ in hits}
    for m in re.finditer(_NUMBER, text):
        window = max(0, m.start() - 40)
        if m.start() not in taken and _COUNT_LABEL.search(text, window, m.start()):
            hits.append((_int(m["num"]), m.start(), True))
    return sorted(hits, key=lambda hit: hit[1])


def _int(number: str) -> int:
    return int(number.replace(",", ""))


def _sentence_start(boundaries: list[int], offset: int) -> int:
    """Offset of the sentence holding ``offset``: after the last boundary before it."""
    index = bisect_right(boundaries, offset) - 1
    return boundaries[index] if index >= 0 else 0


def _clean(prefix: str) -> str:
    prefix = _LINK.sub(r"\1", prefix)
    prefix = _MARKERS.sub("", prefix)
    prefix = re.sub(r"(?<![^\W_])[*_]+|[*_]+(?![^\W_])", "", prefix)
    return " ".join(prefix.split())


def _parse(
    prefix: str, labelled_only: bool, titles: Titles, whole: bool = True
) -> tuple[str, str | None, tuple[str, ...], str] | None:
    """``whole``: ``prefix`` is the sentence's whole start (a labelled claim must be)."""
    prefix = _clean(prefix)
    labelled = _LABELLED.match(prefix) if whole and len(prefix) <= _MAX_PREFIX else None
    if labelled:
        op = _op(labelled["qual"])
        found = _subject(labelled["ref"], titles)
        if found:
            return (*found, op)
        return _last_clause(labelled["ref"]), None, (), op
    if labelled_only:
        return None
    sentence = _SENTENCE.match(prefix[-_MAX_PREFIX:])
    if not sentence:
        return None
    found = _subject(sentence["head"], titles)
    return (*found, _op(sentence["qual"])) if found else None


def _last_clause(ref: str) -> str:
    """``we kept it short, and Summary`` -> ``Summary``: the reference an unknown label meant."""
    return re.split(r"[,;]\s*|\s+(?:and|but|or|so)\s+", ref)[-1].strip() or ref


def _subject(head: str, titles: Titles) -> tuple[str, str | None, tuple[str, ...]] | None:
    """The longest run of the last words of ``head`` (at most six) that names something."""
    words = head.split()
    for size in range(min(6, len(words)), 0, -1):
        ref = " ".join(words[-size:]).strip(",;:()\"“”'")
        target, candidates = titles.resolve(ref)
        if target or candidates:
            return ref, target, candidates
    return None


def _op(qualifier: str | None) -> str:
    return _OPS[" ".join(qualifier.lower().split())] if qualifier else "=="


def _find_ref(text: str, start: int, stop: int, ref: str) -> int:
    tokens = _TOKEN.findall(ref)
    if not tokens:
        return start
    match = re.search(re.escape(tokens[0]), text[start:stop], re.IGNORECASE)
    return start + match.start() if match else start


def resolve(ref: str, titles: Sequence[str]) -> tuple[str | None, tuple[str, ...]]:
    """The title (or POST) a reference names, else None and the ambiguous candidates."""
    return Titles(titles).resolve(ref)


class Titles:
    """The ``##`` titles claims may name, indexed once per post (claims x titles stays cheap)."""

    def __init__(self, titles: Sequence[str]) -> None:
        self.titles = tuple(titles)
        self.exact: dict[str, str] = {}
        self.tokens = [_TOKEN.findall(t.casefold()) for t in self.titles]
        # Every title word and each of its prefixes of four letters or more: one lookup finds
        # the titles a reference word names, however many titles there are.
        self.by_prefix: dict[str, set[int]] = {}
        for i, title in enumerate(self.titles):
            self.exact.setdefault(normalize_title(title), title)
            for token in self.tokens[i]:
                self.by_prefix.setdefault(token, set()).add(i)
                for end in range(4, len(token)):
                    self.by_prefix.setdefault(token[:end], set()).add(i)
        self.resolved: dict[str, tuple[str | None, tuple[str, ...]]] = {}

    def resolve(self, ref: str) -> tuple[str | None, tuple[str, ...]]:
        if ref not in self.resolved:
            self.resolved[ref] = self._resolve(ref)
        return self.resolved[ref]

    def _resolve(self, ref: str) -> tuple[str | None, tuple[str, ...]]:
        words = normalize_title(ref).strip(" .,:;!?\"\u201c\u201d'()").split()
        while words and words[0] in _DETERMINERS:
            words.pop(0)
        while words and words[-1] in _TRAILERS:
            words.pop()
        key = " ".join(words)
        if not key:
            return None, ()
        if key in self.exact:
            return self.exact[key], ()
        if key in _POST_WORDS:
            return POST, ()
        wanted = _TOKEN.findall(key)
        if not wanted:
            return None, ()
        pool = set.intersection(*(self._holding(token) for token in wanted))
        matches = tuple(self.titles[i] for i in sorted(pool) if _in_order(wanted, self.tokens[i]))
        if len(matches) == 1:
            return matches[0], ()
        return None, matches

    def _holding(self, token: str) -> set[int]:
        """Titles with a word equal to ``token`` or, from four letters, starting with it."""
        return self.by_prefix.get(token, set())


def _in_order(wanted: list[str], title_tokens: list[str]) -> bool:
    """``wanted`` appear in ``title_tokens`` in order (a token may be a 4+ letter prefix)."""
    position = 0
    for token in wanted:
        while position < len(title_tokens) and not _same(token, title_tokens[position]):
            position += 1
        if position == len(title_tokens):
            return False
        position += 1
    return bool(wanted)


def _same(token: str, title_token: str) -> bool:
    return token == title_token or (len(token) >= 4 and title_token.startswith(token))


def suggest(ref: str, titles: Sequence[str]) -> str | None:
    """The closest title to an unknown reference, for "did you mean"."""
    by_key = {normalize_title(t): t for t in titles}
    close = difflib.get_close_matches(normalize_title(ref), list(by_key), n=1, cutoff=0.5)
    return by_key[close[0]] if close else None
