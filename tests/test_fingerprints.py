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


def _memory(layout: str = "L", structure: str = "S", **pages: tuple[str, str, set[str]]) -> Memory:
    states = {src: PageState(c, x, "out", frozenset(v)) for src, (c, x, v) in pages.items()}
    views = {"post:a": "va", "post:b": "vb", "post:c": "vc", "post:d": "vd"}
    return Memory(layout, structure, views, states, {})


def _contexts(**found: tuple[str, set[str]]):  # type: ignore[no-untyped-def]
    return lambda src: found[src]


def _refused(src: str) -> tuple[str, set[str]]:
    raise AssertionError(f"{src}: no context is worked out when the structure is the same")


VIEWS = {"post:a": "va", "post:b": "vb", "post:c": "vc", "post:d": "vd"}


def test_no_memory_a_new_layout_or_another_set_of_pages_makes_the_build_whole() -> None:
    contexts = _contexts(a=("x", set()), b=("y", set()))
    content = {"a": "1", "b": "2"}
    both = {"a": ("1", "x", set()), "b": ("2", "y", set())}

    def make(memory: Memory | None) -> Plan:
        return Plan.make(memory, "L", "S", content, lambda: VIEWS, contexts, [])

    assert make(None).whole
    assert make(_memory("old", **both)).whole
    assert make(_memory(a=("1", "x", set()))).whole
    same = make(_memory(**both))
    assert not same.whole
    assert same.convert == set()


def test_another_structure_compares_every_page_s_values() -> None:
    memory = _memory(
        a=("1", "x", {"post:a"}),
        b=("2", "y", {"post:b"}),
        c=("3", "z", {"post:c", "post:a"}),
        d=("4", "w", {"post:d"}),
    )
    contexts = _contexts(
        a=("x", {"post:a"}), b=("y2", {"post:b"}), c=("z", {"post:c", "post:a"}), d=("w", set())
    )
    content = {"a": "1-edited", "b": "2", "c": "3", "d": "4"}
    # a's text changed; b's values changed; c shows a's card, whose text is a's first paragraph
    plan = Plan.make(memory, "L", "S2", content, lambda: VIEWS, contexts, ["a"])
    assert (plan.convert, plan.restyle) == ({"a"}, {"b", "c"})
    # with a description on its card, a's edit cannot reach c
    plan = Plan.make(memory, "L", "S2", content, lambda: VIEWS, contexts, [])
    assert (plan.convert, plan.restyle) == ({"a"}, {"b"})


def test_the_same_structure_restyles_the_pages_showing_a_view_that_changed() -> None:
    memory = _memory(
        a=("1", "x", {"post:a"}),
        b=("2", "y", {"post:b", "post:d"}),
        c=("3", "z", {"post:c", "post:a"}),
        d=("4", "w", {"post:d"}),
    )
    content = {"a": "1", "b": "2", "c": "3", "d": "4"}
    retitled = {**VIEWS, "post:d": "vd2"}
    plan = Plan.make(memory, "L", "S", content, lambda: retitled, _refused, [])
    assert (plan.convert, plan.restyle) == (set(), {"b", "d"})
    # a's first paragraph changes: every page showing its card may change with it
    edited = {**content, "a": "1-edited"}
    plan = Plan.make(memory, "L", "S", edited, lambda: VIEWS, _refused, ["a"])
    assert (plan.convert, plan.restyle) == ({"a"}, {"c"})


def test_a_converted_page_is_rendered_only_when_its_output_or_values_changed() -> None:
    memory = _memory(a=("1", "x", set()), b=("2", "y", set()), c=("3", "z", set()))
    contexts = _contexts(a=("x", set()), b=("y2", set()), c=("z", set()))
    plan = Plan.make(memory, "L", "S2", {"a": "1-edited", "b": "2", "c": "3"}, dict, contexts, [])
    assert [plan.touches(src) for src in "abc"] == [True, False, False]
    plan.convert |= plan.restyle  # no last conversion of b to render it from
    assert [plan.touches(src) for src in "abc"] == [True, True, False]
    # a: a whitespace edit, same output; b: new values, same output
    plan.settle({"a": ("x", "out", frozenset()), "b": ("y2", "out", frozenset())})
    assert plan.render == {"b"}
    assert [plan.touches(src) for src in "abc"] == [False, True, False]
    kept = plan.remember(VIEWS, {"a": "First.", "gone": "Old."}, {"b": [{"location": "b/"}]})
    assert kept.pages["c"] == memory.pages["c"]
    assert kept.pages["b"].context == "y2"
    assert kept.excerpts == {"a": "First."}
    assert kept.search == {"a": [], "b": [{"location": "b/"}], "c": []}
    assert (kept.structure, kept.views) == ("S2", VIEWS)
