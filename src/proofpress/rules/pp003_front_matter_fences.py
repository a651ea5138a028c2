"""PP003 front-matter-fences: A post starts with front matter between two --- lines, exactly as MkDocs reads it."""

from proofpress.rules import Rule

RULE = Rule(
    code="PP003",
    name="front-matter-fences",
    summary="A post starts with front matter between two --- lines, exactly as MkDocs reads it.",
    hint="start the post with ---, the YAML keys, and another ---",
    bad="\\n---\\ntitle: Hello\\n---\\n",
    good="---\\ntitle: Hello\\n---\\n",
    why="Without fences MkDocs falls back to MultiMarkdown metadata and silently swallows a first paragraph such as 'Note: back up first'; with a blank line or '----' it renders the YAML as body text.",
)
