"""PP103 missing-key: title, date and author are required."""

from proofpress.rules import Rule

RULE = Rule(
    code="PP103",
    name="missing-key",
    summary="title, date and author are required.",
    hint="add the missing key to the front matter",
    bad="---\\ntitle: Hello\\n---",
    good="---\\ntitle: Hello\\ndate: 2026-11-02\\nauthor: larissa\\n---",
    why="A post without a date or an author cannot be placed in the feed or credited.",
)
