"""PP601 unknown-setting: extra.proofpress and extra.comments hold only documented settings."""

from proofpress.rules import Rule

RULE = Rule(
    code="PP601",
    name="unknown-setting",
    summary="extra.proofpress and extra.comments in mkdocs.yml hold only the documented settings.",
    hint="rename the setting to the one you meant, or remove it",
    bad="extra:\n  proofpress:\n    pre_page: 10",
    good="extra:\n  proofpress:\n    per_page: 10",
    why="A misspelt setting silently does nothing: the site is built with the default instead.",
)
