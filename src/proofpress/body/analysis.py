"""One post, analysed once: everything the body rules read about it.

The engine builds one :class:`Analysis` per post and hands it to every body rule. The outline
is parsed here, once; the kind, the ``##`` sections by title, the length claims, the word
counts, the limits scan and the Liquid findings are worked out on first use and kept, so no
rule reads the post a second time.
"""

from __future__ import annotations

from functools import cached_property
from typing import Protocol

from proofpress.body import claims, limits, liquid, words
from proofpress.body.limits import Exceeded
from proofpress.body.liquid_findings import Finding, liquid_findings
from proofpress.core.diagnostics import Diagnostic
from proofpress.core.rule import Rule
from proofpress.reading import sections
from proofpress.reading.sections import Outline, Section
from proofpress.records import kinds
from proofpress.records.kinds import Kind, normalize_title
from proofpress.records.model import Post


class Located(Protocol):
    """A place in the post file: a heading, a claim."""

    @property
    def line(self) -> int: ...
    @property
    def column(self) -> int: ...


class Analysis:
    def __init__(self, post: Post, dialect: str = "dev") -> None:
        self.post = post
        # Read as the page reads it (DEV's reading by default), so counts match the page.
        self.outline: Outline = sections.parse(post.body, post.body_line, dialect)
        self.kind: Kind | None = kinds.get_kind(post.kind)
        self._counts: dict[Section, int] = {}

    def at(self, rule: Rule, where: Located, message: str, hint: str | None = None) -> Diagnostic:
        """``rule``'s finding at a heading, claim or other place of this post's body."""
        return rule.at(self.post.path, where.line, where.column, message, hint)

    @cached_property
    def top_sections(self) -> list[Section]:
        """The ``##`` sections, in document order."""
        return self.outline.sections(2)

    @cached_property
    def titles(self) -> list[str]:
        return [s.title for s in self.top_sections]

    @cached_property
    def by_title(self) -> dict[str, Section]:
        """The ``##`` sections by normalised title, in document order; the first of a repeated
        title wins."""
        found: dict[str, Section] = {}
        for section in self.top_sections:
            found.setdefault(normalize_title(section.title), section)
        return found

    def section(self, title: str) -> Section | None:
        """The first ``##`` section called ``title`` (compared as kinds compare titles)."""
        return self.by_title.get(normalize_title(title))

    @cached_property
    def claims(self) -> list[claims.Claim]:
        """Every length claim in the post, resolved against its ``##`` titles."""
        return claims.find_claims(self.outline, self.titles)

    def section_words(self, section: Section) -> int:
        """Words under a section's heading, sub-sections included (counted once)."""
        if section not in self._counts:
            self._counts[section] = words.count_section(self.outline, section)
        return self._counts[section]

    @cached_property
    def limits(self) -> tuple[Exceeded, ...]:
        """Every limit the body exceeds (one scan, read by the PP8xx rules)."""
        return limits.scan(self.outline)

    def exceeded(self) -> list[Diagnostic]:
        """Where the body goes past a limit: each finding under its limit's rule (PP8xx)."""
        return [
            found.limit.rule.at(
                self.post.path,
                found.line,
                found.column,
                f"found {found.found}; the limit is {found.limit.value:,} {found.limit.what}",
            )
            for found in self.limits
        ]

    @cached_property
    def masked(self) -> str:
        """The body with code blanked out (same offsets), for the scans of Liquid and images."""
        return liquid.masked(self.post.body, self.outline)

    @cached_property
    def liquid_scan(self) -> liquid.Scan | None:
        """The body's Liquid tags, found once: the checks read them, and the renderer too
        (the check hands each post's scan to the site); None without any ``{%``."""
        if "{%" not in self.post.body:
            return None
        return liquid.scan(self.post.body, self.outline, self.masked)

    @cached_property
    def liquid(self) -> tuple[Finding, ...]:
        """What DEV would refuse in the body's Liquid (read by PP701 and PP702)."""
        return liquid_findings(self.post.body, self.liquid_scan)

    @cached_property
    def post_words(self) -> int:
        """Words in the whole post, reusing the section counts already made."""
        return words.count_post(self.outline, self.section_words)
