"""PP110 cover-image: cover_image is an existing file under docs/ or an https address."""

from proofpress.rules import Rule

RULE = Rule(
    code="PP110",
    name="cover-image",
    summary="cover_image is an existing file under docs/ or an https address.",
    hint="put the image under docs/ and give its path relative to the post",
    bad="cover_image: assets/cover.png   # no such file",
    good="cover_image: ../assets/cover.png",
    why="A missing cover image shows a broken picture on every card of the feed.",
)
