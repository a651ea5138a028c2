"""PP105 title-length: A title is non-empty and at most 128 characters (DEV's limit)."""

from proofpress.rules import Rule

RULE = Rule(
    code="PP105",
    name="title-length",
    summary="A title is non-empty and at most 128 characters (DEV's limit).",
    hint="shorten the title",
    bad="title: ''",
    good="title: A Backend Developer Application",
    why="DEV refuses longer titles, and an empty one leaves the page without a heading.",
)
