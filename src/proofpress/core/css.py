"""CSS read as tokens (tinycss2): what the checks need to know of a stylesheet, never guessed
from its text. Used by the SVG check (what a picture's CSS loads) and by the drafts' media
ledger (which files a hidden text's CSS names)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import tinycss2

_BLOCKS = ("{} block", "[] block", "() block")


def tokens(css: str) -> Iterator[Any]:
    """Every token of ``css`` in document order, comments left out; the inside of a block
    or a function follows the block's or function's own token. Linear in the text."""
    pending = list(reversed(tinycss2.parse_component_value_list(css, skip_comments=True)))
    while pending:
        token = pending.pop()
        yield token
        if token.type == "function":
            pending.extend(reversed(token.arguments))
        elif token.type in _BLOCKS:
            pending.extend(reversed(token.content))
