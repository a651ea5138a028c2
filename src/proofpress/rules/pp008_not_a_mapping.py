"""PP008 not-a-mapping: Front matter is a mapping of keys to values."""

from proofpress.rules import Rule

RULE = Rule(
    code="PP008",
    name="not-a-mapping",
    summary="Front matter is a mapping of keys to values.",
    hint="write one 'key: value' per line",
    bad="---\\n- title: Hello\\n---",
    good="---\\ntitle: Hello\\n---",
    why="A list or a bare string is not metadata; MkDocs would drop it without a word.",
)
