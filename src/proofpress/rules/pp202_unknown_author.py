"""PP202 unknown-author: A post's author is a key of docs/.authors.yml."""

from proofpress.rules import Rule

RULE = Rule(
    code="PP202",
    name="unknown-author",
    summary="A post's author is a key of docs/.authors.yml.",
    hint="use a key of docs/.authors.yml, or add the author there",
    bad="author: larisa",
    good="author: larissa",
    why="A post must be credited to a real, registered person.",
)
