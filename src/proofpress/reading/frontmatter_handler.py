"""A python-frontmatter handler that reads front matter exactly as Proofpress and MkDocs do.

``frontmatter.load(path, handler=ProofpressHandler())`` splits with MkDocs' fence rule and
loads with the strict YAML reader (no aliases, no duplicate keys, no YAML 1.1 surprises), so
scripts built on python-frontmatter never disagree with the checker. Writing keeps the keys in
the order given and ends the file with a newline.

One difference remains, and it is python-frontmatter's: it strips the text before splitting,
so blank lines above the opening fence are forgiven here while MkDocs then shows the front
matter as body text. ``proofpress check`` reports such a post (PP003).
"""

from __future__ import annotations

import re
from typing import Any

import frontmatter
from frontmatter.default_handlers import YAMLHandler

from proofpress.reading.reader import FENCED
from proofpress.reading.yamlsafe import load_mapping


class ProofpressHandler(YAMLHandler):
    FM_BOUNDARY = re.compile(r"^-{3}[ \t]*$", re.MULTILINE)

    def split(self, text: str) -> tuple[str, str]:
        text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
        match = FENCED.match(text)
        if match is None:
            # python-frontmatter reads a ValueError from split() as "no front matter".
            raise ValueError("no front matter: a post starts with '---', its keys, and '---'")
        return match.group(1), text[match.end() :].lstrip("\n")

    def load(self, fm: str, **kwargs: object) -> dict[str, Any]:
        return {entry.key: entry.value for entry in load_mapping(fm)}

    def export(self, metadata: dict[str, object], **kwargs: object) -> str:
        kwargs.setdefault("sort_keys", False)
        return super().export(metadata, **kwargs)


def dumps(metadata: dict[str, Any], body: str) -> str:
    """A post's text: front matter in the given key order, a blank line, the body, a newline."""
    post = frontmatter.Post(body, handler=ProofpressHandler(), **metadata)
    return frontmatter.dumps(post) + "\n"
