"""Post kinds: the structure a post promises, declared once for the checker and the scaffolder.

A post names its kind in front matter (``kind: application-package``; default ``article``).
A kind lists its ``##`` sections in order, each with an optional word limit, whether it may be
left out, how many numbered ``###`` sub-sections it must hold, whether it contains a letter
(then the sign-off rule applies), and the skeleton text ``proofpress new`` writes for it.
Sections the kind does not list may appear anywhere. Front matter may override limits:
``word_limits`` (section title -> max words) and ``max_words`` (whole post).
"""

from __future__ import annotations

from dataclasses import dataclass

PLACEHOLDER = "Write this part."
SIGNATURE = "YOUR NAME"  # where a skeleton's letter is signed; the scaffolder fills it in


@dataclass(frozen=True, slots=True)
class SectionSpec:
    title: str  # the ``##`` heading's text, matched case-insensitively
    max_words: int | None = None
    optional: bool = False
    numbered_subsections: int = 0  # exactly this many ``### 1. …`` … ``### N. …``; 0: no rule
    letter: bool = False  # holds a letter that ends with a closing and the author's name
    skeleton: str = ""  # the section's starting text for a new post

    def template(self) -> str:
        lines = [f"## {self.title}", ""]
        if self.numbered_subsections:
            for n in range(1, self.numbered_subsections + 1):
                lines += [f"### {n}. Point {n}", "", self.skeleton or PLACEHOLDER, ""]
        else:
            lines += [self.skeleton or PLACEHOLDER, ""]
        return "\n".join(lines)


@dataclass(frozen=True, slots=True)
class Kind:
    name: str
    summary: str
    sections: tuple[SectionSpec, ...] = ()
    max_words: int | None = None  # whole-post limit
    allow_h1: bool = False  # may the body hold a ``#`` heading (the title comes from front matter)
    intro: str = "Say in one paragraph what this post is."

    def section(self, title: str) -> SectionSpec | None:
        key = normalize_title(title)
        return next((s for s in self.sections if normalize_title(s.title) == key), None)

    @property
    def letter_section(self) -> SectionSpec | None:
        return next((s for s in self.sections if s.letter), None)

    def skeleton(self, signature: str = SIGNATURE) -> str:
        """The body of a new post of this kind (front matter not included), signed ``signature``."""
        parts = [self.intro, ""] + [s.template() for s in self.sections]
        return "\n".join(parts).rstrip("\n").replace(SIGNATURE, signature) + "\n"


def normalize_title(title: str) -> str:
    """How section titles are compared: case-insensitive, whitespace collapsed."""
    return " ".join(title.split()).casefold()


ARTICLE = Kind(
    name="article",
    summary="A free-form post: no required sections.",
    intro="Write the post here.",
)

APPLICATION_PACKAGE = Kind(
    name="application-package",
    summary=(
        "A job application published as a proof article: a cover letter, a day-one proposal, "
        "five numbered reasons it fits, and editorial notes."
    ),
    sections=(
        SectionSpec(
            "Cover Letter",
            max_words=400,
            letter=True,
            skeleton=f"Dear Hiring Manager,\n\nWrite the letter here.\n\nSincerely,\n\n{SIGNATURE}",
        ),
        SectionSpec(
            "Day-One Contribution Proposal",
            max_words=200,
            skeleton="Say what you would ship in your first week.",
        ),
        SectionSpec(
            "Why This Package Fits the Quest",
            max_words=700,
            numbered_subsections=5,
            skeleton="Give one reason, with evidence.",
        ),
        SectionSpec(
            "Final Editorial Notes",
            max_words=250,
            skeleton="Say what the package proves, and state its lengths.",
        ),
    ),
    max_words=1500,
    intro="Say why this application is worth reading, in two short paragraphs.",
)

KINDS: dict[str, Kind] = {kind.name: kind for kind in (ARTICLE, APPLICATION_PACKAGE)}
DEFAULT_KIND = ARTICLE.name


def get_kind(name: str) -> Kind | None:
    return KINDS.get(name)


def section_limit(
    kind: Kind | None, title: str, overrides: dict[str, int]
) -> tuple[int | None, str]:
    """A section's word limit and where it comes from: front matter first, then the kind."""
    key = normalize_title(title)
    for name, limit in overrides.items():
        if normalize_title(name) == key:
            return limit, "front matter word_limits"
    spec = kind.section(title) if kind else None
    if spec and spec.max_words is not None:
        return spec.max_words, f"kind {kind.name}" if kind else ""
    return None, ""


def post_limit(kind: Kind | None, override: int | None) -> tuple[int | None, str]:
    """The whole-post word limit and where it comes from."""
    if override is not None:
        return override, "front matter max_words"
    if kind and kind.max_words is not None:
        return kind.max_words, f"kind {kind.name}"
    return None, ""
