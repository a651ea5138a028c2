"""Reference documentation generated from the declarations themselves.

The README's front-matter table, authors table and rule index, and the rule reference in
``RULES.md``, come from the two schemas (``POST_SCHEMA``, ``AUTHOR_SCHEMA``) and the rule
registry (``proofpress.check.registry.rules()``), so the docs cannot drift from the code;
``scripts/gen_docs.py`` writes them and a test fails when either file is stale.
"""

from __future__ import annotations

import inspect
import json
import re
from types import ModuleType

from proofpress.body import claims, limits, words
from proofpress.body.tags import TAGS
from proofpress.check import registry
from proofpress.core.rule import (
    EXAMPLE_AUTHORS,
    EXAMPLE_CONFIG,
    EXAMPLE_PATHS,
    EXAMPLE_POST,
    FILL,
    LINK_PREFIX,
    Example,
    ExampleFile,
    Rule,
)
from proofpress.records.authors import AUTHOR_SCHEMA
from proofpress.records.kinds import KINDS
from proofpress.records.model import POST_SCHEMA
from proofpress.records.settings import SECTIONS as SETTINGS


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def front_matter_table() -> str:
    rows = [
        "| key | type | required | DEV reads it | default | meaning |",
        "|---|---|---|---|---|---|",
    ]
    for f in POST_SCHEMA.fields:
        rows.append(
            f"| `{f.name}` | {_cell(f.expected)} | {'yes' if f.required else ''} | "
            f"{'yes' if f.dev else ''} | {_cell(f.shown_default)} | {_cell(f.doc)} |"
        )
    return "\n".join(rows)


def authors_table() -> str:
    rows = ["| field | type | required | meaning |", "|---|---|---|---|"]
    for f in AUTHOR_SCHEMA.fields:
        rows.append(
            f"| `{f.name}` | {_cell(f.expected)} | {'yes' if f.required else ''} | {_cell(f.doc)} |"
        )
    return "\n".join(rows)


def settings_table() -> str:
    rows = ["| setting | type | default | meaning |", "|---|---|---|---|"]
    for section, schema in SETTINGS.items():
        for s in schema.fields:
            shown = json.dumps(s.default).strip('"')
            default = "" if s.default is None else f"`{shown}`"
            rows.append(
                f"| `extra.{section}.{s.name}` | {_cell(s.expected)} | {default} | {_cell(s.doc)} |"
            )
    return "\n".join(rows)


_LANGUAGE: dict[ExampleFile, str] = {
    "post": "markdown",
    "authors": "yaml",
    "config": "yaml",
    "page": "markdown",
    "svg": "xml",
    "link": "text",
}
_DEFAULTS: dict[ExampleFile, str] = {
    "post": EXAMPLE_POST,
    "authors": EXAMPLE_AUTHORS,
    "config": EXAMPLE_CONFIG,
}


def _file(text: str, file: ExampleFile) -> str:
    return f"```{_LANGUAGE[file]}\n{text.rstrip(chr(10))}\n```"


def _examples(code: str, example: Example) -> str:
    where = f"`{EXAMPLE_PATHS[example.file]}`"
    if example.defect:
        return (
            f"Fails: no file fails on purpose; {code} reports a defect in Proofpress itself. "
            f"The tests register a check that raises and run this post ({where}) through the "
            f"engine:\n\n{_file(example.bad, example.file)}\n\n"
            "Passes: the same post, with every check working."
        )
    notes = []
    if example.encoding != "utf-8":
        notes.append(f"saved as {example.encoding}")
    text, times = example.fill
    if times:
        notes.append(f"`{FILL}` stands for `{text}` repeated {times:,} times")
    if example.file == "link":
        notes.append(f"`{LINK_PREFIX}target` stands for a symlink to target")
    for path, content in example.extra:
        notes.append(f"beside `{path}` holding `{content.strip()}`")
    fails = f"Fails ({', '.join([where, *notes])}):"
    return "\n\n".join(
        [fails, _file(example.bad, example.file), "Passes:", _file(example.good, example.file)]
    )


def level_note(rule: Rule) -> str:
    """What a site may do with the rule's level (``extra.proofpress.rules``)."""
    if not rule.configurable:
        return "Always an error: it keeps the build safe, so no setting or comment silences it."
    if rule.level == "advice":
        return "Advice by default: it stops no build unless the site's `rules` make it `error`."
    return "A site's `rules` may make it `advice` or `off`."


