"""Pages: Markdown files under docs/ outside the posts folder (an About page, the home text).

A page goes through the same reader as a post (encoding, size, strict YAML) when it has front
matter, which may hold only ``title``, ``description`` and ``published``. ``published: false``
keeps it out of ``mkdocs build`` like a draft post. Its body is sanitised like a post body;
the post rules (author, kind, words) do not apply. Any other key is refused (PP503), so a post
saved in the wrong folder never goes live unproven.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from proofpress.core.diagnostics import Diagnostic
from proofpress.core.rule import declared
from proofpress.reading.reader import EMPTY_BODY, Document, parse_post, read_text
from proofpress.records.schema import Field, Place, Problem, Schema, parse_bool, parse_text

PAGE = declared("PP503")
RULES = (PAGE,)


def _unknown_key(key: str, names: list[str]) -> Problem:
    return (
        PAGE,
        f"'{key}' is not a page key; a page outside the posts folder takes only {', '.join(names)}",
        "move a post into the posts folder; remove other keys from a page",
    )


def _missing_key(field: Field, _: str) -> Problem:
    return PAGE, f"the page needs '{field.name}:' ({field.expected})", None


PAGE_SCHEMA = Schema(
    fields=(
        Field("title", "text", "The page's title.", parse_text),
        Field("description", "text", "A sentence for search and social previews.", parse_text),
        Field(
            "published",
            "true or false",
            "`false` keeps the page out of `mkdocs build`.",
            parse_bool,
            default=True,
        ),
    ),
    unknown=_unknown_key,
    missing=_missing_key,
)
# MkDocs' MultiMarkdown metadata line (mkdocs.utils.meta.META_RE): without --- fences MkDocs
# reads such first lines as metadata and drops them from the page.
_META_LINE = re.compile(r"^[ ]{0,3}[A-Za-z0-9_-]+:")


@dataclass(frozen=True, slots=True)
class Page:
    src_uri: str  # "about.md", relative to docs_dir
    path: str  # "docs/about.md", for messages
    published: bool = True
    text: str = ""  # the file as read and decoded: MkDocs converts this, never reading it again


def check_page(file: Path, path: str, src_uri: str) -> tuple[Page | None, list[Diagnostic]]:
    text, problem = read_text(file, path, kind="page")
    if problem is not None or text is None:
        return None, [problem] if problem else []
    if not text.startswith("---"):
        first = text.split("\n", 1)[0]
        if _META_LINE.match(first):
            return None, [
                PAGE.at(
                    path,
                    1,
                    1,
                    f"MkDocs reads '{first[:40]}' as page metadata and drops it from the page",
                    "put metadata between --- lines, or start the page with a heading",
                )
            ]
        return Page(src_uri, path, text=text), []
    doc = parse_post(text, Document(path))
    problems = [d for d in doc.diagnostics if d.code != EMPTY_BODY.code]
    if doc.diagnostics and not doc.entries:
        return None, problems
    checked = PAGE_SCHEMA.check(doc.entries, Place(src_uri, lambda _: False), path)
    problems.extend(checked.problems)
    page = Page(src_uri, path, checked.values["published"], text)
    return (None if problems else page), problems
