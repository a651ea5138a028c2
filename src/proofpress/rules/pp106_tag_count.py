"""PP106 tag-count: A post has at most 4 tags (DEV's limit)."""

from proofpress.rules import Rule

RULE = Rule(
    code="PP106",
    name="tag-count",
    summary="A post has at most 4 tags (DEV's limit).",
    hint="keep the four tags that describe the post best",
    bad="tags: [python, web, api, backend, career]",
    good="tags: [python, web, api, backend]",
    why="DEV keeps only four tags; the fifth would silently vanish on cross-posting.",
)
