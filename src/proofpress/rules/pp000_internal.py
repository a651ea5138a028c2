"""PP000 internal: Proofpress could not finish checking a file."""

from proofpress.rules import Rule

RULE = Rule(
    code="PP000",
    name="internal",
    summary="Proofpress could not finish checking a file; the file is treated as failing.",
    hint="simplify the construct the message names, and report the problem to Proofpress",
    bad="A post with 100,000 nested [ brackets",
    good="The same post without the pathological nesting",
    why="A check that crashes must still fail the build and name the file, never print a traceback or pass silently.",
)
