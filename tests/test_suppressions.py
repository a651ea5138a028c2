"""Silencing one finding in place with a reason (issue 23, item 3): real checks of real files,
and a real build whose pages hold no suppression comment."""

from __future__ import annotations

from pathlib import Path

from conftest import GOOD_FRONT_MATTER, build_site, growth, write_site

from proofpress.check import suppressions
from proofpress.check.engine import check_site
from proofpress.hooks.config import load_site_config

# File line 10 is the body's first line (GOOD_FRONT_MATTER is 8 lines, then a blank line).
BODY = """\
Watch it fail.

{comment}
## Lessons

## Next

Fix it.

## Empty too

## Last

Done.
"""


def found(tmp_path: Path, comment: str) -> list[tuple[int, int, str, str, str]]:
    config = write_site(tmp_path, {"p.md": GOOD_FRONT_MATTER + BODY.format(comment=comment)})
    result = check_site(load_site_config(config))
    return [(d.line, d.column, d.code, d.severity, d.message) for d in result.findings]


EMPTY_LAST = (
    19,
    4,
    "PP303",
    "error",
    "section 'Empty too' is empty; expected text before line 21",
)


def test_a_reasoned_suppression_silences_the_next_line_s_finding_only(tmp_path: Path) -> None:
    comment = "<!-- proofpress: ignore PP303 -- the heading is the closing line -->"
    assert found(tmp_path, comment) == [EMPTY_LAST]


def test_a_suppression_without_a_reason_still_silences_and_asks_for_one(tmp_path: Path) -> None:
    assert found(tmp_path, "<!-- proofpress: ignore PP303 -->") == [
        (12, 1, "PP012", "advice", "the suppression gives no reason (write it after ' -- ')"),
        EMPTY_LAST,
    ]


def test_an_unknown_code_or_a_suppression_that_silences_nothing_is_advice(
    tmp_path: Path,
) -> None:
    assert found(tmp_path / "a", "<!-- proofpress: ignore PP999 -- typo -->") == [
        (12, 1, "PP012", "advice", "'PP999' is not a Proofpress rule code"),
        (13, 4, "PP303", "error", "section 'Lessons' is empty; expected text before line 15"),
        EMPTY_LAST,
    ]
    assert found(tmp_path / "b", "<!-- proofpress: ignore PP304 -- stale -->") == [
        (
            12,
            1,
            "PP012",
            "advice",
            "nothing on line 13 has PP304: the comment silences nothing",
        ),
        (13, 4, "PP303", "error", "section 'Lessons' is empty; expected text before line 15"),
        EMPTY_LAST,
    ]


def test_a_comment_in_code_is_text_and_no_comment_reaches_a_page(tmp_path: Path) -> None:
    fenced = "```\n<!-- proofpress: ignore PP303 -- in code -->\n```"
    assert [f[2] for f in found(tmp_path / "a", fenced)] == ["PP303", "PP303"]
    comment = "<!-- proofpress: ignore PP303 -- the heading is the closing line -->"
    body = BODY.format(comment=comment).replace("## Empty too\n\n", "")
    config = write_site(tmp_path / "b", {"p.md": GOOD_FRONT_MATTER + body})
    assert check_site(load_site_config(config)).findings == []
    site_dir = tmp_path / "b" / "site"
    build_site(config, site_dir)
    page = (site_dir / "larissacaldwell/p/index.html").read_text(encoding="utf-8")
    assert "Lessons" in page
    assert "proofpress: ignore" not in page


def test_a_yaml_comment_silences_the_next_key_s_finding_but_never_a_refused_value(
    tmp_path: Path,
) -> None:
    canonical = "canonical_url: https://dev.to/ada/another-article"
    front = GOOD_FRONT_MATTER.replace(
        "published: true\n",
        "published: true\n# proofpress: ignore PP112 -- first published there, by hand\n"
        f"{canonical}\n# proofpress: ignore PP107 -- DEV's own tag\ntags: [Node.js]\n",
    ).replace("tags: [python, web]\n", "")
    config = write_site(tmp_path, {"p.md": front + "Words.\n"})
    result = check_site(load_site_config(config))
    assert [(d.line, d.code, d.severity) for d in result.findings] == [
        (9, "PP012", "advice"),
        (10, "PP107", "error"),
    ]
    assert result.findings[0].message == (
        "PP107 refuses the value on line 10: the post cannot be built without it, so it cannot "
        "be silenced; fix the value"
    )


def test_reading_suppressions_is_linear_on_hostile_lines() -> None:
    """A comment line of 100,000s of spaces or dashes is read in time linear in its length."""
    shapes = {
        "spaces": lambda n: "<!-- proofpress: ignore PP1" + " " * n + "x",
        "dashes": lambda n: "<!-- proofpress: ignore PP303 --" + " --" * n,
        "yaml": lambda n: "# proofpress: ignore PP1" + " \t" * n,
    }

    def read(text: str) -> object:
        return suppressions.apply("p.md", (text, 2), (text, 10), [], ["PP303"])

    ratios = {name: growth(read, make, 50_000) for name, make in shapes.items()}
    assert all(ratio < 8 for ratio in ratios.values()), ratios
