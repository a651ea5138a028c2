"""PP011 yaml-tag: YAML tags (!name, !!type) are not allowed."""

from proofpress.rules import Rule

RULE = Rule(
    code="PP011",
    name="yaml-tag",
    summary="YAML tags (!Wow, !!binary, !!python/object) are not allowed.",
    hint="remove the tag; quote the value if it is text that starts with !",
    bad="bio: !Wow Backend developer.",
    good='bio: "!Wow, a backend developer."',
    why="A tag either stops the YAML loader (an unknown tag) or builds a value no key expects (bytes, sets, Python objects); plain values are all front matter needs.",
)
