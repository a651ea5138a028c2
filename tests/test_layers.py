"""The layers: the check side runs without the site and without MkDocs, and each key of a
post or an author is declared once.

Everything outside the site side (``site/``, the MkDocs adapters in ``hooks/`` and
``dialect/site.py``) is the check side: importing it must load neither ``proofpress.site`` nor
``mkdocs``.
"""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys
from dataclasses import MISSING, fields

import proofpress
from proofpress.records.authors import AUTHOR_SCHEMA, Author
from proofpress.records.model import POST_SCHEMA, Post
from proofpress.records.schema import Place
from proofpress.records.settings import PROOFPRESS_SCHEMA, Settings

SITE_SIDE = ("proofpress.site", "proofpress.hooks", "proofpress.hooks.dialect")

# Imports each module in turn and records what the site side or MkDocs it pulled in.
PROBE = """
import importlib, json, sys
pulled = {}
for name in sys.argv[1:]:
    importlib.import_module(name)
    pulled[name] = sorted(
        m for m in sys.modules
        if m == "mkdocs" or m.startswith(("mkdocs.", "proofpress.site"))
    )
print(json.dumps(pulled))
"""


def check_side_modules() -> list[str]:
    return [
        module.name
        for module in pkgutil.walk_packages(proofpress.__path__, "proofpress.")
        if module.name != "proofpress.__main__"  # runs the CLI when imported
        and not any(module.name == side or module.name.startswith(side + ".") for side in SITE_SIDE)
    ]


def test_the_check_side_imports_neither_the_site_nor_mkdocs() -> None:
    modules = check_side_modules()
    assert {"proofpress.check.engine", "proofpress.commands.cli", "proofpress.records.urls"} <= set(
        modules
    )
    assert "proofpress.rules.pp703_remote_image" in modules
    out = subprocess.run(
        [sys.executable, "-c", PROBE, *modules], capture_output=True, text=True, check=True
    )
    pulled = json.loads(out.stdout)
    assert list(pulled) == modules
    assert {name: found for name, found in pulled.items() if found} == {}


def test_each_key_of_a_post_author_or_setting_is_declared_once_on_its_record() -> None:
    place = Place("posts/p.md", lambda _: False)
    for record, schema, own in (
        (Post, POST_SCHEMA, {"src_uri", "path", "body", "body_line", "positions"}),
        (Author, AUTHOR_SCHEMA, {"key"}),
        (Settings, PROOFPRESS_SCHEMA, {"comments"}),
    ):
        attributes = [f for f in fields(record) if f.name not in own]
        assert [f.name for f in attributes] == [spec.name for spec in schema.fields]
        for attribute, spec in zip(attributes, schema.fields, strict=True):
            if attribute.default_factory is not MISSING:
                assert attribute.default_factory() == spec.initial(place)
            elif attribute.default is not MISSING:
                assert attribute.default == spec.initial(place)
            else:  # required, or a default that depends on the file (slug)
                assert spec.required or callable(spec.default)
    assert Post.__dataclass_fields__["published"].default is False
