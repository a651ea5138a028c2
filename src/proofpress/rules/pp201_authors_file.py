"""PP201 authors-file: docs/.authors.yml exists and every author has the required fields."""

from proofpress.rules import Rule

RULE = Rule(
    code="PP201",
    name="authors-file",
    summary="docs/.authors.yml exists and every author has the required fields.",
    hint="give each author at least name and username",
    bad="larissa:\\n  username: larissacaldwell",
    good="larissa:\\n  name: Larissa Caldwell\\n  username: larissacaldwell",
    why="Every post page prints its author's card; a missing name would print nothing, or crash.",
)
