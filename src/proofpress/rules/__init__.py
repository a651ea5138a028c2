"""Every rule has one module here, one stable code and one documented example.

A rule module defines ``RULE`` (its metadata). Rules that look at a whole post also define
``check(post, site) -> Iterable[Diagnostic]``; rules raised while reading a file (encoding,
YAML) are emitted by the reader through ``RULE.at(...)``.
"""

from __future__ import annotations

from dataclasses import dataclass

from proofpress.diagnostics import Diagnostic


@dataclass(frozen=True, slots=True)
class Rule:
    code: str  # "PP101"
    name: str  # "unknown-key"
    summary: str  # one line: what the rule proves
    hint: str  # the default fix
    bad: str  # a failing example (Markdown or YAML)
    good: str  # the same example, fixed
    why: str  # why the rule exists

    def at(
        self, path: str, line: int, column: int, message: str, hint: str | None = None
    ) -> Diagnostic:
        return Diagnostic(path, line, column, self.code, message, self.hint if hint is None else hint)
