"""The README's reference blocks are generated from the code and must be current."""

from __future__ import annotations

from conftest import REPO

from proofpress.engine import RULES
from proofpress.reference import update


def test_readme_reference_is_current() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert update(readme) == readme, "run: .venv/bin/python scripts/gen_docs.py"


def test_every_rule_is_documented_once_with_a_unique_code() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    codes = [rule.code for rule in RULES]
    assert len(codes) == len(set(codes))
    for rule in RULES:
        assert readme.count(f"#### {rule.code} {rule.name}\n") == 1
        assert all((rule.summary, rule.hint, rule.example.bad, rule.example.good, rule.why)), (
            rule.code
        )
