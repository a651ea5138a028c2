"""PP205 avatar: An author's avatar is an existing file under docs/ or an https address."""

from proofpress.rules import Rule

RULE = Rule(
    code="PP205",
    name="avatar",
    summary="An author's avatar is an existing file under docs/ or an https address.",
    hint="put the image under docs/ and give its path relative to docs/",
    bad="avatar: me.png   # no such file",
    good="avatar: assets/avatars/me.png",
    why="A missing avatar shows a broken picture on every post of the author.",
)
