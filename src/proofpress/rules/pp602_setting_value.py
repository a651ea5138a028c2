"""PP602 setting-value: each site setting has its declared type and range."""

from proofpress.rules import Rule

RULE = Rule(
    code="PP602",
    name="setting-value",
    summary="Each setting in mkdocs.yml's extra.proofpress and extra.comments has its declared type and range.",
    hint="give the setting a value of the type the message names",
    bad="extra:\n  proofpress:\n    per_page: 0\n  comments: true",
    good="extra:\n  proofpress:\n    per_page: 12",
    why="A wrong value would be ignored or crash a template; a folder outside docs/ would publish files nobody proved.",
)
