"""PP505 control-character: Front matter and the authors registry hold no invisible characters."""

from proofpress.rules import Rule

RULE = Rule(
    code="PP505",
    name="control-character",
    summary="Front-matter and authors text holds no control characters or bidi overrides.",
    hint="delete the invisible character (retype the text)",
    bad='title: "Safe \\u202Eexe.txt"',
    good="title: Safe text",
    why="NUL and bidi overrides (U+202E) make a title read differently from what it says, in "
    "every page, feed and search result.",
)
