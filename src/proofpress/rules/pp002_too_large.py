"""PP002 too-large: A post is at most 1 MiB and its front matter at most 64 KiB."""

from proofpress.rules import Rule

RULE = Rule(
    code="PP002",
    name="too-large",
    summary="A post is at most 1 MiB and its front matter at most 64 KiB.",
    hint="split the post, or move generated data out of it",
    bad="A 20 MB post pasted from a log file",
    good="A post that links to the log instead",
    why="Huge pages take minutes to render and bloat the search index; the caps keep every check fast.",
)
