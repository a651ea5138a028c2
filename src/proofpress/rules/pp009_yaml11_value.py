"""PP009 yaml11-value: Plain yes/no/on/off, 0-prefixed numbers and 1:30-style numbers are errors, not silent conversions."""

from proofpress.rules import Rule

RULE = Rule(
    code="PP009",
    name="yaml11-value",
    summary="Plain yes/no/on/off, 0-prefixed numbers and 1:30-style numbers are errors, not silent conversions.",
    hint="write true or false, or quote the value if you mean text",
    bad="published: yes\\ntitle: no",
    good='published: true\\ntitle: "no"',
    why="YAML 1.1 turns yes/no/on/off into booleans and 0755 into 493, so the post says something the writer did not mean.",
)
