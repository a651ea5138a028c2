"""PP705 cover-alt: a post with a cover says what the cover shows (advice by default).

The page prints ``cover_alt`` as the cover's alt text; without it, DEV's own "Cover image for
<title>", which tells a screen-reader user nothing the title does not. Reported at the
``cover_image`` key. Advice by default; the site may make it an error.
"""

from __future__ import annotations

from collections.abc import Iterable

from proofpress.body.analysis import Analysis
from proofpress.core.diagnostics import Diagnostic
from proofpress.core.rule import EXAMPLE_FRONT_MATTER, Example, Rule, post_example
from proofpress.records.context import CheckContext

COVER = "cover_image: /assets/cover.svg\n"
RULE = Rule(
    code="PP705",
    name="cover-alt",
    summary="A post with a cover_image describes the cover in cover_alt.",
    hint="add 'cover_alt:' with a sentence saying what the cover shows",
    why=(
        "Without cover_alt the cover's alt text is DEV's \"Cover image for <title>\": a "
        "screen reader announces an image and says nothing about it."
    ),
    level="advice",
    configurable=True,
    example=Example(
        bad=post_example(EXAMPLE_FRONT_MATTER + COVER),
        good=post_example(
            EXAMPLE_FRONT_MATTER + COVER + "cover_alt: A server rack with one red light\n"
        ),
        extra=(("docs/assets/cover.svg", '<svg xmlns="http://www.w3.org/2000/svg"/>\n'),),
    ),
)


def check(analysis: Analysis, ctx: CheckContext) -> Iterable[Diagnostic]:
    post = analysis.post
    if not post.cover_image or post.cover_alt:
        return
    line, column = post.positions.get("cover_image", (1, 1))
    yield RULE.at(
        post.path,
        line,
        column,
        f"the cover has no cover_alt; the page would read 'Cover image for {post.title}'",
    )
