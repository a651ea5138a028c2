"""What a rule is: a stable code, a name, one description, a fix, a reason and an example.

Every rule is declared once, in the catalogue beside this module (``core/rules.toml``), keyed by
its code: its name, summary, hint, why, its level and whether a site may change it, and its
example. The code that
emits a rule claims it there by code with :func:`declared` (a body rule is a module of
``rules/`` holding ``RULE`` and ``check(analysis, ctx)``; every other rule sits in the ``RULES``
of the module that finds the problem: the reader, the YAML reader, the schema, the authors
registry, the site settings, the engine), and fills each ``$name`` in the rule's text from the
constant it enforces, so a number is declared once, in the code. A limit (PP8xx) makes its
example from its value (:mod:`proofpress.body.limits`). :func:`proofpress.check.registry.rules`
lists every rule, in code order, and checks that each catalogue entry is claimed exactly once.

Every rule's :class:`Example` is a pair of complete files, a failing one and its fix; a test
runs both through the engine in a site whose other files are :data:`EXAMPLE_POST`,
:data:`EXAMPLE_AUTHORS` and :data:`EXAMPLE_CONFIG`.
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from string import Template
from typing import Any, Literal, cast

from proofpress.core.diagnostics import Diagnostic, Severity

ExampleFile = Literal["post", "authors", "config", "page", "svg", "link"]

# Where the examples' files go in a site, and the valid files that stand beside an example.
EXAMPLE_PATHS: dict[ExampleFile, str] = {
    "post": "docs/posts/example.md",
    "authors": "docs/.authors.yml",
    "config": "mkdocs.yml",
    "page": "docs/about.md",  # a Markdown page outside the posts folder
    "svg": "docs/assets/picture.svg",
    "link": "docs/assets/notes.txt",  # "-> target" in an example makes it a symlink
}
LINK_PREFIX = "-> "
EXAMPLE_CONFIG = "site_name: Failure Modes\n"
EXAMPLE_FRONT_MATTER = "title: Failure Modes\ndate: 2026-11-02\nauthor: larissa\npublished: true\n"
EXAMPLE_BODY = "The fastest way to learn a system is to watch it fail.\n"


def post_example(front_matter: str = EXAMPLE_FRONT_MATTER, body: str = EXAMPLE_BODY) -> str:
    """A complete post file: ``front_matter`` between the fences, a blank line, ``body``."""
    return f"---\n{front_matter}---\n\n{body}"


EXAMPLE_POST = post_example()

EXAMPLE_AUTHORS = """\
larissa:
  name: Larissa Caldwell
  username: larissacaldwell
  pen_names: [Lucibit]
