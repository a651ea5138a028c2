"""Invisible characters that change what text says: control characters and bidi overrides.

Front-matter and authors text reaches every page, feed and search result; NUL, escape sequences
and bidi overrides (U+202A-U+202E, U+2066-U+2069) would make it read differently from what the
file shows. Tab and newline are allowed.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from proofpress.core.rule import declared

_FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def control_character(value: Any) -> str | None:
    """How the first forbidden character in ``value`` (text, or lists and mappings of it) is
    named in a message, or None."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if match := _FORBIDDEN.search(item):
                char = match[0]
                name = unicodedata.name(char, "control character")
                return f"U+{ord(char):04X} ({name.lower()})"
        elif isinstance(item, list):
            stack.extend(reversed(item))
        elif isinstance(item, dict):
            for key, child in reversed(list(item.items())):
                stack.extend([child, key])
    return None


CONTROL_CHARACTER = declared("PP505")
RULES = (CONTROL_CHARACTER,)
