"""The images of a post body, as the image rules read them (PP703 remote-image, PP704 image-alt).

Markdown images ``![alt](address)``, ``![alt][ref]`` / ``![alt]`` with a ``[ref]: address``
definition, and HTML ``<img>`` tags; the caller passes the body with code masked
(:func:`proofpress.body.liquid.masked`), so nothing in code counts. One linear pass.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_right
from dataclasses import dataclass

# An alt text may hold one level of brackets (``![a [b] c](x)``): a deeper nesting costs
# nothing, where "any character but ]" made each of n "![" on a line scan to its end (n²).
_ALT = r"!\[(?P<alt>(?:[^\[\]\n]|\[[^\[\]\n]*\])*)\]"
_INLINE = re.compile(_ALT + r"\(\s*<?(?P<address>[^\s)>]+)")
_HTML = re.compile(r"<img\b(?P<attributes>[^>]*)>?", re.IGNORECASE)
_ATTRIBUTE = re.compile(
    r"(?P<name>[^\s\"'>/=]+)(?:\s*=\s*(?:\"(?P<dq>[^\"]*)\"|'(?P<sq>[^']*)'|(?P<bare>[^\s>]+)))?"
)
_DEFINITION = re.compile(r"^[ \t]{0,3}\[(?P<label>[^\]\n]+)\]:[ \t]*<?(?P<url>[^\s>]+)", re.M)
_REFERENCE = re.compile(_ALT + r"(?:\[(?P<label>[^\]\n]*)\])?(?!\()")


@dataclass(frozen=True, slots=True)
class BodyImage:
    start: int  # offset of the image's first character in the body
    address: str  # as written (HTML entities not decoded)
    alt: str | None  # the alt text as written; None: an <img> without an alt attribute
    html: bool  # an <img> tag, not Markdown


def _attributes(text: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for m in _ATTRIBUTE.finditer(text):
        value = next((v for v in (m["dq"], m["sq"], m["bare"]) if v is not None), "")
        found.setdefault(m["name"].lower(), value)
    return found


def body_images(text: str) -> list[BodyImage]:
    """Every image of ``text`` (a body with code masked), in order of position."""
    found = [BodyImage(m.start(), m["address"], m["alt"], False) for m in _INLINE.finditer(text)]
    for m in _HTML.finditer(text):
        attributes = _attributes(m["attributes"])
        if "src" in attributes:
            found.append(BodyImage(m.start(), attributes["src"], attributes.get("alt"), True))
    # As Python-Markdown reads them: a label defined twice takes its last definition.
    definitions = {m["label"].strip().lower(): m["url"] for m in _DEFINITION.finditer(text)}
    if definitions:
        for m in _REFERENCE.finditer(text):
            label = (m["label"] or m["alt"]).strip().lower()
            if label in definitions:
                found.append(BodyImage(m.start(), definitions[label], m["alt"], False))
    return sorted(found, key=lambda image: image.start)


def has_alt(image: BodyImage) -> bool:
    """The image has an alt text a screen reader can read (not absent, not blank)."""
    return bool(image.alt and html.unescape(image.alt).strip())


class Positions:
    """Body offsets to file coordinates (1-based line and column), by binary search."""

    def __init__(self, text: str, first_line: int) -> None:
        self._starts = [0, *(m.end() for m in re.finditer("\n", text))]
        self._first_line = first_line

    def __call__(self, offset: int) -> tuple[int, int]:
        index = bisect_right(self._starts, offset) - 1
        return self._first_line + index, offset - self._starts[index] + 1
