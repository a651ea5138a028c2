"""README.md's and RULES.md's reference blocks are generated from the code and must be current."""

from __future__ import annotations

import re

import pytest
from conftest import REPO

from proofpress.check.registry import rules
from proofpress.commands.reference import SECTIONS, update

RULES = rules()

GENERATED = ["README.md", "RULES.md", "DIALECT.md"]


def read(name: str) -> str:
    return (REPO / name).read_text(encoding="utf-8")


@pytest.mark.parametrize("name", GENERATED)
def test_reference_blocks_are_current(name: str) -> None:
    text = read(name)
    assert update(text) == text, "run: .venv/bin/python scripts/gen_docs.py"


def test_every_block_lives_in_exactly_one_file() -> None:
    for block in SECTIONS:
        holders = [name for name in GENERATED if f"<!-- {block}:start -->\n" in read(name)]
        assert len(holders) == 1, (block, holders)


def test_every_rule_is_documented_once_with_a_unique_code() -> None:
    rules_md = read("RULES.md")
    codes = [rule.code for rule in RULES]
    assert len(codes) == len(set(codes))
    for rule in RULES:
        assert rules_md.count(f"#### {rule.code} {rule.name}\n") == 1
        assert all((rule.summary, rule.hint, rule.example.bad, rule.example.good, rule.why)), (
            rule.code
        )


def test_readme_indexes_every_rule_and_links_each_family_into_rules_md() -> None:
    # GitHub's anchor for "#### PP101 unknown-key" is "pp101-unknown-key"
    anchors = {
        heading.lower().replace(" ", "-")
        for heading in re.findall(r"^#### (PP\d{3} [a-z0-9-]+)$", read("RULES.md"), re.M)
    }
    readme = read("README.md")
    index = readme.split("<!-- rules-index:start -->")[1].split("<!-- rules-index:end -->")[0]
    assert [r.code for r in RULES if f"{r.code} {r.name}" not in index] == []
    links = re.findall(r"\]\(RULES\.md#([a-z0-9-]+)\)", index)
    assert len(links) == len({r.code[:3] for r in RULES})
    assert [anchor for anchor in links if anchor not in anchors] == []


def test_readme_is_short_and_starts_with_the_two_commands() -> None:
    readme = read("README.md")
    assert len(readme.encode()) < 15_000
    first_block = readme.split("```sh\n", 1)[1].split("```", 1)[0]
    assert [line.split()[:2] for line in first_block.splitlines()] == [
        ["make", "serve"],
        ["make", "test"],
    ]
