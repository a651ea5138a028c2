"""PP504 address: Every page of the site has an address of its own."""

from proofpress.rules import Rule

RULE = Rule(
    code="PP504",
    name="address",
    summary="Every page has an address of its own: no post at the address of a tag, series, "
    "feed or listing page, no two series with one address.",
    hint="change the slug, or rename the series",
    bad="# username t, tags: [python]\nslug: python",
    good="slug: python-tips",
    why="Two pages at one address overwrite each other: one of them silently disappears.",
)
