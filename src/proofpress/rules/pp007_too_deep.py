"""PP007 too-deep: Values are nested at most 8 levels deep."""

from proofpress.rules import Rule

RULE = Rule(
    code="PP007",
    name="too-deep",
    summary="Values are nested at most 8 levels deep.",
    hint="flatten the value",
    bad="x: [[[[[[[[[1]]]]]]]]]",
    good="x: [1]",
    why="Deep nesting crashes the YAML reader with RecursionError or a swallowed error.",
)
