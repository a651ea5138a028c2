"""PP703 remote-image: With remote_images: false, no cover or body image is on another host.

The site never loads third-party images unless ``extra.proofpress.remote_images`` is true; a
remote cover or body image would silently disappear. Body images are Markdown images
``![alt](https://…)``, ``![alt][ref]`` with a remote ``[ref]: https://…``, and HTML
``<img src="https://…">``, outside code.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from proofpress.analysis import Analysis
from proofpress.context import CheckContext
from proofpress.diagnostics import Diagnostic
from proofpress.rules import EXAMPLE_FRONT_MATTER, Example, Rule, post_example
from proofpress.weburl import is_remote_url

RULE = Rule(
    code="PP703",
    name="remote-image",
    summary="With remote_images: false, the cover and body images are files of the site, not other hosts' addresses.",
    hint=(
        "download it into the site with 'proofpress import --localize-images', or set "
        "'remote_images: true' under extra.proofpress in mkdocs.yml"
    ),
    why=(
        "The site loads no third-party image unless remote_images allows it, so a remote image "
        "would disappear from the page without a word."
    ),
    example=Example(
        bad=post_example(
            EXAMPLE_FRONT_MATTER
            + "cover_image: https://raw.githubusercontent.com/me/blog/master/cover.png\n"
        ),
        good=post_example(),
    ),
)

# Every image address, remote or not; is_remote_url then decides as the sanitiser does.
_IMAGE = re.compile(
    r"!\[[^\]\n]*\]\(\s*<?(?P<md>[^\s)>]+)"
    r"|<img\b[^>]*?\bsrc\s*=\s*(?:\"(?P<dq>[^\"]*)\"|'(?P<sq>[^']*)'|(?P<bare>[^\s>]+))",
    re.IGNORECASE,
)
_DEFINITION = re.compile(r"^[ \t]{0,3}\[(?P<label>[^\]\n]+)\]:[ \t]*<?(?P<url>[^\s>]+)", re.M)
_IMAGE_REFERENCE = re.compile(r"!\[(?P<alt>[^\]\n]*)\](?:\[(?P<label>[^\]\n]*)\])?(?!\()")


def _remote(address: str) -> bool:
    """As the sanitiser decides (the address as a browser reads it); data: images aside."""
    value = html.unescape(address)
    return is_remote_url(value) and not value.strip().lower().startswith("data:")


def _remote_images(text: str) -> list[tuple[int, str]]:
    """(offset, address) of every remote image: inline, HTML, or by reference."""
    found = []
    for m in _IMAGE.finditer(text):
        address = next(v for v in (m["md"], m["dq"], m["sq"], m["bare"]) if v is not None)
        if _remote(address):
            found.append((m.start(), address))
    remote = {
        m["label"].strip().lower(): m["url"]
        for m in _DEFINITION.finditer(text)
        if _remote(m["url"])
    }
    if remote:
        for m in _IMAGE_REFERENCE.finditer(text):
            label = (m["label"] or m["alt"]).strip().lower()
            if label in remote:
                found.append((m.start(), remote[label]))
    return sorted(found)


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
    for start, url in _remote_images(text):
        index = text.count("\n", 0, start)
        column = start - (text.rfind("\n", 0, start) + 1) + 1
        yield RULE.at(
            post.path,
            post.body_line + index,
            column,
            f"the image '{url}' is on another host, and remote_images is false: the page "
            "would show no image",
        )
