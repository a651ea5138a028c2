"""Every rule of Proofpress, found where it is declared: the one registry.

A rule is declared once, beside the code that emits it: in the ``RULES`` table of the module
that finds the problem (``reading/reader.py``, ``records/schema.py``, ``check/files.py``…), or
as a body rule in ``rules/`` (a module holding ``RULE``, or ``RULES``, and ``check``). The
registry walks those packages and collects them, in code order; a second rule with a code
already taken is a defect, raised at once. The engine runs the body rules from here; the
reference docs and the command line read the same list.
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
from collections.abc import Iterable
from types import ModuleType
from typing import Protocol

import proofpress
from proofpress.body.analysis import Analysis
from proofpress.core.diagnostics import Diagnostic
from proofpress.core.rule import EXAMPLE_POST, Example, Rule
from proofpress.records.context import CheckContext

# The stages whose modules declare rules; a module declares its rules in ``RULES``.
DECLARING = ("core", "reading", "records", "body", "rules", "check")

INTERNAL = Rule(
    code="PP000",
    name="internal",
    summary="Proofpress could not finish checking a file; the file is treated as failing.",
    hint="simplify the construct the message names, and report the problem to Proofpress",
    why="A check that crashes must still fail the build and name the file, never print a "
    "traceback or pass silently.",
    example=Example(bad=EXAMPLE_POST, good=EXAMPLE_POST, defect=True),
)


class BodyRule(Protocol):
    """A module of ``rules/``: its rules and the ``check`` that emits them for one post."""

    RULES: tuple[Rule, ...]

    def check(self, analysis: Analysis, ctx: CheckContext) -> Iterable[Diagnostic]: ...


def _modules(stage: str) -> list[ModuleType]:
    package = importlib.import_module(f"{proofpress.__name__}.{stage}")
    return [
        importlib.import_module(info.name)
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + ".")
    ]


def rules_of(module: ModuleType) -> tuple[Rule, ...]:
    """The rules ``module`` declares: its ``RULES``, or its one ``RULE``."""
    if hasattr(module, "RULES"):
        return tuple(module.RULES)
    return (module.RULE,) if hasattr(module, "RULE") else ()


@functools.cache
def body_rules() -> tuple[BodyRule, ...]:
    """The modules of ``rules/``, in the order of their first codes."""
    found = [m for m in _modules("rules") if hasattr(m, "check") and rules_of(m)]
    return tuple(sorted(found, key=lambda m: rules_of(m)[0].code))


@functools.cache
def rules() -> tuple[Rule, ...]:
    """Every rule, in code order. Found on first use, when every stage below is importable."""
    by_code: dict[str, Rule] = {INTERNAL.code: INTERNAL}
    for stage in DECLARING:
        for module in _modules(stage):
            for rule in rules_of(module):
                if by_code.setdefault(rule.code, rule) is not rule:
                    raise RuntimeError(f"{rule.code} is declared twice ({module.__name__})")
    return tuple(rule for _code, rule in sorted(by_code.items()))
