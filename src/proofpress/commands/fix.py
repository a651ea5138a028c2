"""``proofpress check --fix`` (and ``--diff``): rewrite what is mechanical and safe, in place.

A fix runs only where the check reports its finding, and is kept only if the post then has no
finding it did not have before, so a fixed post is never worse and a second run changes nothing:

- PP102 draft-key: ``draft: true`` becomes ``published: false`` (beside a ``published`` key the
  writer decides);
- PP106 tag-count, PP107 tag-format: the tags as DEV publishes them (lowercase ``[0-9a-z]``, no
  repeats, the first four), written ``[a, b]``;
- PP302 heading-jump: headings re-levelled as ``proofpress import`` does (the outline keeps its
  shape and loses its jumps; a top-level heading becomes ``##``);
- and, with no finding, an optional key DEV reads left empty (``series:``) is removed: DEV and
  Proofpress read it as unset.

Only front-matter entries and heading lines change: never code, Liquid tags or other text. A
missing ``cover_alt`` is left alone: saying what a picture shows is not mechanical. A file is
rewritten only through a new file put in its place, only if it still holds the bytes that were
checked, keeping its line endings and byte-order mark; a link, or a file whose line endings are
mixed, is not rewritten.
"""

from __future__ import annotations

import difflib
import os
import stat
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from proofpress.check.engine import check_post
from proofpress.dev.markdown import relevel_headings
from proofpress.reading.reader import Document, parse_post, read_bytes
from proofpress.reading.yamlsafe import Entry, YamlProblem, load_mapping
from proofpress.records.context import CheckContext
from proofpress.records.model import POST_SCHEMA
from proofpress.records.schema import MAX_TAGS, dev_tag
from proofpress.records.settings import SiteConfig

_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True, slots=True)
class Change:
    code: str  # the finding fixed ("" for a tidy-up no rule reports)
    line: int  # file line, before the fix
    what: str


@dataclass
class Fixed:
    """One post's fixes: its bytes before and after, and what changed."""

    path: str
    before: bytes
    after: bytes
    changes: list[Change] = field(default_factory=list)

    def diff(self) -> str:
        old, new = (_text(data).splitlines(keepends=True) for data in (self.before, self.after))
        return "".join(difflib.unified_diff(old, new, f"a/{self.path}", f"b/{self.path}"))


@dataclass(frozen=True, slots=True)
class _Post:
    """The post as read, before any fix: what the fixes' messages point at."""

    doc: Document
    first: dict[str, int]  # code -> file line of its first finding

    def line(self, key: str) -> int:
        """The file line of the front-matter key, as the writer's file has it."""
        entry = next(e for e in self.doc.entries if e.key == key)
        return entry.where()[0]


@dataclass(frozen=True, slots=True)
class _Edit:
    """A post's text after one fix: front matter and body, and what changed."""

    yaml_text: str
    body: str
    changes: list[Change]


def fix_post(file: Path, config: SiteConfig, ctx: CheckContext) -> Fixed | str | None:
    """The post's fixes (None: nothing to fix), or why it is not fixed."""
    path = config.display(file)
    if file.is_symlink():
        return "a link: not rewritten"
    if not file.is_file():
        return "not a regular file: not rewritten"
    data, _ = read_bytes(file, path, kind="post")
    if data is None:
        return None  # too large or unreadable: the check says why
    newline = _newline(data)
    if newline is None:
        return "mixed line endings: not rewritten"
    bom = _BOM if data.startswith(_BOM) else b""
    try:
        text = data[len(bom) :].decode("utf-8").replace("\r\n", "\n")
    except UnicodeDecodeError:
        return None  # PP001 says why
    doc = parse_post(text, Document(path))
    if doc.diagnostics and not doc.entries:
        return None
    _, findings = check_post(file, config, ctx, data=data)
    first = {f.code: f.line for f in sorted(findings, reverse=True)}
    head = text[: text.index("\n") + 1]
    rest = text[len(head) + len(doc.yaml_text) : len(text) - len(doc.body)]
    if text != head + doc.yaml_text + rest + doc.body:
        return None  # not the shape every fix assumes (cannot happen for a read post)

    def encode(edit: _Edit) -> bytes:
        whole = head + edit.yaml_text + rest + edit.body
        return bom + whole.replace("\n", newline).encode("utf-8")

    current = _Edit(doc.yaml_text, doc.body, [])
    counts = Counter(f.code for f in findings)
    for fix in _FIXES:
        edit = fix(_Post(doc, first), current, counts)
        if edit is None or (edit.yaml_text, edit.body) == (current.yaml_text, current.body):
            continue
        _, after = check_post(file, config, ctx, data=encode(edit))
        found = Counter(f.code for f in after)
        if all(found[code] <= counts[code] for code in found):  # never a new finding
            current, counts = edit, found
    if not current.changes:
        return None
    return Fixed(path, data, encode(current), current.changes)


def _newline(data: bytes) -> str | None:
    """The file's one line ending, or None when it mixes them."""
    crlf = data.count(b"\r\n")
    if crlf == 0:
        return None if b"\r" in data else "\n"
    return "\r\n" if crlf == data.count(b"\n") == data.count(b"\r") else None


def _text(data: bytes) -> str:
    return data.decode("utf-8", errors="replace")


# ----------------------------------------------------------------------------- the fixes


def _entries(post: _Post, edit: _Edit) -> list[Entry]:
    """The front matter's entries as the edit has it (read again after an earlier fix)."""
    if edit.yaml_text == post.doc.yaml_text:
        return post.doc.entries
    try:
        return load_mapping(edit.yaml_text, post.doc.yaml_line)
    except YamlProblem:  # cannot happen after a fix that kept the YAML valid; then fix no more
        return []


