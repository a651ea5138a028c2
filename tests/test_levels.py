"""Rule levels per site: ``extra.proofpress.rules`` (issue 23, item 2).

Real MkDocs builds and the real engine: a site that makes PP303 advice builds strictly with a
heading used as a sentence; families, names, kinds and the ``alt_text`` alias resolve as
documented, the more specific entry winning; an unknown code, a bad level and a rule that keeps
the build safe are refused as PP602 at their own line and column in mkdocs.yml; no comment
silences a safe-build rule either.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import GOOD_FRONT_MATTER, build_site, run_module, write_site
from mkdocs.exceptions import Abort

from proofpress.check import registry
from proofpress.check.engine import check_site
from proofpress.hooks.config import load_site_config

# The writer closes with a heading used as a sentence: PP303 (empty section) by default.
CLOSING = GOOD_FRONT_MATTER + "Watch systems fail.\n\n## Thanks for reading!\n"
PACKAGE = CLOSING.replace("tags:", "kind: application-package\ntags:")


def _site(tmp_path: Path, rules: str, posts: dict[str, str] | None = None) -> Path:
    """A fixture site whose extra.proofpress holds ``rules`` (YAML lines under ``rules:``)."""
    config = write_site(tmp_path, posts or {"closing.md": CLOSING})
    if rules:
        block = "".join(f"      {line}\n" for line in rules.splitlines())
        text = config.read_text(encoding="utf-8")
        config.write_text(text.replace("  proofpress:\n", "  proofpress:\n    rules:\n" + block, 1))
    return config


def _found(config: Path) -> list[tuple[str, int, str, str]]:
    result = check_site(load_site_config(config))
    return [(d.path, d.line, d.code, d.severity) for d in result.findings]


def _at(config: Path, line_text: str) -> tuple[int, int]:
    """Line and column of ``line_text``'s first character in mkdocs.yml."""
    for number, line in enumerate(config.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip() == line_text:
            return number, line.index(line_text) + 1
    raise AssertionError(f"{line_text!r} is not a line of {config}")


def test_by_default_the_heading_as_a_sentence_stops_the_build(tmp_path: Path) -> None:
    config = _site(tmp_path, "")
    assert _found(config) == [("docs/posts/closing.md", 12, "PP303", "error")]
    with pytest.raises(Abort):
        build_site(config, tmp_path / "site")


def test_a_site_that_makes_pp303_advice_builds_strictly(tmp_path: Path) -> None:
    config = _site(tmp_path, "PP303: advice")
    assert _found(config) == [("docs/posts/closing.md", 12, "PP303", "advice")]
    build_site(config, tmp_path / "site")  # strict, as CI builds
    page = (tmp_path / "site/larissacaldwell/closing/index.html").read_text(encoding="utf-8")
    assert "Thanks for reading!" in page
    checked = run_module(tmp_path, "proofpress", "check")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stderr.splitlines()[0] == (
        "docs/posts/closing.md:12:4: PP303 advice: section 'Thanks for reading!' is empty; "
        "expected text before the end of the post"
    )


@pytest.mark.parametrize(
    ("rules", "expected"),
    [
        ("PP3: off", []),
        ("empty-section: off", []),  # a rule's name
        ("pp303: 'off'", []),  # a code in any case, off quoted
        ("PP303: off", []),  # YAML reads a plain off as false: the same
        ("PP3: off\nPP303: error", ["error"]),  # a code over its family
        ("PP30: advice\nPP3: off", ["advice"]),  # a longer family over a shorter one
        ("PP3: advice\narticle:\n  PP303: off", []),  # a kind's posts over the site
        ("PP303: off\napplication-package:\n  PP303: error", []),  # another kind's: no change
    ],
)
def test_codes_names_families_and_kinds_resolve_most_specific_first(
    tmp_path: Path, rules: str, expected: list[str]
) -> None:
    findings = _found(_site(tmp_path, rules))
    assert [severity for *_, code, severity in findings if code == "PP303"] == expected
    assert [code for *_, code, _ in findings if code != "PP303"] == []


def test_a_kind_s_levels_apply_to_its_posts_only(tmp_path: Path) -> None:
    config = _site(tmp_path, "article:\n  PP303: advice", {"a.md": CLOSING, "p.md": PACKAGE})
    assert [finding for finding in _found(config) if finding[2] == "PP303"] == [
        ("docs/posts/a.md", 12, "PP303", "advice"),
        ("docs/posts/p.md", 13, "PP303", "error"),
    ]


def test_alt_text_is_the_rules_setting_for_pp704_and_pp705_below_any_entry(
    tmp_path: Path,
) -> None:
    post = GOOD_FRONT_MATTER.replace("published: true", "published: true\ncover_image: c.svg")
    posts = {"p.md": post + "![](c.svg)\n"}
    files = {"posts/c.svg": '<svg xmlns="http://www.w3.org/2000/svg"/>\n'}
    config = write_site(tmp_path, posts, files=files)
    text = config.read_text(encoding="utf-8").replace(
        "  proofpress:\n", "  proofpress:\n    alt_text: error\n    rules:\n      PP704: advice\n"
    )
    config.write_text(text, encoding="utf-8")
    assert _found(config) == [
        ("docs/posts/p.md", 8, "PP705", "error"),
        ("docs/posts/p.md", 11, "PP704", "advice"),
    ]


@pytest.mark.parametrize(
    ("rules", "line", "message"),
    [
        (
            "PP330: advice",
            "PP330: advice",
            "extra.proofpress.rules.PP330: 'PP330' is no rule code, name, family or kind; did "
            "you mean 'PP303'?",
        ),
        (
            "empty-sections: off",
            "empty-sections: off",
            "extra.proofpress.rules.empty-sections: 'empty-sections' is no rule code, name, "
            "family or kind; did you mean 'empty-section'?",
        ),
        (
            "articel:\n  PP303: off",
            "articel:",
            "extra.proofpress.rules.articel: 'articel' is no rule code, name, family or kind; "
            "did you mean 'article'?",
        ),
        (
            "PP303: warn",
            "PP303: warn",
            "extra.proofpress.rules.PP303: expected error, advice or off, found 'warn'",
        ),
        (
            "PP801: off",
            "PP801: off",
            "extra.proofpress.rules.PP801: PP801 list-depth keeps the build safe: it cannot be "
            "turned off",
        ),
        (
            "article:\n  PP502: advice",
            "PP502: advice",
            "extra.proofpress.rules.article.PP502: PP502 active-content keeps the build safe: "
            "it cannot be made advice",
        ),
        (
            "PP8: advice",
            "PP8: advice",
            "extra.proofpress.rules.PP8: every rule of PP8 keeps the build safe: none can be "
            "made advice",
        ),
    ],
)
def test_a_bad_entry_is_pp602_at_its_own_key(
    tmp_path: Path, rules: str, line: str, message: str
) -> None:
    config = _site(tmp_path, rules)
    result = check_site(load_site_config(config))
    problems = [d for d in result.diagnostics if d.code == "PP602"]
    assert [(d.path, (d.line, d.column), d.message) for d in problems] == [
        ("mkdocs.yml", _at(config, line), message)
    ]
    with pytest.raises(Abort):
        build_site(config, tmp_path / "site")


def test_a_safe_rule_may_be_named_error_and_a_mixed_family_changes_only_what_it_may(
    tmp_path: Path,
) -> None:
    deep = "".join(f"{'    ' * i}- item {i}\n" for i in range(12))  # PP801
    posts = {"closing.md": CLOSING, "deep.md": GOOD_FRONT_MATTER + deep}
    config = _site(tmp_path, "PP8: error\nPP0: off", posts)
    assert [(d.code, d.severity) for d in check_site(load_site_config(config)).findings] == [
        ("PP303", "error"),
        ("PP801", "error"),
    ]
    changeable = [r.code for r in registry.rules() if r.configurable and r.code[:3] == "PP0"]
    assert changeable == ["PP012"]  # PP0: off turned only the suppression rule off


def test_a_settings_mapping_of_the_wrong_shape_is_pp602_at_rules(tmp_path: Path) -> None:
    config = write_site(tmp_path, {"closing.md": CLOSING})
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("  proofpress:\n", "  proofpress:\n    rules: PP303\n"))
    problems = [d for d in check_site(load_site_config(config)).diagnostics if d.code == "PP602"]
    assert [((d.line, d.column), d.message) for d in problems] == [
        (
            _at(config, "rules: PP303"),
            "extra.proofpress: rules: expected a mapping of rule codes to error, advice or off, "
            "found 'PP303'",
        )
    ]


