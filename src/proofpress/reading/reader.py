"""The one post reader: bytes on disk to front-matter entries and a body, or located errors.

It follows MkDocs' own front-matter rule (``mkdocs/utils/meta.py``: the file starts with a
``---`` line, and the first later ``---`` or ``...`` line closes the block, each fence followed
by a newline) after the same decoding MkDocs applies (UTF-8 with an optional BOM, universal
newlines), so the checker and the renderer never disagree about where front matter ends.
Everything MkDocs would silently mangle (no fences, a fence it would not see, YAML it would
swallow) is an error here instead. The reader owns the file rules (PP001-PP003, PP010); the
YAML inside the fences is :mod:`proofpress.reading.yamlsafe`'s.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from proofpress.core.diagnostics import Diagnostic
from proofpress.core.rule import declared_all
from proofpress.reading.yamlsafe import NOT_A_MAPPING, Entry, YamlProblem, load_mapping

MAX_FILE_BYTES = 1024 * 1024
MAX_FRONT_MATTER_BYTES = 64 * 1024

# The same pattern as mkdocs.utils.meta.YAML_RE (copied: the engine must not need MkDocs).
FENCED = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
_BOM = b"\xef\xbb\xbf"


def _binary_size(size: int) -> str:
    """A cap as the rules' text gives it: 1048576 is "1 MiB", 65536 "64 KiB"."""
    for unit, factor in (("MiB", 1024 * 1024), ("KiB", 1024)):
        if size % factor == 0:
            return f"{size // factor} {unit}"
    return f"{size:,} bytes"


ENCODING, TOO_LARGE, FENCES, EMPTY_BODY = RULES = declared_all(
    "PP001",
    "PP002",
    "PP003",
    "PP010",
    max_file=_binary_size(MAX_FILE_BYTES),
    max_front_matter=_binary_size(MAX_FRONT_MATTER_BYTES),
)


@dataclass
class Document:
    """A read file: its front-matter entries and body, or the problems that stopped reading."""

    path: str
    entries: list[Entry] = field(default_factory=list)
    body: str = ""
    body_line: int = 1  # file line of the body's first line
    yaml_line: int = 2  # file line of the first YAML line
    yaml_text: str = ""  # the front matter between the fences, as written (comments included)
    diagnostics: list[Diagnostic] = field(default_factory=list)


def decode(data: bytes, path: str) -> tuple[str | None, Diagnostic | None]:
    """UTF-8 (BOM allowed) with universal newlines, or a located encoding error."""
    if data.startswith(_BOM):
        data = data[len(_BOM) :]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        line_start = data.rfind(b"\n", 0, err.start) + 1
        column = len(data[line_start : err.start].decode("utf-8", errors="replace")) + 1
        message = f"the file is not UTF-8: byte 0x{data[err.start]:02x} cannot start a character"
        return None, ENCODING.at(path, line, column, message)
    return text.replace("\r\n", "\n").replace("\r", "\n"), None


def read_bytes(
    file: Path, path: str, *, kind: str = "file"
) -> tuple[bytes | None, Diagnostic | None]:
    """Read a file from disk within the size cap: its bytes, or why they cannot be had."""
    try:
        size = file.stat().st_size
        if size > MAX_FILE_BYTES:
            message = f"the {kind} is {size:,} bytes; the limit is {MAX_FILE_BYTES:,}"
            return None, TOO_LARGE.at(path, 1, 1, message)
        return file.read_bytes(), None
    except OSError as err:
        return None, ENCODING.at(
            path, 1, 1, f"cannot read the {kind}: {err.strerror}", "check the file's permissions"
        )


def read_text(
    file: Path, path: str, *, kind: str = "file", data: bytes | None = None
) -> tuple[str | None, Diagnostic | None]:
    """A file's text, decoded: from ``data`` when the caller read it already (one read per
    file: the check cache reads a post's bytes for its key and hands them on), else read."""
    if data is None or len(data) > MAX_FILE_BYTES:
        data, problem = read_bytes(file, path, kind=kind)
        if data is None:
            return None, problem
    return decode(data, path)


