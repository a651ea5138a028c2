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
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass

from proofpress.core.diagnostics import Diagnostic
from proofpress.core.rule import declared

SUPPRESSION = declared("PP012")
RULES = (SUPPRESSION,)

_PREFIX = "proofpress:"


def _body_comment(text: str) -> tuple[int, str] | None:
    """(column of ``<!--``, what is inside it) for a line that is one HTML comment alone,
    indented at most three spaces; else None. String work only: linear in the line."""
    stripped = text.strip(" \t")
    indent = len(text) - len(text.lstrip(" \t"))
    if indent > 3 or not stripped.startswith("<!--") or not stripped.endswith("-->"):
        return None
    return indent + 1, stripped[4:-3]


def _yaml_comment(text: str) -> tuple[int, str] | None:
    """(column of ``#``, what follows it) for a YAML line that is a comment alone."""
    stripped = text.lstrip(" \t")
    if not stripped.startswith("#"):
        return None
    return len(text) - len(stripped) + 1, stripped[1:]


def _parse(inside: str) -> tuple[tuple[str, ...], str] | None:
    """(codes, reason) of ``proofpress: ignore CODE[, CODE] [-- reason]``; None for any other
    comment."""
    words = inside.strip(" \t")
    if not words.startswith(_PREFIX):
        return None
    rest = words[len(_PREFIX) :].lstrip(" \t")
    if not rest.startswith("ignore") or rest[6:7] not in (" ", "\t"):
        return None
    named, _, reason = rest[6:].partition(" --")
    codes = tuple(code.upper() for code in re.split(r"[\s,]+", named.strip()) if code)
    return codes, reason.strip(" \t")


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
    safe: bool = False  # refused because the rule keeps the build safe (else: a refused value)


def apply(
    path: str,
    front_matter: tuple[str, int],
    body: tuple[str, int],
    findings: list[Diagnostic],
    known: Iterable[str],
    refusals: Collection[Diagnostic] = (),
    fixed: Collection[str] = (),
) -> list[Diagnostic]:
    """``findings`` without those the file's suppressions silence, and a finding for each
    suppression that gives no reason, names an unknown code or silences nothing.
    ``front_matter`` and ``body``: each text with the file line it starts on; ``refusals``:
    findings no suppression silences (a refused value leaves the post unbuildable); ``fixed``:
    codes of rules that keep the build safe, never silenced either."""
    suppressions = [
        *_find(*front_matter, _yaml_comment, fenced=False),
        *_find(*body, _body_comment),
    ]
    if not suppressions:
        return findings
    by_line = {s.target: s for s in suppressions}
    kept = []
    for finding in findings:
        suppression = by_line.get(finding.line) if finding.path == path else None
        if suppression is not None and finding.code in suppression.codes:
            if finding in refusals or finding.code in fixed:
                suppression.refused = finding.code
                suppression.safe = finding not in refusals
                kept.append(finding)
            else:
                suppression.used = True
        else:
            kept.append(finding)
    codes = set(known)
    for s in suppressions:
        unknown = [code for code in s.codes if code not in codes]
        if not s.codes:
            message = "the suppression names no rule code (write one, e.g. PP303)"
        elif unknown:
            message = f"'{', '.join(unknown)}' is not a Proofpress rule code"
        elif s.safe:
            message = f"{s.refused} keeps the build safe, so it cannot be silenced; fix the post"
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
        kept.append(SUPPRESSION.at(path, s.line, s.column, message))
    return kept


def _find(
    text: str,
    first_line: int,
    comment: Callable[[str], tuple[int, str] | None],
    *,
    fenced: bool = True,
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
        found = comment(line_text)
        parsed = _parse(found[1]) if found is not None else None
        if found is not None and parsed is not None:
            waiting.append(_Suppression(line, found[0], 0, *parsed))
            continue
        if line_text.strip():
            for suppression in waiting:
                suppression.target = line
                yield suppression
            waiting = []
    yield from waiting  # at the end: they silence nothing (target 0)
