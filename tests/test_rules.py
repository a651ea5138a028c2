"""The rule registry: every rule's examples through the real engine, one outline per post.

Each rule's example is a pair of complete files (a post, or the authors registry). The failing
file, in a site whose other file is the valid default, must give a finding with the rule's
code; the passing file must give no finding at all.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

import pytest
from conftest import REPO

from proofpress.body import limits
from proofpress.body.analysis import Analysis
from proofpress.check import registry
from proofpress.check.engine import check_site
from proofpress.check.registry import INTERNAL, rules_of
from proofpress.core import rule as rule_module
from proofpress.core.diagnostics import Diagnostic
from proofpress.core.rule import (
    CATALOGUE,
    EXAMPLE_AUTHORS,
    EXAMPLE_CONFIG,
    EXAMPLE_PATHS,
    EXAMPLE_POST,
    LINK_PREFIX,
    ExampleFile,
    Rule,
)
from proofpress.hooks.config import load_site_config
from proofpress.reading import sections
from proofpress.records import schema
from proofpress.records.context import CheckContext
from proofpress.records.settings import SiteConfig


def example_site(
    root: Path, file: ExampleFile, content: bytes, extra: tuple[tuple[str, str], ...] = ()
) -> SiteConfig:
    """A site holding ``content`` as ``file`` and the valid defaults as the other files, plus
    the example's ``extra`` files; a "link" example reading "-> target" is a symlink."""
    files: dict[ExampleFile, bytes] = {
        "post": EXAMPLE_POST.encode("utf-8"),
        "authors": EXAMPLE_AUTHORS.encode("utf-8"),
        "config": EXAMPLE_CONFIG.encode("utf-8"),
        file: content,
    }
    written = [(EXAMPLE_PATHS[which], data) for which, data in files.items()]
    written += [(path, text.encode("utf-8")) for path, text in extra]
    for path, data in written:
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        link = LINK_PREFIX.encode("utf-8")
        if file == "link" and path == EXAMPLE_PATHS["link"] and data.startswith(link):
            target.symlink_to(data[len(link) :].decode("utf-8").strip())
        else:
            target.write_bytes(data)
    return load_site_config(root / EXAMPLE_PATHS["config"])


def _raise(analysis: Analysis, ctx: CheckContext) -> Iterable[Diagnostic]:
    raise ValueError("a defect in a check")


DEFECTIVE = SimpleNamespace(RULES=(INTERNAL,), check=_raise)
RULES = registry.rules()
BODY_RULES = registry.body_rules()


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_failing_example_gives_its_code(
    tmp_path: Path, rule: Rule, monkeypatch: pytest.MonkeyPatch
) -> None:
    if rule.example.defect:
        monkeypatch.setattr(registry, "body_rules", lambda: (*BODY_RULES, DEFECTIVE))
    config = example_site(tmp_path, rule.example.file, rule.example.bad_bytes(), rule.example.extra)
    result = check_site(config)
    # A finding comes at its rule's own level when the site sets none.
    found = result.advice if rule.level == "advice" else result.diagnostics
    assert rule.code in [d.code for d in found]


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_passing_example_gives_no_finding(tmp_path: Path, rule: Rule) -> None:
    config = example_site(
        tmp_path, rule.example.file, rule.example.good_bytes(), rule.example.extra
    )
    assert check_site(config).findings == []


def test_a_failing_check_is_reported_as_pp000_and_the_other_checks_still_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(registry, "body_rules", lambda: (*BODY_RULES, DEFECTIVE))
    config = example_site(tmp_path, "authors", b"larissa:\n  username: larissacaldwell\n")
    assert check_site(config).diagnostics == [
        Diagnostic(
            "docs/.authors.yml",
            1,
            1,
            "PP201",
            "author 'larissa' has no name",
            "add 'name:': Display name, shown on posts and the author card.",
        ),
        Diagnostic(
            "docs/posts/example.md",
            1,
            1,
            "PP000",
            "Proofpress failed on this file (ValueError: a defect in a check)",
            INTERNAL.hint,
        ),
    ]


def test_every_example_differs_from_its_fix_unless_it_needs_a_defect() -> None:
    for rule in RULES:
        same = rule.example.bad_bytes() == rule.example.good_bytes()
        assert same == rule.example.defect, rule.code


def test_registry_is_in_code_order_with_one_entry_per_code() -> None:
    codes = [rule.code for rule in RULES]
    assert codes == sorted(set(codes))
    body_codes = [rule.code for module in registry.body_rules() for rule in rules_of(module)]
    assert body_codes == [r.code for r in RULES if r.code[2] in "3478" or r.code == "PP203"]


