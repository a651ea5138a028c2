"""The parts of a post body the DEV round trip rewrites: link and image targets, and headings.

Code is never touched. Which lines are code (fenced and indented blocks) and which are
headings comes from the checker's own outline (:mod:`proofpress.reading.sections`), so the import
and the checker agree; inside a line, backtick code spans and HTML comments are skipped.

A reference is the target of a Markdown link or image (``[text](target)``,
``![alt](target "title")``, ``[id]: target``) or of an HTML ``src``/``href`` attribute.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

from proofpress.body.words import blank_code_spans
from proofpress.reading import sections
from proofpress.reading.sections import LineKind

_INLINE = re.compile(r"\]\(\s*(?:<([^>\n]*)>|([^\s)]+))")
# A link reference definition; "[^1]: note" is a footnote (DEV reads footnotes), not a link.
_DEFINITION = re.compile(r"^[ \t]{0,3}\[(?!\^)[^\]\n]+\]:[ \t]*(?:<([^>\n]*)>|(\S+))")
_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>")
_ATTRIBUTE = re.compile(r"""\b(src|href)\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
_BRACKET = re.compile(r"[\[\]]")
_IMAGE_TAGS = {"img", "source", "video"}


@dataclass(frozen=True, slots=True)
class Ref:
    start: int  # offset of the target in the body
    end: int
    target: str
    image: bool  # an image (![...](...), <img src>), not a link

    @property
    def is_remote(self) -> bool:
        return urlsplit(self.target).scheme in ("http", "https")

    @property
    def is_relative(self) -> bool:
        """A path relative to the post's file: no scheme, no host, not root-absolute, no '#'."""
        parts = urlsplit(self.target)
        return (
            not (parts.scheme or parts.netloc)
            and bool(parts.path)
            and not (parts.path.startswith("/"))
        )


def references(body: str) -> list[Ref]:
    """Every link and image target outside code, in document order."""
    found: list[Ref] = []
    for offset, line in _prose_lines(body):
        masked = blank_code_spans(line)
        found.extend(_inline_refs(masked, offset))
        definition = _DEFINITION.match(masked)
        if definition:
            found.append(_ref(definition, offset, image=False))
        for tag in _TAG.finditer(masked):
            image_tag = tag.group(1).lower() in _IMAGE_TAGS
            for attribute in _ATTRIBUTE.finditer(masked, tag.start(), tag.end()):
                is_src = attribute.group(1).lower() == "src"
                group = 2 if attribute.group(2) is not None else 3
                found.append(
                    Ref(
                        offset + attribute.start(group),
                        offset + attribute.end(group),
                        attribute.group(group),
                        image=image_tag and is_src,
                    )
                )
    found.sort(key=lambda ref: ref.start)
    return found


def rewrite(body: str, change: Callable[[Ref], str | None]) -> str:
    """``body`` with each reference's target replaced by ``change(ref)`` (None: unchanged)."""
    out: list[str] = []
    last = 0
    for ref in references(body):
        new = change(ref)
        if new is None or new == ref.target:
            continue
        out.append(body[last : ref.start])
        out.append(_fit(new, body, ref))
        last = ref.end
    out.append(body[last:])
    return "".join(out)


def relevel_headings(body: str) -> tuple[str, int]:
    """``body`` with its headings outside code re-levelled, and how many headings changed.

    The outline keeps its shape but loses its jumps: a top-level heading (whatever its level as
    written) becomes ``##``, as the title is the page's one ``<h1>``, and every other heading
    sits one level under the nearest heading above it that was written at a higher level.
    ``#`` then ``###`` becomes ``##`` then ``###``; levels stop at 6. An ATX heading keeps its
    text as written; a setext heading (text over ``===`` or ``---``) whose level changes
    becomes an ATX heading. Which lines are headings comes from the checker's outline, so
    PP301 and PP302 never fire on the result.
    """
    outline = sections.parse(body)
    lines = body.split("\n")
    drop: set[int] = set()
    changed = 0
    above: list[tuple[int, int]] = []  # (level as written, new level) of the open sections
    for heading in outline.headings:
        while above and above[-1][0] >= heading.level:
            above.pop()
        level = min(6, above[-1][1] + 1) if above else 2
        above.append((heading.level, level))
        if level == heading.level:
            continue
        changed += 1
        index = heading.index
        if outline.kinds[index + 1 : index + 2] == (LineKind.UNDERLINE,):
            lines[index] = "#" * level + " " + lines[index].strip()
            drop.add(index + 1)
        else:
            lines[index] = "#" * level + lines[index][heading.level :]
    return "\n".join(line for i, line in enumerate(lines) if i not in drop), changed


def _prose_lines(body: str) -> Iterator[tuple[int, str]]:
    """(offset, line) of every line outside code, HTML comments blanked out."""
    outline = sections.parse(body)
    offset = 0
    for raw, blanked, kind in zip(body.split("\n"), outline.lines, outline.kinds, strict=True):
        if kind is not LineKind.CODE:
            yield offset, blanked
        offset += len(raw) + 1


def _inline_refs(line: str, offset: int) -> Iterator[Ref]:
    openings = _openings(line)
    for match in _INLINE.finditer(line):
        opening = openings.get(match.start(), -1)
        image = opening > 0 and line[opening - 1] == "!"
        yield _ref(match, offset, image=image)


def _openings(line: str) -> dict[int, int]:
    """The index of the ``[`` each ``]`` of ``line`` closes, in one pass (nesting counted)."""
    open_at: list[int] = []
    found: dict[int, int] = {}
    for match in _BRACKET.finditer(line):
        if match[0] == "[":
            open_at.append(match.start())
        elif open_at:
            found[match.start()] = open_at.pop()
    return found


def _ref(match: re.Match[str], offset: int, *, image: bool) -> Ref:
    group = 1 if match.group(1) is not None else 2
    return Ref(offset + match.start(group), offset + match.end(group), match.group(group), image)


def _fit(target: str, body: str, ref: Ref) -> str:
    """A new target that stays one token where the old one was written bare."""
    bare = body[ref.start - 1 : ref.start] not in ("<", '"', "'")
    return target.replace(" ", "%20").replace(")", "%29") if bare else target
