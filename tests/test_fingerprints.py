"""Which pages a preview edit touches (site/fingerprints.py), and what the fingerprints cover.

The served folder is compared with clean builds in ``test_serve.py`` and
``test_serve_property.py``; here: the decisions one by one, and two guards that fail the moment
a template reads something the fingerprints do not see.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from conftest import REPO
from jinja2 import meta, nodes
from mkdocs.config import load_config

from proofpress.hooks.theme import use_packaged_theme
from proofpress.site import views
from proofpress.site.fingerprints import Fingerprints, Memory, PageState, Plan
from proofpress.site.pages import CONTEXT_NAMES

# What templates may read besides the site's values (pages.CONTEXT_NAMES, fingerprinted):
# ``page`` (its content, toc, title and metadata are the output fingerprint; its address and
# file are the layout), ``config`` and ``nav`` (mkdocs.yml and the site's own pages are the
# layout) and MkDocs' version (fixed for a session).
COVERED = {*CONTEXT_NAMES, "page", "config", "nav", "mkdocs_version"}


def _theme_templates() -> list[Path]:
    return sorted(
        [*(REPO / "src/proofpress/theme").rglob("*.html"), *(REPO / "overrides").rglob("*.html")]
    )


def test_templates_read_nothing_the_preview_does_not_compare() -> None:
    config = load_config(str(REPO / "mkdocs.yml"))
    use_packaged_theme(config)
    env = config.theme.get_env()
    parsed = {path: env.parse(path.read_text(encoding="utf-8")) for path in _theme_templates()}
    material = Path(config.theme.dirs[-2])  # Material's templates: where base.html sets names
    for path in (material / "base.html", *material.joinpath("partials").glob("*.html")):
        parsed[path] = env.parse(path.read_text(encoding="utf-8"))
    # Names a template sets itself (``set``, ``import … as``, ``from … import``, macros), from
    # values above: not new inputs.
    assigned = set()
    for tree in parsed.values():
        for node in tree.find_all((nodes.Assign, nodes.Import, nodes.FromImport, nodes.Macro)):
            if isinstance(node, nodes.Assign):
                names = [node.target, *node.target.find_all(nodes.Name)]
                assigned |= {n.name for n in names if isinstance(n, nodes.Name)}
            elif isinstance(node, nodes.Import):
                assigned.add(node.target)
            elif isinstance(node, nodes.FromImport):
                assigned |= {n if isinstance(n, str) else n[1] for n in node.names}
            else:
                assigned.add(node.name)
    read = {
        name: path.relative_to(REPO).as_posix()
        for path in _theme_templates()
        for name in meta.find_undeclared_variables(parsed[path])
    }
    assert read, "no template was read"
    uncovered = {name: where for name, where in read.items() if name not in COVERED | assigned}
    assert uncovered == {}
    assert {"pp_post", "pp_page", "pp_listing", "pp_comments"} <= read.keys()


def test_every_field_of_every_view_is_in_its_fingerprint() -> None:
    kinds = [views.PostView, views.AuthorView, views.Tag, views.Image]
    for kind in kinds:
        assert all(f.repr for f in dataclasses.fields(kind)), kind  # the digest is the repr
    tag = views.Tag.of("python")
    other = dataclasses.replace(tag, dark_color="#000000")
    assert Fingerprints().of([tag]) != Fingerprints().of([other])


def test_a_value_of_unknown_type_is_refused() -> None:
    with pytest.raises(TypeError, match="has no fingerprint"):
        Fingerprints().of({"cards": [object()]})


def _memory(layout: str = "L", **pages: tuple[str, str]) -> Memory:
    return Memory(layout, {src: PageState(c, x, "out") for src, (c, x) in pages.items()}, {})


def _contexts(**found: tuple[str, set[str]]):  # type: ignore[no-untyped-def]
    return lambda src: found[src]


def test_no_memory_a_new_layout_or_another_set_of_pages_makes_the_build_whole() -> None:
    contexts = _contexts(a=("x", set()), b=("y", set()))
    content = {"a": "1", "b": "2"}
    assert Plan.make(None, "L", content, contexts, []).whole
    assert Plan.make(_memory("old", a=("1", "x"), b=("2", "y")), "L", content, contexts, []).whole
    assert Plan.make(_memory(a=("1", "x")), "L", content, contexts, []).whole
    same = Plan.make(_memory(a=("1", "x"), b=("2", "y")), "L", content, contexts, [])
    assert not same.whole
    assert same.convert == set()


def test_a_page_is_converted_when_its_text_or_values_change_or_it_shows_an_unknown_card() -> None:
    memory = _memory(a=("1", "x"), b=("2", "y"), c=("3", "z"), d=("4", "w"))
    contexts = _contexts(a=("x", {"a"}), b=("y2", {"b"}), c=("z", {"c", "a"}), d=("w", {"d"}))
    content = {"a": "1-edited", "b": "2", "c": "3", "d": "4"}
    # a's text changed; b's values changed; c shows a's card, whose text is a's first paragraph
    plan = Plan.make(memory, "L", content, contexts, ["a"])
    assert plan.convert == {"a", "b", "c"}
    # with a description on its card, a's edit cannot reach c
    assert Plan.make(memory, "L", content, contexts, []).convert == {"a", "b"}


def test_a_converted_page_is_rendered_only_when_its_output_or_values_changed() -> None:
    memory = _memory(a=("1", "x"), b=("2", "y"), c=("3", "z"))
    contexts = _contexts(a=("x", set()), b=("y2", set()), c=("z", set()))
    plan = Plan.make(memory, "L", {"a": "1-edited", "b": "2", "c": "3"}, contexts, [])
    assert [plan.touches(src) for src in "abc"] == [True, True, False]
    # a: a whitespace edit, same output; b: new values, same output
    plan.settle({"a": ("x", "out"), "b": ("y2", "out")})
    assert plan.render == {"b"}
    assert [plan.touches(src) for src in "abc"] == [False, True, False]
    kept = plan.remember({"a": "First.", "gone": "Old."}, {"b": [{"location": "b/"}]})
    assert kept.pages["c"] == memory.pages["c"]
    assert kept.pages["b"].context == "y2"
    assert kept.excerpts == {"a": "First."}
    assert kept.search == {"a": [], "b": [{"location": "b/"}], "c": []}
