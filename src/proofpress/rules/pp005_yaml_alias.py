"""PP005 yaml-alias: YAML anchors and aliases (&name, *name) are not allowed."""

from proofpress.rules import Rule

RULE = Rule(
    code="PP005",
    name="yaml-alias",
    summary="YAML anchors and aliases (&name, *name) are not allowed.",
    hint="write each value out in full",
    bad="a: &a [x, x]\\nb: &b [*a, *a]",
    good="tags: [python, web]",
    why="A 387-byte alias bomb loads in a millisecond but needs gigabytes once a template prints it.",
)
