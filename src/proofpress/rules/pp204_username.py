"""PP204 username: A username is 1 to 30 letters, digits or underscores, unique across authors."""

from proofpress.rules import Rule

RULE = Rule(
    code="PP204",
    name="username",
    summary="A username is 1 to 30 letters, digits or underscores, unique across authors.",
    hint="write the username as DEV shows it, e.g. larissacaldwell",
    bad="username: Larissa Caldwell",
    good="username: larissacaldwell",
    why="The username is the author's URL on the site (/<username>/), as on DEV.",
)
