"""PP111 slug: A slug is lowercase words joined by single hyphens, and unique per author."""

from proofpress.rules import Rule

RULE = Rule(
    code="PP111",
    name="slug",
    summary="A slug is lowercase words joined by single hyphens, and unique per author.",
    hint="write the slug as lowercase-words-with-hyphens",
    bad="slug: My Post!",
    good="slug: my-post",
    why="The slug is the post's URL; spaces and capitals break links and collide on case-insensitive hosts.",
)