"""
FILL = "<fill>"  # in a failing example, stands for Example.fill


@dataclass(frozen=True, slots=True)
class Example:
    """A failing file and the same file fixed, both complete."""

    bad: str
    good: str
    file: ExampleFile = "post"  # which file of the site the example is
    encoding: str = "utf-8"  # how the failing file is saved
    fill: tuple[str, int] = ("", 0)  # text repeated this many times where ``bad`` has FILL
    # True when no file can fail on purpose (the rule reports a defect in Proofpress itself):
    # the test then registers a check that raises and runs ``bad`` through the engine.
    defect: bool = False
    # Other files the site holds for both runs: (path in the site, text).
    extra: tuple[tuple[str, str], ...] = ()

    def bad_bytes(self) -> bytes:
        text, times = self.fill
        return self.bad.replace(FILL, text * times).encode(self.encoding)

    def good_bytes(self) -> bytes:
        return self.good.encode("utf-8")


@dataclass(frozen=True, slots=True)
class Rule:
    code: str  # "PP101"
    name: str  # "unknown-key"
    summary: str  # one line: what the rule proves
    hint: str  # the default fix
    why: str  # why the rule exists
    example: Example
    level: Severity = "error"  # what a finding is unless the site's settings say otherwise
    # A site may change the level only of a rule that judges a post's writing (its structure,
    # lengths, alt texts…); one that keeps the build safe or refuses a value the post cannot be
    # built without stays an error, and no suppression silences it.
    configurable: bool = False

    def at(
        self,
        path: str,
        line: int,
        column: int,
        message: str,
        hint: str | None = None,
    ) -> Diagnostic:
        """A finding of this rule, at its default level (the site's levels apply later)."""
        return Diagnostic(
            path, line, column, self.code, message, self.hint if hint is None else hint, self.level
        )


CATALOGUE = Path(__file__).with_name("rules.toml")  # every rule's words and example, by code
_ENTRY_KEYS = frozenset({"name", "summary", "hint", "why", "level", "configurable", "example"})
_EXAMPLE_KEYS = frozenset({"bad", "good", "file", "encoding", "fill", "defect", "extra"})
_FILLED = ("summary", "hint", "why")  # the texts whose $names the code fills in


@functools.cache
def catalogue() -> dict[str, dict[str, Any]]:
    """Every entry of the rule catalogue, by code, as the file declares it."""
    entries = tomllib.loads(CATALOGUE.read_text(encoding="utf-8"))
    for code, entry in entries.items():
        unknown = (entry.keys() - _ENTRY_KEYS) | (entry.get("example", {}).keys() - _EXAMPLE_KEYS)
        if unknown:
            raise ValueError(f"{CATALOGUE.name}: {code} has unknown keys {sorted(unknown)}")
    return entries


def declared(code: str, example: Example | None = None, /, **values: object) -> Rule:
    """The rule ``code`` as the catalogue declares it, each ``$name`` in its summary, hint and
    why filled in from ``values`` (the constants the caller enforces). ``example`` is given only
    where the code makes it (a limit's, from its value); every other example is the catalogue's.
    """
    entry = catalogue().get(code)
    if entry is None:
        raise KeyError(f"{code} is not in {CATALOGUE.name}")
    if (example is None) == ("example" not in entry):
        raise ValueError(f"{code}: the example comes from {CATALOGUE.name} or from the code, once")
    texts = {}
    for key in _FILLED:
        try:
            texts[key] = Template(entry[key]).substitute(values)
        except KeyError as missing:
            raise KeyError(f"{code} {key}: nothing fills ${missing.args[0]}") from None
    return Rule(
        code,
        entry["name"],
        texts["summary"],
        texts["hint"],
        texts["why"],
        example if example is not None else _example(code, entry["example"]),
        entry.get("level", "error"),
        entry.get("configurable", False),
    )


def declared_all(*codes: str, **values: object) -> tuple[Rule, ...]:
    """The rules ``codes``, in that order, as :func:`declared` gives each."""
    return tuple(declared(code, **values) for code in codes)


def _example(code: str, entry: dict[str, Any]) -> Example:
    file = entry.get("file", "post")
    if file not in EXAMPLE_PATHS:
        raise ValueError(f"{code}: the example's file is one of {', '.join(EXAMPLE_PATHS)}")
    fill = entry.get("fill", {"text": "", "times": 0})
    return Example(
        bad=entry["bad"],
        good=entry["good"],
        file=cast(ExampleFile, file),
        encoding=entry.get("encoding", "utf-8"),
        fill=(fill["text"], fill["times"]),
        defect=entry.get("defect", False),
        extra=tuple(entry.get("extra", {}).items()),
    )


_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
_ORDINALS = (
    "zeroth",
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
)


def in_words(number: int) -> str:
    """A small number as rule text spells it out ("four"); a larger one in digits."""
    return _WORDS[number] if 0 <= number < len(_WORDS) else f"{number:,}"


def ordinal_in_words(number: int) -> str:
    """A small ordinal spelt out ("fifth"); a larger one in digits ("12th", "21st")."""
    if 0 <= number < len(_ORDINALS):
        return _ORDINALS[number]
    suffix = (
        "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    )
    return f"{number:,}{suffix}"


Level = Literal["error", "advice", "off"]


@dataclass(frozen=True, slots=True)
class Levels:
    """The levels a site gave its rules (``extra.proofpress.rules``, read and checked by
    :mod:`proofpress.check.levels`): rule code -> level, for every post and for one kind's
    posts. Only rules a site may change are ever here; any other keeps its own level."""

    site: Mapping[str, Level] = field(default_factory=dict)
    kinds: Mapping[str, Mapping[str, Level]] = field(default_factory=dict)  # kind -> code -> level

    def of(self, code: str, kind: str | None = None) -> Level | None:
        """The level the site set for ``code`` in a post of ``kind``; None: the rule's own."""
        return self.kinds.get(kind or "", {}).get(code) or self.site.get(code)

    def apply(self, findings: Iterable[Diagnostic], kind: str | None = None) -> list[Diagnostic]:
        """``findings`` at the site's levels: a rule that is off says nothing."""
        kept = []
        for finding in findings:
            level = self.of(finding.code, kind)
            if level is None or level == finding.severity:
                kept.append(finding)
            elif level != "off":
                kept.append(replace(finding, severity=level))
        return kept
