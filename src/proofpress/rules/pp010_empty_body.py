"""PP010 empty-body: A post has a body after its front matter."""

from proofpress.rules import Rule

RULE = Rule(
    code="PP010",
    name="empty-body",
    summary="A post has a body after its front matter.",
    hint="write the post below the closing ---",
    bad="---\\ntitle: Hello\\n...\\n---\\n",
    good="---\\ntitle: Hello\\n...\\n---\\n\\nThe text.\\n",
    why="An empty page is never what the writer meant to publish.",
)
