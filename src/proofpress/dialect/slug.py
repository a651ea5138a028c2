"""DEV's heading slug (Forem's ``Redcarpet::Render::HTMLRouge#slugify``).

Tags stripped, lowercased, emoji removed, trimmed, punctuation removed (Ruby's ``[[:punct:]]``:
Unicode punctuation, ``-`` and ``_`` included, plus ``$+<=>^`|~``), then each run of
whitespace becomes ``-``. Unlike Python-Markdown's, it keeps accents and non-Latin letters,
and it does not de-duplicate.
"""

from __future__ import annotations

import re
import unicodedata

_RUBY_PUNCT_SYMBOLS = set("$+<=>^`|~")
_TAG = re.compile(r"<[^>]*>")


def _dropped(char: str) -> bool:
    category = unicodedata.category(char)
    if category.startswith("P") or char in _RUBY_PUNCT_SYMBOLS:
        return True
    return category == "So" or char in "\u200d\ufe0f" or (category == "Sk" and ord(char) > 0x2000)


def dev_slug(text: str) -> str:
    lowered = _TAG.sub("", text).lower()
    kept = "".join(char for char in lowered.strip() if not _dropped(char))
    return re.sub(r"\s+", "-", kept.strip())
