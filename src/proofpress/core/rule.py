"""What a rule is: a stable code, a name, one description, a fix, a reason and an example.

Rules live with the code that emits them. A body rule is a module in this package holding
``RULE`` and ``check(analysis, ctx)``; every other rule sits in a table owned by the module that
finds the problem (the reader, the YAML reader, the schema, the authors registry, the site
settings, the engine). :data:`proofpress.check.engine.REGISTRY` lists them all, in code order.

Every rule's :class:`Example` is a pair of complete files, a failing one and its fix; a test
runs both through the engine in a site whose other files are :data:`EXAMPLE_POST`,
:data:`EXAMPLE_AUTHORS` and :data:`EXAMPLE_CONFIG`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Literal

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

# The parts of an example application package (kind application-package), in the kind's order.
LETTER = """\
## Cover Letter

Dear Hiring Manager,

I build backends that fail safely, and I would like to build yours.

Sincerely,

Lucibit
"""
PROPOSAL = """\
## Day-One Contribution Proposal

Map the critical paths, then give each one an alert and a runbook.
"""
REASONS = """\
## Why This Package Fits the Quest

### 1. Expertise

Ten years of services that stay up.

### 2. Problem-solving

A real outage, traced and fixed.

### 3. Adaptability

Three stacks, learned on the job.

### 4. Remote work

Written updates, every day.

### 5. Day one

The proposal ships in a week.
"""
NOTES = """\
## Final Editorial Notes

Every part of this package is short on purpose.
"""


def package_example(*parts: str) -> str:
    """A complete application-package post made of ``parts`` (default: all four, in order)."""
    body = "\n".join(parts or (LETTER, PROPOSAL, REASONS, NOTES))
    return post_example(EXAMPLE_FRONT_MATTER + "kind: application-package\n", body)


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
