"""PP109 date: date and updated are real dates, and updated is not before date."""

from proofpress.rules import Rule

RULE = Rule(
    code="PP109",
    name="date",
    summary="date and updated are real dates, and updated is not before date.",
    hint="write dates as 2026-11-02 or 2026-11-02 09:30",
    bad="date: 2026-13-02",
    good="date: 2026-12-02",
    why="A date that does not parse would put the post in the wrong place in the feed, or nowhere.",
)
