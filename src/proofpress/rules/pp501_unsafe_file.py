"""PP501 unsafe-file: Every file under docs/ is a regular file inside the site's folder."""

from proofpress.rules import Rule

RULE = Rule(
    code="PP501",
    name="unsafe-file",
    summary="Every file under docs/ is a regular file inside the site's folder: no symlink that "
    "leaves it, loops or is broken.",
    hint="replace the symlink with the file itself, or delete it",
    bad="docs/posts/notes.md -> /home/me/private/notes.md",
    good="docs/posts/notes.md   # the file itself, committed",
    why="MkDocs follows symlinks: one that leaves the repository publishes private files, "
    "one that loops never ends the build.",
)
