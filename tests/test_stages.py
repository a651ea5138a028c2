"""The package's layout is its data flow: every import points down the pipeline, and only the
MkDocs adapters know MkDocs.

The stage order is declared once, here (CONTRIBUTING's folder listing follows it). Every import
counts: at the top of a module, inside a function, or under ``TYPE_CHECKING``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import proofpress

# Lowest first: a module may import its own stage and the stages before it, never a later one.
STAGES = (
    "core",  # the finding and rule records; addresses and CSS as browsers read them
    "reading",  # bytes to front-matter entries; a body as DEV reads it (outline, tokens)
    "records",  # typed values: posts, authors, settings, pages, kinds, addresses
    "body",  # one post's body analysed: words, claims, limits, images, Liquid
    "rules",  # the body rules, each reading one analysis
    "check",  # a site checked: the engine, docs/ files, addresses, the check cache
    "dialect",  # a post's page: DEV's reading as Python-Markdown's tree, Liquid cards
    "site",  # the DEV-style site: catalogue, views, listings, feeds, media, sanitising
    "hooks",  # the MkDocs adapters: the only modules that know MkDocs or Material
    "dev",  # the DEV round trip: import, publish-dev, DEV's API
    "commands",  # the command line and what only it runs (init, new, the reference docs)
)
ADAPTERS = "hooks"
PACKAGE = Path(proofpress.__file__).parent
FOREIGN = ("mkdocs", "material")
DYNAMIC = {"import_module", "__import__"}


def stage_of(module: str) -> str | None:
    """``proofpress.check.engine`` -> ``check``; the package itself (its version) has none."""
    parts = module.split(".")
    if parts[0] != "proofpress" or len(parts) == 1:
        return None
    return "commands" if parts[1] == "__main__" else parts[1]


def module_name(file: Path) -> str:
    parts = file.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(file: Path) -> list[tuple[int, str]]:
    return imports_in(file.read_text(), module_name(file), is_package=file.name == "__init__.py")


def is_module(dotted: str) -> bool:
    path = PACKAGE.parent / dotted.replace(".", "/")
    return path.is_dir() or path.with_suffix(".py").is_file()


def imports_in(source: str, name: str, *, is_package: bool = False) -> list[tuple[int, str]]:
    """Every module the module ``name`` imports, anywhere in it, with the line: absolute names
    (``import_module("x")`` and ``__import__("x")`` included)."""
    found: list[tuple[int, str]] = []
    package = name if is_package else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.append((node.lineno, base))
            # ``from proofpress import words`` imports the module proofpress.words
            found.extend(
                (node.lineno, f"{base}.{alias.name}")
                for alias in node.names
                if is_module(f"{base}.{alias.name}")
            )
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "attr", getattr(node.func, "id", None)) in DYNAMIC
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            found.append((node.lineno, node.args[0].value))
    return found


MODULES = sorted(PACKAGE.rglob("*.py"))


def test_every_module_is_on_a_declared_stage() -> None:
    stages = {stage_of(module_name(file)) for file in MODULES} - {None}
    assert stages == set(STAGES)
    assert len(MODULES) > 80  # the walk found the package


@pytest.mark.parametrize("file", MODULES, ids=lambda file: module_name(file))
def test_imports_point_down_the_pipeline(file: Path) -> None:
    own = stage_of(module_name(file))
    upward = [
        f"{line}: {target} ({stage_of(target)} is after {own})"
        for line, target in imports(file)
        if own is not None
        and (stage := stage_of(target)) is not None
        and STAGES.index(stage) > STAGES.index(own)
    ]
    assert upward == []


@pytest.mark.parametrize("file", MODULES, ids=lambda file: module_name(file))
def test_only_the_adapters_name_mkdocs_or_material(file: Path) -> None:
    if stage_of(module_name(file)) == ADAPTERS:
        return
    named = [
        f"{line}: {target}" for line, target in imports(file) if target.split(".")[0] in FOREIGN
    ]
    assert named == []


def test_the_reader_of_imports_sees_what_the_tests_must_refuse() -> None:
    """The two tests above would fail on an upward import inside a function, a relative one,
    and MkDocs named through importlib: the reader of imports finds all three."""
    source = (
        "def late():\n    from proofpress.site import views\n    from ..hooks import site\n"
        "    import importlib\n    return importlib.import_module('mkdocs.utils')\n"
    )
    found = [target for _line, target in imports_in(source, "proofpress.records.probe")]
    assert found == [
        "proofpress.site",
        "proofpress.site.views",
        "proofpress.hooks",
        "proofpress.hooks.site",
        "importlib",
        "mkdocs.utils",
    ]
    assert [stage_of(name) for name in found[:4]] == ["site", "site", "hooks", "hooks"]
