"""Every rule of Proofpress, found where it is claimed: the one registry.

A rule is declared once, in the rule catalogue (``core/rules.toml``), keyed by its code: its
words and its example. The code that emits it claims it by code (``core.rule.declared``),
beside that code: in the ``RULES`` table of the module that finds the problem
(``reading/reader.py``, ``records/schema.py``, ``check/files.py``…), or as a body rule in
``rules/`` (a module holding ``RULE``, or ``RULES``, and ``check``). The registry walks those
packages and collects them, in code order; a code claimed twice, a catalogue entry no module
claims and a rule the catalogue does not hold are defects, raised at once. The engine runs the
body rules from here; the reference docs and the command line read the same list.
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
from proofpress.core.rule import Rule, catalogue, declared
from proofpress.records.context import CheckContext

# The stages whose modules claim rules; a module holds its rules in ``RULES`` (or ``RULE``).
DECLARING = ("core", "reading", "records", "body", "rules", "check")

INTERNAL = declared("PP000")  # the engine emits it, for any check that fails


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
    """Every rule, in code order. Found on first use, when every stage below is importable.

    Each entry of the catalogue is claimed by exactly one module, and each rule a module holds
    is an entry of the catalogue: anything else is a defect, raised at once."""
    by_code: dict[str, Rule] = {INTERNAL.code: INTERNAL}
    for stage in DECLARING:
        for module in _modules(stage):
            for rule in rules_of(module):
                if rule.code in by_code:  # a second module, or a second time in one
                    raise RuntimeError(f"{rule.code} is declared twice ({module.__name__})")
                by_code[rule.code] = rule
    unclaimed = sorted(catalogue().keys() - by_code.keys())
    if unclaimed:
        raise RuntimeError(f"no module claims {', '.join(unclaimed)} of the rule catalogue")
    uncatalogued = sorted(by_code.keys() - catalogue().keys())
    if uncatalogued:
        raise RuntimeError(f"{', '.join(uncatalogued)} is not in the rule catalogue")
    return tuple(rule for _code, rule in sorted(by_code.items()))
