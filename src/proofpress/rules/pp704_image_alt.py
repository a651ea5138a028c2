"""PP704 image-alt: every image in a post body has an alt text (advice by default).

Markdown images (``![alt](x.png)``, ``![alt][ref]``) and HTML ``<img>`` tags outside code, as
:mod:`proofpress.body.images` finds them. An image without alt text, or with an empty or blank one,
is reported at its first character. Advice by default (the site may make it an error, see
:mod:`proofpress.check.levels`): real DEV posts often leave alt texts empty, and an import
must not be refused for it.
"""

from __future__ import annotations

from collections.abc import Iterable

from proofpress.body.analysis import Analysis
from proofpress.body.images import Positions, body_images, has_alt
from proofpress.core.diagnostics import Diagnostic
from proofpress.core.rule import EXAMPLE_FRONT_MATTER, Example, Rule, post_example
from proofpress.records.context import CheckContext

RULE = Rule(
    code="PP704",
    name="image-alt",
    summary="Every image in a post body has an alt text.",
    hint=(
        "describe what the image shows between the brackets, ![a graph of requests per second]"
        '(graph.png), or in alt="…" on an <img>'
    ),
    why=(
        "A screen reader reads the alt text in place of the image: without one, a reader who "
        "cannot see it hears nothing, or the file's name. Many DEV posts leave it empty, so "
        "it is advice unless the site asks for errors."
    ),
    level="advice",
    configurable=True,
    example=Example(
        bad=post_example(EXAMPLE_FRONT_MATTER, "![](/assets/picture.svg)\n"),
        good=post_example(
            EXAMPLE_FRONT_MATTER, "![A red circle: the system's state](/assets/picture.svg)\n"
        ),
        extra=(("docs/assets/picture.svg", '<svg xmlns="http://www.w3.org/2000/svg"/>\n'),),
    ),
)


def check(analysis: Analysis, ctx: CheckContext) -> Iterable[Diagnostic]:
    post = analysis.post
    text = analysis.masked
    where = Positions(text, post.body_line)
    for image in body_images(text):
        if has_alt(image):
            continue
        line, column = where(image.start)
        missing = "has no alt attribute" if image.alt is None else "has an empty alt text"
        shown = f"the <img> '{image.address}'" if image.html else f"the image '{image.address}'"
        yield RULE.at(post.path, line, column, f"{shown} {missing}")