def test_a_code_declared_twice_stops_the_registry(monkeypatch: pytest.MonkeyPatch) -> None:
    twice = SimpleNamespace(
        __name__="proofpress.rules.twice", RULES=(replace(INTERNAL, code="PP101"),)
    )
    real = registry._modules
    monkeypatch.setattr(
        registry, "_modules", lambda stage: [*real(stage), *[twice][: stage == "rules"]]
    )
    with pytest.raises(RuntimeError, match=r"PP101 is declared twice \(proofpress\.rules\.twice\)"):
        registry.rules.__wrapped__()


def test_every_rule_is_declared_once_in_the_catalogue_and_claimed_by_one_module() -> None:
    """A rule's words and example are an entry of the catalogue, and no module builds a rule
    of its own: it claims the entry by code (a limit makes only its example, from its value)."""
    entries = tomllib.loads(CATALOGUE.read_text(encoding="utf-8"))
    assert list(entries) == [rule.code for rule in RULES]
    assert [code for code, entry in entries.items() if "example" not in entry] == [
        limit.code for limit in limits.LIMITS
    ]
    sources = {
        p.relative_to(REPO / "src").as_posix(): p.read_text(encoding="utf-8")
        for p in (REPO / "src" / "proofpress").rglob("*.py")
    }
    assert [name for name, text in sources.items() if re.search(r"\bRule\(", text)] == [
        "proofpress/core/rule.py"
    ]


def test_a_catalogue_entry_no_module_claims_stops_the_registry(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    unclaimed = {**rule_module.catalogue(), "PP999": rule_module.catalogue()["PP101"]}
    monkeypatch.setattr(registry, "catalogue", lambda: unclaimed)
    with pytest.raises(RuntimeError, match=r"no module claims PP999 of the rule catalogue"):
        registry.rules.__wrapped__()


def test_a_rule_outside_the_catalogue_stops_the_registry(monkeypatch: pytest.MonkeyPatch) -> None:
    stray = SimpleNamespace(
        __name__="proofpress.rules.stray", RULES=(replace(INTERNAL, code="PP999"),)
    )
    real = registry._modules
    monkeypatch.setattr(
        registry, "_modules", lambda stage: [*real(stage), *[stray][: stage == "rules"]]
    )
    with pytest.raises(RuntimeError, match=r"PP999 is not in the rule catalogue"):
        registry.rules.__wrapped__()


def test_a_rule_is_claimed_by_code_and_its_numbers_filled_in_from_the_code() -> None:
    rule = rule_module.declared("PP105", max_title=7)
    assert rule.summary == "A title is non-empty and at most 7 characters (DEV's limit)."
    assert rule_module.declared("PP105", max_title=7) == rule  # the same words each time
    with pytest.raises(KeyError, match=r"PP105 summary: nothing fills \$max_title"):
        rule_module.declared("PP105")
    with pytest.raises(KeyError, match=r"PP999 is not in rules\.toml"):
        rule_module.declared("PP999")
    with pytest.raises(ValueError, match=r"PP801: the example comes from rules\.toml or from"):
        rule_module.declared("PP801", value=3)  # a limit's example is made from its value
    assert limits.HEADINGS.rule.summary == f"A post has at most {limits.HEADINGS.value:,} headings."
    assert "keep the four tags" in schema.TAG_COUNT.hint
    assert "the fifth would" in schema.TAG_COUNT.why
    assert [rule_module.in_words(n) for n in (4, 12)] == ["four", "12"]
    assert [rule_module.ordinal_in_words(n) for n in (5, 12, 21)] == ["fifth", "12th", "21st"]


def test_each_post_is_parsed_into_its_outline_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every body rule reads one analysis: ``check_site`` parses each post's outline once."""
    posts = {
        f"{rule.code.lower()}.md": rule.example.good
        for rule in RULES
        if rule.example.file == "post" and not rule.example.defect
    }
    config = example_site(tmp_path, "post", EXAMPLE_POST.encode("utf-8"))
    for name, text in posts.items():
        (config.docs_dir / "posts" / name).write_text(text, encoding="utf-8")
    body_rules = [rule for module in registry.body_rules() for rule in rules_of(module)]
    for rule in body_rules:  # the files their passing posts name (a cover, say)
        for path, text in rule.example.extra:
            (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / path).write_text(text, encoding="utf-8")
    parsed: list[str] = []
    real_parse = sections.parse

    def counting_parse(body: str, body_line: int = 1, dialect: str = "dev") -> sections.Outline:
        parsed.append(body)
        return real_parse(body, body_line, dialect)

    monkeypatch.setattr(sections, "parse", counting_parse)
    result = check_site(config)
    assert result.findings == []
    assert result.checked == len(posts) + 1 == len(parsed)
    assert sorted(parsed) == sorted(post.body for post in result.posts)
    assert any(post.kind == "application-package" for post in result.posts)