def _span(yaml_text: str, entry: Entry) -> tuple[int, int]:
    """Where the entry stands in the YAML text: from its key to the end of its value."""
    lines = yaml_text.split("\n")
    start = sum(len(line) + 1 for line in lines[: entry.line]) + entry.column
    end = entry.node.end_mark.index
    while end > start and yaml_text[end - 1] in " \t\n":  # a block value ends past its line
        end -= 1
    return start, end


def _lines_of(yaml_text: str, entry: Entry) -> tuple[int, int]:
    """The entry's whole lines: from its key's line start to the end of its value's line."""
    start, end = _span(yaml_text, entry)
    line_start = yaml_text.rfind("\n", 0, start) + 1
    line_end = yaml_text.find("\n", end)
    return line_start, len(yaml_text) if line_end < 0 else line_end + 1


def _draft_key(post: _Post, edit: _Edit, counts: Counter[str]) -> _Edit | None:
    entries = _entries(post, edit)
    draft = next((e for e in entries if e.key == "draft" and e.value is True), None)
    if not counts["PP102"] or draft is None or any(e.key == "published" for e in entries):
        return None
    start, end = _span(edit.yaml_text, draft)
    text = edit.yaml_text[:start] + "published: false" + edit.yaml_text[end:]
    change = Change("PP102", post.line("draft"), "draft: true -> published: false")
    return _Edit(text, edit.body, [*edit.changes, change])


def _tags(post: _Post, edit: _Edit, counts: Counter[str]) -> _Edit | None:
    entry = next((e for e in _entries(post, edit) if e.key == "tags"), None)
    code = "PP107" if counts["PP107"] else "PP106"
    if not counts[code] or entry is None:
        return None
    items = entry.value.split(",") if isinstance(entry.value, str) else entry.value
    if not isinstance(items, list) or not all(isinstance(i, str | int) for i in items):
        return None  # a wrong type (PP104) is the writer's to fix
    tags = list(dict.fromkeys(t for t in (dev_tag(str(i)) for i in items) if t))[:MAX_TAGS]
    if not tags:  # no tag keeps a letter or digit: DEV would publish none
        start, end = _lines_of(edit.yaml_text, entry)
        text = edit.yaml_text[:start] + edit.yaml_text[end:]
        change = Change(code, post.line("tags"), "removed tags: none has a letter or digit")
        return _Edit(text, edit.body, [*edit.changes, change])
    start, end = _span(edit.yaml_text, entry)
    key_end = start + len("tags")
    written = f"[{', '.join(tags)}]"
    text = f"{edit.yaml_text[:key_end]}: {written}{edit.yaml_text[end:]}"
    change = Change(code, post.line("tags"), f"tags: {written}")
    return _Edit(text, edit.body, [*edit.changes, change])


_OPTIONAL = {f.name for f in POST_SCHEMA.fields if f.dev and not f.required}


def _empty_keys(post: _Post, edit: _Edit, counts: Counter[str]) -> _Edit | None:
    empty = [
        e
        for e in _entries(post, edit)
        if e.key in _OPTIONAL and (e.value is None or e.value == "" or e.value == [])
    ]
    text = edit.yaml_text
    for entry in reversed(empty):  # from the bottom, so earlier offsets hold
        start, end = _lines_of(text, entry)
        text = text[:start] + text[end:]
    changes = [Change("", post.line(e.key), f"removed the empty '{e.key}:'") for e in empty]
    return _Edit(text, edit.body, [*edit.changes, *changes]) if empty else None


def _heading_levels(post: _Post, edit: _Edit, counts: Counter[str]) -> _Edit | None:
    if not counts["PP302"]:
        return None
    body, changed = relevel_headings(edit.body)
    change = Change("PP302", post.first["PP302"], f"{changed} heading level(s) re-levelled")
    return _Edit(edit.yaml_text, body, [*edit.changes, change])


_FIXES: tuple[Callable[[_Post, _Edit, Counter[str]], _Edit | None], ...] = (
    _draft_key,
    _tags,
    _empty_keys,
    _heading_levels,
)


# ----------------------------------------------------------------------------- writing


def write(fixed: Fixed, file: Path) -> str | None:
    """Put the fixed bytes in the file's place; None, or why it was left as it was."""
    if file.is_symlink() or not file.is_file() or file.read_bytes() != fixed.before:
        return "changed since it was checked: not rewritten"
    mode = stat.S_IMODE(file.stat().st_mode)
    handle, temporary = tempfile.mkstemp(dir=file.parent, prefix=f".{file.name}.", suffix=".fix")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(fixed.after)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, file)
    except OSError as err:
        Path(temporary).unlink(missing_ok=True)
        return f"could not be rewritten ({err.strerror})"
    return None


def fix_posts(
    files: Iterable[Path], config: SiteConfig, ctx: CheckContext
) -> tuple[list[tuple[Path, Fixed]], list[tuple[str, str]]]:
    """Every post's fixes, and (path, why) for each post that cannot be rewritten."""
    fixed: list[tuple[Path, Fixed]] = []
    skipped: list[tuple[str, str]] = []
    for file in files:
        outcome = fix_post(file, config, ctx)
        if isinstance(outcome, Fixed):
            fixed.append((file, outcome))
        elif outcome is not None:
            skipped.append((config.display(file), outcome))
    return fixed, skipped
