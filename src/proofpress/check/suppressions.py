"""One finding silenced in place, with a reason: ``<!-- proofpress: ignore PP303 -- why -->``.

A comment alone on its line (outside code) silences the findings of the codes it names on the
next line that is not blank, as markdownlint's and ruff's do; in front matter, a YAML comment
does the same for the next key (``# proofpress: ignore PP112 -- first published there``). A
finding that refuses a value (the post cannot be built without it) is never silenced. A
suppression that gives no reason, names a code Proofpress does not have, or silences nothing is
itself a finding (advice), so none rots. Comments never reach a page: the sanitiser drops them.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from proofpress.core.diagnostics import Diagnostic
from proofpress.core.rule import ALWAYS_ADVICE, Example, Rule, post_example

SUPPRESSION = Rule(
    code="PP012",
    name="suppression",
    summary="A `<!-- proofpress: ignore CODE -- reason -->` line names known codes, gives its "
    "reason after `--`, and silences a finding on the next line (always advice).",
    hint="give the reason after ' -- ', name the code the next line's finding has, or remove "
    "the comment",
    why="A silenced finding needs its reason beside it, and a suppression that silences "
    "nothing any more would hide the next real problem on that line.",
    example=Example(
        bad=post_example(
            body="Watch it fail.\n\n<!-- proofpress: ignore PP303 -->\n## Lessons\n\n"
            "## Next\n\nFix it.\n"
        ),
        good=post_example(
            body="Watch it fail.\n\n<!-- proofpress: ignore PP303 -- a heading as a closing "
            "line -->\n## Lessons\n\n## Next\n\nFix it.\n"
        ),
    ),
    advice=ALWAYS_ADVICE,
)
RULES = (SUPPRESSION,)

_COMMENT = re.compile(
    r"^[ \t]{0,3}(?P<mark><!--)[ \t]*proofpress:[ \t]*ignore[ \t]+(?P<codes>[^-]*?)"
    r"(?:[ \t]+--[ \t]*(?P<reason>.*?))?[ \t]*-->[ \t]*$"
)
_YAML_COMMENT = re.compile(
    r"^[ \t]*(?P<mark>#)[ \t]*proofpress:[ \t]*ignore[ \t]+(?P<codes>[^-]*?)"
    r"(?:[ \t]+--[ \t]*(?P<reason>.*?))?[ \t]*$"
)
_FENCE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})")


@dataclass
class _Suppression:
    line: int  # file line of the comment
    column: int
    target: int  # file line whose findings it silences
    codes: tuple[str, ...]
    reason: str
    used: bool = False
    refused: str = ""  # the code of a finding it named but may not silence


def apply(
    path: str,
    front_matter: tuple[str, int],
    body: tuple[str, int],
    findings: list[Diagnostic],
    known: Iterable[str],
    refusals: Collection[Diagnostic] = (),
) -> list[Diagnostic]:
    """``findings`` without those the file's suppressions silence, and a finding for each
    suppression that gives no reason, names an unknown code or silences nothing.
    ``front_matter`` and ``body``: each text with the file line it starts on; ``refusals``:
    findings no suppression silences (a refused value leaves the post unbuildable)."""
    suppressions = [*_find(*front_matter, _YAML_COMMENT, fenced=False), *_find(*body, _COMMENT)]
    if not suppressions:
        return findings
    by_line = {s.target: s for s in suppressions}
    kept = []
    for finding in findings:
        suppression = by_line.get(finding.line) if finding.path == path else None
        if suppression is not None and finding.code in suppression.codes:
            if finding in refusals:
                suppression.refused = finding.code
                kept.append(finding)
            else:
                suppression.used = True
        else:
            kept.append(finding)
    codes = set(known)
    for s in suppressions:
        unknown = [code for code in s.codes if code not in codes]
        if unknown:
            message = f"'{', '.join(unknown)}' is not a Proofpress rule code"
        elif s.refused:
            message = (
                f"{s.refused} refuses the value on line {s.target}: the post cannot be built "
                "without it, so it cannot be silenced; fix the value"
            )
        elif not s.reason:
            message = "the suppression gives no reason (write it after ' -- ')"
        elif not s.used:
            message = (
                f"nothing on line {s.target} has {', '.join(s.codes)}: the comment silences nothing"
            )
        else:
            continue
        kept.append(SUPPRESSION.at(path, s.line, s.column, message, severity="advice"))
    return kept


def _find(
    text: str, first_line: int, comment: re.Pattern[str], *, fenced: bool = True
) -> Iterable[_Suppression]:
    fence = ""
    waiting: list[_Suppression] = []
    for number, line_text in enumerate(text.split("\n")):
        line = first_line + number
        if fence:
            if line_text.strip().startswith(fence):
                fence = ""
            continue
        if fenced and (opened := _FENCE.match(line_text)):
            fence = opened.group(1)
            continue
        if (found := comment.match(line_text)) is not None:
            codes = tuple(code.upper() for code in re.split(r"[\s,]+", found["codes"]) if code)
            column = found.start("mark") + 1
            reason = (found["reason"] or "").strip()
            waiting.append(_Suppression(line, column, 0, codes, reason))
            continue
        if line_text.strip():
            for suppression in waiting:
                suppression.target = line
                yield suppression
            waiting = []
    yield from waiting  # at the end: they silence nothing (target 0)