def read_post(file: Path, path: str, data: bytes | None = None) -> Document:
    """Read one post (``data``: its bytes, already read). ``path`` is how messages name it
    (relative to the site root)."""
    doc = Document(path)
    text, problem = read_text(file, path, kind="post", data=data)
    if problem is not None or text is None:
        doc.diagnostics.append(problem)  # type: ignore[arg-type]
        return doc
    return parse_post(text, doc)


def parse_post(text: str, doc: Document) -> Document:
    match = FENCED.match(text)
    if match is None:
        doc.diagnostics.append(_fence_problem(text, doc.path))
        return doc
    yaml_text = doc.yaml_text = match.group(1)
    if len(yaml_text.encode("utf-8")) > MAX_FRONT_MATTER_BYTES:
        doc.diagnostics.append(
            TOO_LARGE.at(
                doc.path,
                2,
                1,
                f"the front matter is {len(yaml_text.encode('utf-8')):,} bytes; "
                f"the limit is {MAX_FRONT_MATTER_BYTES:,}",
                "keep front matter to metadata; move long text into the body",
            )
        )
        return doc
    try:
        doc.entries = load_mapping(yaml_text, doc.yaml_line)
    except YamlProblem as err:
        doc.diagnostics.append(err.at(doc.path, doc.yaml_line))
        return doc
    if not match.group(1).strip():
        doc.diagnostics.append(NOT_A_MAPPING.at(doc.path, 1, 1, "the front matter is empty"))
    fence_lines = match.group(0).count("\n")
    rest = text[match.end() :]
    stripped = rest.lstrip("\n")  # MkDocs drops blank lines after the closing fence
    doc.body = stripped
    doc.body_line = 1 + fence_lines + (len(rest) - len(stripped))
    if not stripped.strip():
        doc.diagnostics.append(
            EMPTY_BODY.at(doc.path, fence_lines, 1, "the post has front matter but no body")
        )
    return doc


def _fence_problem(text: str, path: str) -> Diagnostic:
    """Say why MkDocs would not see front matter here, pointing at the offending line."""
    rule = FENCES
    if not text.strip():
        return rule.at(path, 1, 1, "the file is empty; expected front matter between --- lines")
    lines = text.split("\n")
    first = next(i for i, line in enumerate(lines) if line.strip())
    head = lines[first]
    if first > 0 and head.rstrip() == "---":
        return rule.at(
            path,
            first + 1,
            1,
            f"front matter must start on line 1; found {first} blank line(s) before '---'",
            "delete the blank lines above the opening ---",
        )
    if head.rstrip(" \t") != "---" and set(head.strip()) == {"-"}:
        return rule.at(
            path,
            1,
            1,
            f"expected exactly three dashes '---' to open the front matter, found '{head.strip()}'",
            "write the fence as ---",
        )
    if head.rstrip(" \t") != "---":
        return rule.at(
            path,
            1,
            1,
            f"expected front matter starting with '---' on line 1, found '{head[:40]}'",
            "start the post with a --- line, the YAML front matter (title, date, author...), "
            "and another --- line",
        )
    for number, line in enumerate(lines[1:], start=2):
        if line.rstrip(" \t") in ("---", "...") and number == 2:
            return rule.at(
                path,
                1,
                1,
                "the front matter is empty; expected title, date and author between the fences",
                "add the required keys between the --- lines",
            )
        if line.rstrip(" \t") in ("---", "..."):
            return rule.at(
                path,
                number,
                1,
                "the closing front-matter fence must be followed by a newline",
                "end the file with a newline after the closing ---",
            )
    return rule.at(
        path,
        1,
        1,
        "the front matter opened on line 1 is never closed",
        "add a line with --- after the last front-matter key",
    )
