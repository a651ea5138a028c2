"""The site's rule levels: ``extra.proofpress.rules`` in mkdocs.yml, checked against the rules.

A key names rules by code (``PP303``), name (``empty-section``) or family (``PP3``: every rule
whose code starts so); its value is ``error``, ``advice`` or ``off`` (YAML reads a plain
``off`` as false, which means the same). A kind's name as a key holds such a mapping for that
kind's posts only. The more specific entry wins: a kind's over the site's, a code or name over a
family, a longer family over a shorter one; ``alt_text`` sets PP704 and PP705 below them all.

Only a rule that judges a post's writing may change level (:attr:`Rule.configurable`). Naming
one that keeps the build safe with ``advice`` or ``off`` is refused (PP602, at the key), and so
is a family holding no rule a site may change; ``error`` for it changes nothing and is allowed.
Every unknown name is a PP602 at its key with the closest code, name or kind.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from proofpress.core.diagnostics import Diagnostic
from proofpress.core.rule import Level, Levels, Rule
from proofpress.records.kinds import KINDS
from proofpress.records.schema import close_match, describe
from proofpress.records.settings import LEVELS, SETTING_VALUE, SiteConfig, locate

ALT_TEXT = ("PP704", "PP705")  # what the alt_text setting sets
_FAMILY = re.compile(r"PP\d{1,2}")
_CODE = re.compile(r"pp\d*", re.IGNORECASE)
_WHERE = ("extra", "proofpress", "rules")


def load_levels(config: SiteConfig, rules: Sequence[Rule]) -> tuple[Levels, list[Diagnostic]]:
    """The site's levels, and a finding for every entry that names no rule or may not apply."""
    reader = _Reader(config, rules)
    given = config.settings.rules
    site: dict[str, Level] = dict.fromkeys(ALT_TEXT, config.settings.alt_text)
    site.update(reader.scope({k: v for k, v in given.items() if k not in KINDS}, _WHERE, None))
    kinds: dict[str, dict[str, Level]] = {}
    for kind in (key for key in given if key in KINDS):
        if isinstance(given[kind], Mapping):
            kinds[kind] = reader.scope(given[kind], (*_WHERE, kind), kind)
        else:
            found = describe(given[kind])
            expected = f"expected a mapping of rules to levels for {kind} posts, found {found}"
            reader.refuse((*_WHERE, kind), expected, "write one rule a line below it")
    return Levels(site, {kind: levels for kind, levels in kinds.items() if levels}), reader.problems


class _Reader:
    def __init__(self, config: SiteConfig, rules: Sequence[Rule]) -> None:
        self.config = config
        self.rules = rules
        self.by_name = {r.code: r for r in rules} | {r.name: r for r in rules}
        self.problems: list[Diagnostic] = []

    def refuse(self, key: tuple[str, ...], message: str, hint: str) -> None:
        line, column = locate(self.config.positions, key)
        self.problems.append(
            SETTING_VALUE.at(
                self.config.config_path, line, column, f"{'.'.join(key)}: {message}", hint
            )
        )

    def scope(
        self, entries: Mapping[str, Any], where: tuple[str, ...], kind: str | None
    ) -> dict[str, Level]:
        """One mapping of rules to levels, most specific entry last so that it wins."""
        found: list[tuple[int, list[Rule], Level]] = []
        for key, value in entries.items():
            at = (*where, str(key))
            targets = self.targets(str(key), at, kind)
            level = None if targets is None else self.level(value, at)
            if targets is None or level is None:
                continue
            changeable = [r for r in targets if r.configurable]
            if level != "error" and not changeable:
                self.refuse(
                    at,
                    self.fixed(str(key), targets, level),
                    "remove the line; RULES.md marks the rules a site may change",
                )
                continue
            specific = 9 if _FAMILY.fullmatch(str(key).upper()) is None else len(str(key))
            found.append((specific, changeable, level))
        levels: dict[str, Level] = {}
        for _, targets, level in sorted(found, key=lambda entry: entry[0]):
            levels.update((rule.code, level) for rule in targets)
        return levels

    def targets(self, key: str, at: tuple[str, ...], kind: str | None) -> list[Rule] | None:
        """The rules ``key`` names (a code or family in any case, or a name), else None and a
        finding with the closest name."""
        probe = key.upper() if _CODE.fullmatch(key) else key
        if probe in self.by_name:
            return [self.by_name[probe]]
        if _FAMILY.fullmatch(probe):
            family = [r for r in self.rules if r.code.startswith(probe)]
            if family:
                return family
        names = {n.lower(): n for n in [*self.by_name, *(KINDS if kind is None else ())]}
        swapped = [n for n in names if sorted(n) == sorted(key.lower())]  # PP330 for PP303
        close = names.get(swapped[0] if swapped else close_match(key, list(names)) or "")
        mean = f"; did you mean '{close}'?" if close else ""
        what = "rule code, name, family or kind" if kind is None else "rule code, name or family"
        self.refuse(
            at,
            f"'{key}' is no {what}{mean}",
            f"write {close}"
            if close
            else "name a rule by its code, like PP303 (RULES.md lists them)",
        )
        return None

    def level(self, value: Any, at: tuple[str, ...]) -> Level | None:
        if value is False:  # YAML 1.1 reads a plain off as false
            return "off"
        if value in LEVELS:
            return value
        self.refuse(at, f"expected error, advice or off, found {describe(value)}", "write advice")
        return None

    @staticmethod
    def fixed(key: str, targets: list[Rule], level: Level) -> str:
        made = "turned off" if level == "off" else "made advice"
        if len(targets) == 1:
            rule = targets[0]
            return f"{rule.code} {rule.name} keeps the build safe: it cannot be {made}"
        return f"every rule of {key} keeps the build safe: none can be {made}"
