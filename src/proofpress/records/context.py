"""What a post-level rule may look at besides the post itself."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from proofpress.core.diagnostics import Severity
from proofpress.core.rule import Levels
from proofpress.records.authors import Author


@dataclass(frozen=True, slots=True)
class CheckContext:
    authors: Mapping[str, Author]
    authors_path: str  # "docs/.authors.yml", for messages
    broken_authors: frozenset[str] = frozenset()  # registry keys whose entry has errors
    registry_failed: bool = False  # the registry could not be read at all
    dialect: str = "dev"  # "dev": Liquid tags are checked; "markdown": plain Python-Markdown
    remote_images: bool = False  # images from other hosts are shown (else they are findings)
    levels: Levels = field(default_factory=Levels)  # extra.proofpress.rules, checked
    drafts: Severity = "advice"  # a draft's findings: advice (it ships nothing), or errors
