"""A strict, bounded YAML reader for front matter and the authors registry.

PyYAML alone accepts anchors and aliases (a 387-byte alias bomb eats gigabytes once
rendered), keeps the last of duplicate keys, turns ``yes``/``no``/``on``/``off`` into
booleans and ``0755`` into 493, and has no depth limit. This module composes the YAML node
graph with the safe loader (libyaml when available; every node keeps its position), refuses
aliases, anchors, tags (``!Wow``, ``!!python/object``, ``!!binary``: each would either stop the
loader or build a value no key expects), duplicate keys and deep nesting, and reports YAML 1.1
surprises, each as a :class:`YamlProblem` carrying its rule (PP004-PP009 and PP011, claimed
here) and a 0-based position inside the YAML text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from proofpress.core.diagnostics import Diagnostic
from proofpress.core.rule import Rule, declared_all

MAX_DEPTH = 8

(SYNTAX, ALIAS, DUPLICATE_KEY, TOO_DEEP, NOT_A_MAPPING, YAML11_VALUE, TAG) = RULES = declared_all(
    "PP004", "PP005", "PP006", "PP007", "PP008", "PP009", "PP011", max_depth=MAX_DEPTH
)

_TRUE_FALSE = {"true", "false"}
_SEXAGESIMAL = re.compile(r"^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?$")


@dataclass(eq=False)  # not frozen: Python sets an exception's __traceback__ as it propagates
class YamlProblem(Exception):
    """One thing wrong with a YAML document, at a 0-based line and column of its text."""

    rule: Rule
    line: int
    column: int
    message: str
    hint: str = ""

    def at(self, path: str, first_line: int) -> Diagnostic:
        """The problem as a finding; ``first_line`` is the file line of the YAML's line 0."""
        return self.rule.at(
            path, first_line + self.line, self.column + 1, self.message, self.hint or None
        )


@dataclass(frozen=True, slots=True)
class Entry:
    """One top-level key of a mapping, with where its key and its value start."""

    key: str
    value: Any
    line: int  # 0-based, of the key
    column: int
    value_line: int
    value_column: int
    node: Node  # the value's node, to descend into nested mappings
    first_line: int  # file line of the YAML text's line 0, for messages

    def where(self) -> tuple[int, int]:
        """File line and column of the key."""
        return self.first_line + self.line, self.column + 1

    def value_where(self) -> tuple[int, int]:
        """The key's line; the value's column when the value starts on that line."""
        if self.value_line == self.line:
            return self.first_line + self.line, self.value_column + 1
        return self.where()

    def child_positions(self) -> dict[str, tuple[int, int]]:
        """File line and column of each text key of a nested mapping value (none otherwise)."""
        if not isinstance(self.node, MappingNode):
            return {}
        return {
            key.value: (self.first_line + key.start_mark.line, key.start_mark.column + 1)
            for key, _ in self.node.value
            if isinstance(key, ScalarNode) and key.tag == "tag:yaml.org,2002:str"
        }

    def children(self) -> list[Entry] | None:
        """The entries of a nested mapping value, or None when the value is not a mapping."""
        if not isinstance(self.node, MappingNode):
            return None
        return mapping_entries(self.node, self.first_line)


# libyaml (C) when PyYAML was built with it: ten times faster than the pure-Python scanner.
_FastLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_SYNTAX_HINT = (
    "check indentation, and quote values that contain ': ' or start with a special "
    "character such as [ { * & ! | > ' \" % @ `"
)


class _Constructor(yaml.SafeLoader):
    """Builds Python values from already-checked nodes (dates, numbers, lists, mappings)."""


def _prescan(text: str, loader: Any = _FastLoader) -> None:
    """Refuse anchors, aliases, tags and deep nesting from the event stream, before any node
    exists.

    Events come one at a time, so an alias bomb or ten thousand brackets stop at the first
    offending event instead of being built.
    """
    depth = 0
    for event in yaml.parse(text, Loader=loader):
        mark = event.start_mark
        line, column = (mark.line, mark.column) if mark else (0, 0)
        if isinstance(event, AliasEvent) or getattr(event, "anchor", None):
            raise YamlProblem(
                ALIAS,
                line,
                column,
                "YAML anchors and aliases (&name, *name) are not allowed",
                "write each value out in full",
            )
        tag = getattr(event, "tag", None)
        if tag is not None and not isinstance(event, DocumentStartEvent):
            raise YamlProblem(
                TAG,
                line,
                column,
                f"YAML tags such as '{_short(tag)}' are not allowed",
                "remove the tag; quote the value if it is text that starts with !",
            )
        if isinstance(event, MappingStartEvent | SequenceStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise YamlProblem(
                    TOO_DEEP,
                    line,
                    column,
                    f"values are nested more than {MAX_DEPTH} levels deep",
                    "flatten the value; front matter needs at most two levels",
                )
        elif isinstance(event, MappingEndEvent | SequenceEndEvent):
            depth -= 1


def _short(tag: str) -> str:
    """A tag as the writer wrote it: ``tag:yaml.org,2002:binary`` is ``!!binary``."""
    tag = tag.replace("tag:yaml.org,2002:", "!!")
    return tag if len(tag) <= 40 else tag[:39] + "\u2026"


def compose(text: str) -> Node | None:
    """Parse ``text`` into a node graph, or raise :class:`YamlProblem`."""
    try:
        _prescan(text)
        return yaml.compose(text, Loader=_FastLoader)
    except yaml.MarkedYAMLError as err:
        if "nesting depth" in str(err.problem):
            # libyaml scans ahead and stops at its own limit (1,000 levels); the pure-Python
            # parser finds the first level past ours, where the writer should look.
            _prescan(text, yaml.SafeLoader)
        mark = err.problem_mark or err.context_mark
        line, column = (mark.line, mark.column) if mark else (0, 0)
        problem = err.problem or err.context or "invalid YAML"
        hint = _SYNTAX_HINT
        if _char_at(text, line, column) == "\t":
            problem, hint = "a tab cannot indent YAML", "indent with spaces"
        raise YamlProblem(SYNTAX, line, column, f"invalid YAML: {problem}", hint) from None
    except yaml.YAMLError as err:
        raise YamlProblem(SYNTAX, 0, 0, f"invalid YAML: {err}", _SYNTAX_HINT) from None


def _char_at(text: str, line: int, column: int) -> str:
    lines = text.split("\n")
    return lines[line][column : column + 1] if line < len(lines) else ""


def check_surprises(node: Node) -> None:
    """Raise on the first YAML 1.1 value that PyYAML would silently convert."""
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, MappingNode):
            for key, value in current.value:
                stack.extend((key, value))
        elif isinstance(current, SequenceNode):
            stack.extend(current.value)
        elif isinstance(current, ScalarNode) and not current.style:  # plain: None, or '' (C)
            _check_plain_scalar(current)


