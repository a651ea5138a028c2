"""The sign-off check applies to posts whose kind holds a letter (a ``letter=True`` section).

The closing is the last line of the letter section that is only a closing phrase and a comma
("Sincerely,", "Best regards,", "Thanks,", …); the name is the next non-blank line of the
section, or the text after the comma when both share a line ("Thanks, Lucibit"). Names compare
case-insensitively, whitespace and emphasis markers ignored.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

from proofpress.body.analysis import Analysis
from proofpress.core.diagnostics import Diagnostic
from proofpress.core.rule import declared
from proofpress.reading import sections
from proofpress.records.authors import Author
from proofpress.records.context import CheckContext

RULE = declared("PP203")

CLOSINGS = (
    "sincerely", "sincerely yours", "yours sincerely", "yours truly", "yours faithfully",
    "yours", "best", "all the best", "best wishes", "regards", "kind regards", "best regards",
    "warm regards", "warmest regards", "warmly", "with regards", "respectfully",
    "respectfully yours", "thanks", "thank you", "many thanks", "thanks again", "cheers",
    "with gratitude", "gratefully", "cordially", "with appreciation", "take care",
)  # fmt: skip
_CLOSING_ALT = "|".join(re.escape(c).replace(r"\ ", r"\s+") for c in CLOSINGS)
_CLOSING = re.compile(
    rf"^[ \t>]*[*_]*(?P<closing>(?:{_CLOSING_ALT})\s*,)[*_]*"
    rf"(?:[ \t]+(?P<name>.*?))?[ \t]*(?:\\|<br\s*/?>)?\s*$",
    re.IGNORECASE,
)
_MARKUP = re.compile(r"<br\s*/?>|\\$|[*_]+|^[ \t>]*(?:[-\u2013\u2014]+[ \t]*)?", re.IGNORECASE)


def check(analysis: Analysis, ctx: CheckContext) -> Iterable[Diagnostic]:
    author = ctx.authors.get(analysis.post.author)
    spec = analysis.kind.letter_section if analysis.kind else None
    if author is None or spec is None:
        return
    letter = analysis.section(spec.title)
    if letter is not None and letter.heading is not None:
        yield from _check_letter(
            analysis.post.path, analysis.outline, letter, letter.heading, author
        )


def _check_letter(
    path: str,
    outline: sections.Outline,
    letter: sections.Section,
    heading: sections.Heading,
    author: Author,
) -> Iterable[Diagnostic]:
    expected = _expected(author)
    prose = [i for i in range(letter.start, letter.end) if _is_prose(outline, i)]
    closing_at, match = _last_closing(outline, prose)
    if match is None:
        yield RULE.at(
            path,
            heading.line,
            heading.column,
            f"letter in '{heading.text}' has no closing; expected a line like 'Sincerely,' "
            f"followed by {expected}",
        )
        return
    if match["name"]:
        name_at, column, name = closing_at, match.start("name"), match["name"]
    else:
        later = [i for i in prose if i > closing_at]
        if not later:
            yield RULE.at(
                path,
                outline.file_line(closing_at),
                match.start("closing") + 1,
                f"no name after the closing '{match['closing']}'; expected {expected}",
            )
            return
        name_at = later[0]
        raw = outline.lines[name_at]
        column, name = len(raw) - len(raw.lstrip()), raw
    signed = _clean(name)
    if _normalize(signed) in {_normalize(s) for s in author.signatures}:
        return
    message = f"letter is signed '{signed}'; expected {expected}"
    close = difflib.get_close_matches(signed, list(author.signatures), n=1, cutoff=0.6)
    if close:
        message += f". Did you mean '{close[0]}'?"
    yield RULE.at(path, outline.file_line(name_at), column + 1, message)


def _last_closing(outline: sections.Outline, prose: list[int]) -> tuple[int, re.Match[str] | None]:
    for index in reversed(prose):
        match = _CLOSING.match(outline.lines[index])
        if match and _plausible_name(match["name"]):
            return index, match
    return -1, None


def _plausible_name(name: str | None) -> bool:
    """A same-line name is short and no sentence: 'Thanks, Lucibit', not 'Thanks, I agree.'."""
    return name is None or (len(name.split()) <= 4 and not name.endswith((".", "!", "?")))


def _is_prose(outline: sections.Outline, index: int) -> bool:
    return outline.kinds[index] is sections.LineKind.PROSE


def _expected(author: Author) -> str:
    names = [f"'{name}'" for name in author.signatures]
    if len(names) == 1:
        return f"the author's name {names[0]}"
    return f"the author's name or a pen name: {', '.join(names)}"


def _clean(name: str) -> str:
    return " ".join(_MARKUP.sub("", name.strip()).split()).rstrip(".,")


def _normalize(name: str) -> str:
    return " ".join(name.split()).casefold()
