"""PP001 encoding: A post or the authors file must be UTF-8 text."""

from proofpress.rules import Rule

RULE = Rule(
    code="PP001",
    name="encoding",
    summary="A post or the authors file must be UTF-8 text.",
    hint="save the file as UTF-8 (most editors: 'Save with encoding' > UTF-8)",
    bad="A file saved as Latin-1: caf\\xe9 (byte 0xe9)",
    good="The same file saved as UTF-8: café",
    why="MkDocs crashes on other encodings with a byte offset and a traceback, and no line.",
)
