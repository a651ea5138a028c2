"""Release hygiene: the lock files cover every dependency, the test venv holds exactly them, and
the Pages workflow deploys only what passed the tests."""

from __future__ import annotations

import tomllib
from importlib import metadata

import yaml
from conftest import REPO
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name


def pins(lock: str) -> dict[str, str]:
    """The lock file's exact versions that apply here (markers evaluated), by package name."""
    found = {}
    for line in (REPO / lock).read_text(encoding="utf-8").splitlines():
        if line and not line.startswith((" ", "#", "-")):
            requirement = Requirement(line)
            if requirement.marker is None or requirement.marker.evaluate():
                [spec] = requirement.specifier
                assert spec.operator == "==", line
                found[canonicalize_name(requirement.name)] = spec.version
    return found


def declared() -> tuple[list[Requirement], list[Requirement]]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    runtime = [Requirement(r) for r in project["dependencies"]]
    test = [Requirement(r) for r in project["optional-dependencies"]["test"]]
    return runtime, test


def test_every_declared_dependency_is_locked_within_its_range() -> None:
    runtime, test = declared()
    for lock, requirements in [
        ("requirements.lock", runtime),
        ("requirements-test.lock", runtime + test),
    ]:
        locked = pins(lock)
        outside = [
            str(r)
            for r in requirements
            if not r.specifier.contains(locked.get(canonicalize_name(r.name), "0"))
        ]
        assert outside == [], f"{lock} is stale: run make lock"


def test_the_runtime_lock_is_the_test_lock_without_test_tools() -> None:
    runtime, test = pins("requirements.lock"), pins("requirements-test.lock")
    assert {name: test[name] for name in runtime} == runtime


def test_pinned_by_policy() -> None:
    runtime, _ = declared()
    by_name = {canonicalize_name(r.name): str(r.specifier) for r in runtime}
    assert by_name["mkdocs"] == "==1.6.1"
    assert by_name["click"] == ">=8.4"


def test_this_environment_holds_exactly_the_locked_versions() -> None:
    installed = {}
    for name in pins("requirements-test.lock"):
        try:
            installed[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            installed[name] = "missing"
    assert installed == pins("requirements-test.lock"), "run make test to reinstall from the lock"


def test_pages_workflow_deploys_only_after_the_tests_pass() -> None:
    workflow = yaml.safe_load((REPO / ".github/workflows/pages.yml").read_text(encoding="utf-8"))
    jobs = workflow["jobs"]
    assert jobs["deploy"]["needs"] == "build"
    assert jobs["build"]["needs"] == "test"
    assert [step.get("run") for step in jobs["test"]["steps"]][-1] == "bash .ci/run"
    assert (REPO / ".ci/run").read_text(encoding="utf-8").rstrip().endswith("make test")
    build_runs = "\n".join(step.get("run", "") for step in jobs["build"]["steps"])
    assert "pip install -r requirements.lock" in build_runs
    assert "pip install --no-deps ." in build_runs


def test_pages_workflows_restore_only_their_own_branchs_signed_cache() -> None:
    """A cache written by another branch, or for other dependencies, is never restored, and
    entries are signed with the repository's secret (a restored entry is then trusted only if
    this repository's own builds signed it)."""
    for path in (".github/workflows/pages.yml", "src/proofpress/starter/github/pages.yml"):
        workflow = yaml.safe_load((REPO / path).read_text(encoding="utf-8"))
        steps = workflow["jobs"]["build"]["steps"]
        (cache,) = [s for s in steps if str(s.get("uses", "")).startswith("actions/cache@")]
        keys = [cache["with"]["key"], *cache["with"]["restore-keys"].splitlines()]
        for key in keys:
            assert key.startswith("proofpress-${{ runner.os }}-${{ github.ref }}-${{ hashFiles("), (
                key
            )
        runs = [
            s
            for s in steps
            if "proofpress check" in s.get("run", "") or "mkdocs build" in s.get("run", "")
        ]
        assert len(runs) == 2
        for step in runs:
            assert step["env"]["PROOFPRESS_CACHE_KEY"] == "${{ secrets.PROOFPRESS_CACHE_KEY }}"
