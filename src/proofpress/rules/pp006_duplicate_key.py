"""PP006 duplicate-key: A key appears at most once."""

from proofpress.rules import Rule

RULE = Rule(
    code="PP006",
    name="duplicate-key",
    summary="A key appears at most once.",
    hint="keep one of them",
    bad="title: Draft title\\ntitle: Final title",
    good="title: Final title",
    why="YAML silently keeps the last value, so an edit to the first one does nothing.",
)
