"""PP101 unknown-key: Front matter holds only the keys Proofpress documents."""

from proofpress.rules import Rule

RULE = Rule(
    code="PP101",
    name="unknown-key",
    summary="Front matter holds only the keys Proofpress documents.",
    hint="rename the key to the one you meant, or remove it",
    bad="auhtor: larissa",
    good="author: larissa",
    why="An unknown key is almost always a typo, and a typo in a key silently does nothing.",
)
