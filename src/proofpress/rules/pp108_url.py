"""PP108 url: canonical_url is an http(s) address without spaces."""

from proofpress.rules import Rule

RULE = Rule(
    code="PP108",
    name="url",
    summary="canonical_url is an http(s) address without spaces.",
    hint="write the full address, e.g. https://example.com/my-post",
    bad="canonical_url: example.com/post",
    good="canonical_url: https://example.com/post",
    why="A relative or malformed canonical link tells search engines the wrong original.",
)
