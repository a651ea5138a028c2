"""PP107 tag-format: Each tag is lowercase letters and digits, at most 30 characters."""

from proofpress.rules import Rule

RULE = Rule(
    code="PP107",
    name="tag-format",
    summary="Each tag is lowercase letters and digits, at most 30 characters.",
    hint="write the tag the way DEV would publish it",
    bad="tags: [Node.js]",
    good="tags: [nodejs]",
    why="DEV lowercases tags and strips everything but [0-9a-z]; writing it that way keeps tag pages and DEV in agreement.",
)