def rule_section(rule: Rule) -> str:
    return "\n\n".join(
        [
            f"#### {rule.code} {rule.name}",
            f"{rule.summary} *Why:* {rule.why}",
            level_note(rule),
            _examples(rule.code, rule.example),
            f"Fix: {rule.hint}.",
        ]
    )


RULE_FAMILIES = {
    "PP0": "reading the file",
    "PP1": "front matter",
    "PP2": "authors",
    "PP3": "structure",
    "PP4": "length and claims",
    "PP5": "published files",
    "PP6": "settings",
    "PP7": "DEV",
    "PP8": "limits",
}


def rules_index() -> str:
    """Every rule's code and name by family; each family links to its first rule in RULES.md."""
    families: dict[str, list[Rule]] = {}
    for r in registry.rules():
        families.setdefault(r.code[:3], []).append(r)
    rows = ["| family | rules |", "|---|---|"]
    for prefix, rules in families.items():
        first = rules[0]
        link = f"[{prefix}xx {RULE_FAMILIES.get(prefix, '')}](RULES.md#{_anchor(first)})"
        rows.append(f"| {link} | {', '.join(f'{r.code} {r.name}' for r in rules)} |")
    return "\n".join(rows)


def _anchor(rule: Rule) -> str:
    """GitHub's anchor for the rule's heading in RULES.md (``#### PP101 unknown-key``)."""
    return f"{rule.code.lower()}-{rule.name}"


def rules_reference() -> str:
    intro = (
        "Every example is a complete file, checked by the test suite through the engine: the "
        "failing file must give its rule's code, the passing one no finding at all. Each is "
        "checked in a site whose other files are these:"
    )
    defaults = [f"`{EXAMPLE_PATHS[f]}`:\n\n{_file(text, f)}" for f, text in _DEFAULTS.items()]
    return "\n\n".join([intro, *defaults, *(rule_section(r) for r in registry.rules())])


def kinds_reference() -> str:
    blocks = []
    for kind in KINDS.values():
        lines = [f"#### `{kind.name}`", "", kind.summary]
        if kind.max_words:
            lines += ["", f"Whole post: at most {kind.max_words} words."]
        if kind.sections:
            lines += ["", "| `##` section, in order | required | word limit | must hold |"]
            lines += ["|---|---|---|---|"]
            for spec in kind.sections:
                holds = []
                if spec.numbered_subsections:
                    holds.append(f"{spec.numbered_subsections} numbered `###` subsections")
                if spec.letter:
                    holds.append("a letter signed with the author's name or a pen name")
                lines.append(
                    f"| {spec.title} | {'no' if spec.optional else 'yes'} | "
                    f"{spec.max_words or ''} | {', '.join(holds)} |"
                )
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def _docstring(module: ModuleType) -> str:
    """A module docstring as Markdown (reStructuredText's double backticks become single)."""
    text = inspect.getdoc(module) or ""
    text = re.sub(r":(?:mod|func|class|data):`~?([^`]+)`", r"`\1`", text)
    return text.replace("``", "`")


def liquid_tags_table() -> str:
    lines = ["| tag | written as | on the site |", "|---|---|---|"]
    for name, spec in TAGS.items():
        usage = spec.usage.replace("|", "\\|")
        lines.append(f"| `{name}` | `{usage}` | {spec.renders} |")
    return "\n".join(lines)


def limits_table() -> str:
    """The limits of :mod:`proofpress.body.limits`, each with its rule and what was measured."""
    lines = [_docstring(limits), "", "| rule | limit | why (measured) |", "|---|---|---|"]
    for limit in limits.LIMITS:
        rule = limit.rule
        limit_text = f"at most {limit.value:,} {limit.what}"
        lines.append(f"| [{rule.code}](#{_anchor(rule)}) | {limit_text} | {rule.why} |")
    return "\n".join(lines)


SECTIONS = {
    "liquid-tags": liquid_tags_table,
    "front-matter": front_matter_table,
    "authors": authors_table,
    "settings": settings_table,
    "kinds": kinds_reference,
    "counting": lambda: _docstring(words),
    "claims": lambda: _docstring(claims),
    "limits": limits_table,
    "rules-index": rules_index,
    "rules": rules_reference,
}


def update(readme: str) -> str:
    """``readme`` with every ``<!-- NAME:start -->…<!-- NAME:end -->`` block regenerated."""
    for name, make in SECTIONS.items():
        pattern = re.compile(rf"(<!-- {name}:start -->\n).*?(<!-- {name}:end -->)", re.DOTALL)
        if match := pattern.search(readme):
            readme = readme[: match.end(1)] + make() + "\n" + readme[match.start(2) :]
    return readme
