"""PP104 wrong-type: Each key's value has the type the schema declares."""

from proofpress.rules import Rule

RULE = Rule(
    code="PP104",
    name="wrong-type",
    summary="Each key's value has the type the schema declares.",
    hint="give the value the type the message names",
    bad='title: 123\\ncomments: "false"',
    good='title: "123"\\ncomments: false',
    why="MkDocs and Material crash with a traceback, or print the wrong thing, on values of the wrong type.",
)
