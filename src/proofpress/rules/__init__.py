"""Every rule has one module here, one stable code and one documented example.

A rule module defines ``RULE`` (its metadata). Rules that look at a post's body also define
``check(post, ctx) -> Iterable[Diagnostic]`` and are run by :mod:`proofpress.body_checks`;
the others are emitted where the problem is found (the reader, the schema, the authors
registry, the engine) through ``RULE.at(...)``.
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass
from types import ModuleType

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
        return Diagnostic(
            path, line, column, self.code, message, self.hint if hint is None else hint
        )


def rule_modules() -> list[ModuleType]:
    """Every rule module, in code order (imported once, then cached)."""
    if not _MODULES:
        for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
            if info.name.startswith("pp"):
                _MODULES.append(importlib.import_module(f"{__name__}.{info.name}"))
    return _MODULES


def all_rules() -> list[Rule]:
    return [module.RULE for module in rule_modules()]


_MODULES: list[ModuleType] = []
