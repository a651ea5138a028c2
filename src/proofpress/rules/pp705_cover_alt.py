"""PP705 cover-alt: a post with a cover says what the cover shows (advice by default).

The page prints ``cover_alt`` as the cover's alt text; without it, DEV's own "Cover image for
<title>", which tells a screen-reader user nothing the title does not. Reported at the
``cover_image`` key. Advice by default; the site may make it an error.
"""

from __future__ import annotations

from collections.abc import Iterable

from proofpress.body.analysis import Analysis
from proofpress.core.diagnostics import Diagnostic
from proofpress.core.rule import declared
from proofpress.records.context import CheckContext

RULE = declared("PP705")


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