def test_no_comment_silences_a_rule_that_keeps_the_build_safe(tmp_path: Path) -> None:
    body = "<!-- proofpress: ignore PP701 -- DEV shows it -->\n{% nosuchtag %}\n"
    config = _site(tmp_path, "", {"p.md": GOOD_FRONT_MATTER + body})
    result = check_site(load_site_config(config))
    assert [(d.line, d.code, d.severity) for d in result.findings] == [
        (10, "PP012", "advice"),
        (11, "PP701", "error"),
    ]
    assert result.findings[0].message == (
        "PP701 keeps the build safe, so it cannot be silenced; fix the post"
    )


def test_changing_a_level_is_seen_through_the_check_cache(tmp_path: Path) -> None:
    config = _site(tmp_path, "PP303: advice")
    assert _found(config)[0][3] == "advice"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("PP303: advice", "PP303: error"), encoding="utf-8")
    assert _found(config)[0][3] == "error"
    config.write_text(text.replace("PP303: advice", "PP303: advice"), encoding="utf-8")
    assert _found(config)[0][3] == "advice"


def test_rules_md_marks_every_rule_a_site_may_not_change() -> None:
    text = (Path(__file__).parents[1] / "RULES.md").read_text(encoding="utf-8")
    for rule in registry.rules():
        section = text.split(f"#### {rule.code} {rule.name}\n", 1)[1].split("\n#### ", 1)[0]
        fixed = "Always an error: it keeps the build safe" in section
        assert fixed is not rule.configurable, rule.code