def _check_plain_scalar(node: ScalarNode) -> None:
    text = node.value
    mark = node.start_mark
    if node.tag == "tag:yaml.org,2002:bool" and text.lower() not in _TRUE_FALSE:
        raise YamlProblem(
            YAML11_VALUE,
            mark.line,
            mark.column,
            f"'{text}' is read as the boolean {str(text.lower() in ('yes', 'on')).lower()} "
            "by YAML 1.1",
            f'write true or false for a yes/no value, or quote it ("{text}") for text',
        )
    if node.tag == "tag:yaml.org,2002:int" and (_is_octal(text) or _SEXAGESIMAL.match(text)):
        raise YamlProblem(
            YAML11_VALUE,
            mark.line,
            mark.column,
            f"'{text}' is read as the number {yaml.safe_load(text)} by YAML 1.1",
            f'quote it ("{text}") if you mean text',
        )


def _is_octal(text: str) -> bool:
    digits = text.lstrip("+-")
    return len(digits) > 1 and digits.startswith("0") and digits.isdigit()


def mapping_entries(node: Node, first_line: int = 1) -> list[Entry]:
    """The entries of a mapping node, refusing duplicate keys and non-text keys."""
    constructor = _Constructor("")
    entries: list[Entry] = []
    seen: dict[str, int] = {}
    for key_node, value_node in node.value:
        mark = key_node.start_mark
        if not isinstance(key_node, ScalarNode) or key_node.tag != "tag:yaml.org,2002:str":
            raise YamlProblem(
                SYNTAX,
                mark.line,
                mark.column,
                f"a key must be a plain name, found {_describe_node(key_node)}",
                "write keys as plain words such as title:",
            )
        key = key_node.value
        if key in seen:
            raise YamlProblem(
                DUPLICATE_KEY,
                mark.line,
                mark.column,
                f"duplicate key '{key}' (first given on line {seen[key] + first_line})",
                "keep one of them: YAML would silently keep only the last",
            )
        seen[key] = mark.line
        _reject_nested_duplicates(value_node)
        value = _construct(constructor, value_node)
        vmark = value_node.start_mark
        entries.append(
            Entry(
                key, value, mark.line, mark.column, vmark.line, vmark.column, value_node, first_line
            )
        )
    return entries


def _construct(constructor: _Constructor, node: Node) -> Any:
    """The Python value of a node; an impossible timestamp (2026-13-02) stays its text."""
    try:
        return constructor.construct_object(node, deep=True)
    except (ValueError, OverflowError):
        if isinstance(node, ScalarNode):
            return node.value
        raise YamlProblem(
            SYNTAX,
            node.start_mark.line,
            node.start_mark.column,
            "a value inside this entry cannot be read (an impossible date or number?)",
            "quote dates and numbers that are meant as text",
        ) from None


def _reject_nested_duplicates(node: Node) -> None:
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, MappingNode):
            keys: set[object] = set()
            for key, value in current.value:
                if isinstance(key, ScalarNode):
                    if key.value in keys:
                        mark = key.start_mark
                        raise YamlProblem(
                            DUPLICATE_KEY,
                            mark.line,
                            mark.column,
                            f"duplicate key '{key.value}'",
                            "keep one of them: YAML would silently keep only the last",
                        )
                    keys.add(key.value)
                stack.append(value)
        elif isinstance(current, SequenceNode):
            stack.extend(current.value)


def _describe_node(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    return f"'{node.value}'"


def describe(node: Node | None) -> str:
    """How a whole document looks, for "front matter must be a mapping" messages."""
    if node is None:
        return "nothing"
    if isinstance(node, SequenceNode):
        return "a list"
    if isinstance(node, ScalarNode):
        return f"the text '{node.value[:40]}'"
    return "a mapping"


def load_mapping(text: str, first_line: int = 1) -> list[Entry]:
    """Load a YAML mapping strictly. An empty document is an empty mapping.

    ``first_line`` is the file line of the text's first line; messages that mention another
    line use it (positions stay 0-based within the text).
    """
    node = compose(text)
    if node is None:
        return []
    check_surprises(node)
    if not isinstance(node, MappingNode):
        mark = node.start_mark
        raise YamlProblem(
            NOT_A_MAPPING,
            mark.line,
            mark.column,
            f"expected a mapping of keys to values, found {describe(node)}",
            "write one 'key: value' per line",
        )
    return mapping_entries(node, first_line)
