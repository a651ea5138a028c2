"""PP102 draft-key: There is no draft key: published: false makes a draft."""

from proofpress.rules import Rule

RULE = Rule(
    code="PP102",
    name="draft-key",
    summary="There is no draft key: published: false makes a draft.",
    hint="write 'published: false'",
    bad="draft: true",
    good="published: false",
    why="Other tools use draft: true; here (as on DEV) it would be ignored and the post published.",
)
