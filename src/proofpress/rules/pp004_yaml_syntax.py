"""PP004 yaml-syntax: Front matter and the authors file must be valid YAML."""

from proofpress.rules import Rule

RULE = Rule(
    code="PP004",
    name="yaml-syntax",
    summary="Front matter and the authors file must be valid YAML.",
    hint="check indentation, and quote values that contain ': '",
    bad="title: Failure: a story",
    good='title: "Failure: a story"',
    why="MkDocs swallows every YAML error and publishes the front matter as body text, even under --strict.",
)
