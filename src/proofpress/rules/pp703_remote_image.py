"""PP703 remote-image: With remote_images: false, no cover or body image is on another host.

The site never loads third-party images unless ``extra.proofpress.remote_images`` is true; a
remote cover or body image would silently disappear. Body images are Markdown images
``![alt](https://…)``, ``![alt][ref]`` with a remote ``[ref]: https://…``, and HTML
``<img src="https://…">``, outside code.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

from proofpress.body.analysis import Analysis
from proofpress.body.images import Positions, body_images
from proofpress.core.diagnostics import Diagnostic
from proofpress.core.rule import declared
from proofpress.core.weburl import is_remote_url
from proofpress.records.context import CheckContext

RULE = declared("PP703")


def _remote(address: str) -> bool:
    """As the sanitiser decides (the address as a browser reads it); data: images aside."""
    value = html.unescape(address)
    return is_remote_url(value) and not value.strip().lower().startswith("data:")


def check(analysis: Analysis, ctx: CheckContext) -> Iterable[Diagnostic]:
    post = analysis.post
    if ctx.remote_images:
        return
    if post.cover_image and _remote(post.cover_image):
        line, column = post.positions.get("cover_image", (1, 1))
        yield RULE.at(
            post.path,
            line,
            column,
            f"cover_image: '{post.cover_image}' is on another host, and remote_images is false: "
            "the page would show no cover",
        )
    text = analysis.masked
    where = Positions(text, post.body_line)
    for image in body_images(text):
        if not _remote(image.address):
            continue
        line, column = where(image.start)
        yield RULE.at(
            post.path,
            line,
            column,
            f"the image '{image.address}' is on another host, and remote_images is false: the page "
            "would show no image",
        )
