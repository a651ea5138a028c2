"""PP503 page: A page outside the posts folder uses only the page keys."""

from proofpress.rules import Rule

RULE = Rule(
    code="PP503",
    name="page",
    summary="A Markdown page outside the posts folder uses only the page keys: title, "
    "description, published.",
    hint="keep title, description and published; move a post into the posts folder",
    bad="---\ntitle: About\ndate: 2026-11-02\n---",
    good="---\ntitle: About\n---",
    why="Pages are published without the post checks; a post saved in the wrong folder must "
    "not go live unproven.",
)
