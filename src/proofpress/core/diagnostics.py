"""Diagnostics are data: one frozen record per finding, sortable and printable three ways."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Literal

# "error": the build stops; "advice": reported everywhere, never stops a build or a command.
Severity = Literal["error", "advice"]


@dataclass(frozen=True, order=True, slots=True)
class Diagnostic:
    """One finding, located in file coordinates (1-based line and column)."""

    path: str  # relative to the site root, e.g. "docs/posts/x.md"
    line: int
    column: int
    code: str  # stable rule code, e.g. "PP101"
    message: str  # what was expected and what was found
    hint: str = ""  # how to fix it
    severity: Severity = "error"

    @property
    def advice(self) -> bool:
        return self.severity == "advice"

    def to_text(self) -> str:
        label = "advice: " if self.advice else ""
        head = f"{self.path}:{self.line}:{self.column}: {self.code} {label}{self.message}"
        return f"{head}\n    hint: {self.hint}" if self.hint else head

    def to_github(self) -> str:
        text = self.message + (f" Hint: {self.hint}" if self.hint else "")
        command = "notice" if self.advice else "error"
        return (
            f"::{command} file={_gh_property(self.path)},line={self.line},col={self.column},"
            f"title={_gh_property(self.code)}::{_gh_data(text)}"
        )


def _gh_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_property(value: str) -> str:
    return _gh_data(value).replace(":", "%3A").replace(",", "%2C")


def render(diagnostics: Iterable[Diagnostic], fmt: str) -> str:
    """Render findings as ``text``, ``json`` or ``github`` (workflow-command annotations)."""
    items = sorted(diagnostics)
    if fmt == "json":
        return json.dumps([asdict(d) for d in items], indent=2, ensure_ascii=False)
    if fmt == "github":
        return "\n".join(d.to_github() for d in items)
    return "\n".join(d.to_text() for d in items)


def short_list(items: Iterable[str], limit: int = 5) -> str:
    """Items joined by commas, the first ``limit`` only: messages stay short for any input."""
    shown: list[str] = []
    rest = 0
    for item in items:
        if len(shown) < limit:
            shown.append(item)
        else:
            rest += 1
    return ", ".join(shown) + (f" and {rest:,} more" if rest else "")
