"""Which files under docs/ MkDocs would publish, and what Proofpress makes of each.

The walk mirrors MkDocs' own (``os.walk(docs_dir, followlinks=True)``, then its default
exclusions: names starting with ``.`` and the top-level ``templates/``), except that it never
follows a symlink that leaves the site's folder, is broken or loops, and never reads anything but
regular files. Each file it finds is one of:

- a **post**: a Markdown file (any extension MkDocs renders) under the posts folder;
- a **page**: a Markdown file anywhere else in docs/ (read, checked and sanitised like posts,
  with fewer keys);
- a **backup** (``post.md~``, ``.bak``, ``.orig``, ``.rej``, ``.swp``, ``#post.md#``): never
  published, without a finding (editors create them while you write);
- **refused**: an unsafe symlink or special file (PP501), an SVG that can run script or an
  HTML/XML document (PP502);
- any other file: copied as is (pictures, PDFs, CSS...).

One pass over the folder tree; the cost is linear in the number of files (and the size of SVGs).
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from proofpress.diagnostics import Diagnostic
from proofpress.rules import LINK_PREFIX, Example, Rule
from proofpress.settings import SiteConfig
from proofpress.urls import url_scheme

# mkdocs.utils.markdown_extensions, matched the way MkDocs matches it (a case-sensitive suffix).
# Copied, since the engine runs without MkDocs; a test keeps the two equal.
MARKDOWN_EXTENSIONS = (".markdown", ".mdown", ".mkdn", ".mkd", ".md")
BACKUP_SUFFIXES = (".bak", ".orig", ".rej", ".swp", ".swo", ".swn")
# Documents a browser runs script in when opened from the site (MkDocs copies them verbatim).
ACTIVE_SUFFIXES = (".html", ".htm", ".xhtml", ".xht", ".shtml", ".xml", ".xsl", ".xslt", ".svgz")
_SVG_FORBIDDEN_ELEMENTS = {"script", "foreignobject", "iframe", "embed", "object", "handler"}
_SCRIPT_SCHEMES = {"javascript", "vbscript", "livescript"}


UNSAFE_FILE = Rule(
    code="PP501",
    name="unsafe-file",
    summary="Every file under docs/ is a regular file inside the site's folder: no symlink that "
    "leaves it, loops or is broken, no pipe or device.",
    hint="replace the symlink with the file itself, or delete it",
    why="MkDocs follows symlinks: one that leaves the repository publishes private files, one "
    "that loops never ends the build.",
    example=Example(bad=f"{LINK_PREFIX}/\n", good="Meeting notes.\n", file="link"),
)
ACTIVE_CONTENT = Rule(
    code="PP502",
    name="active-content",
    summary="No file under docs/ runs script when opened: SVGs hold no script, event handler, "
    "javascript: address, foreignObject, entity or stylesheet; no HTML or XML documents.",
    hint="remove the script from the SVG (or export it again as a plain picture)",
    why="A picture opened on its own runs its scripts with the site's origin; post bodies are "
    "sanitised, and served files must be safe too.",
    example=Example(
        bad='<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><circle r="4"/></svg>\n',
        good='<svg xmlns="http://www.w3.org/2000/svg"><circle r="4"/></svg>\n',
        file="svg",
    ),
)
RULES = (UNSAFE_FILE, ACTIVE_CONTENT)


def is_markdown(name: str) -> bool:
    return name.endswith(MARKDOWN_EXTENSIONS)


def is_backup(name: str) -> bool:
    return (
        name.endswith("~")
        or name.lower().endswith(BACKUP_SUFFIXES)
        or (len(name) > 1 and name.startswith("#") and name.endswith("#"))
    )


def excluded_by_mkdocs(rel: str) -> bool:
    """MkDocs' default ``exclude_docs``: any part starting with '.', and ``/templates/``."""
    parts = rel.split("/")
    return any(part.startswith(".") for part in parts) or (
        len(parts) > 1 and parts[0] == "templates"
    )


@dataclass
class DocsFiles:
    """Every file under docs/ as Proofpress sorts it; paths are docs-relative ("posts/x.md")."""

    posts: list[str] = field(default_factory=list)
    pages: list[str] = field(default_factory=list)
    backups: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)  # never published, each with a finding
    problems: list[Diagnostic] = field(default_factory=list)

    @property
    def unsafe_links(self) -> list[Diagnostic]:
        """Findings MkDocs' own walk cannot survive: the build must stop before it walks."""
        return [d for d in self.problems if d.code == UNSAFE_FILE.code]


def scan_docs(config: SiteConfig, *, links_only: bool = False) -> DocsFiles:
    """Walk docs/ once, as MkDocs will, and sort every file (``links_only``: only look for
    unsafe symlinks and special files, reading no file)."""
    found = DocsFiles()
    docs = config.docs_dir
    if not docs.is_dir():
        return found
    root_real = os.path.realpath(config.root)
    posts_prefix = config.posts_dir.strip("/") + "/"
    # (folder on disk as MkDocs names it, its docs-relative prefix, real paths of the chain)
    stack: list[tuple[str, str, tuple[str, ...]]] = [(str(docs), "", (os.path.realpath(docs),))]
    while stack:
        folder, prefix, chain = stack.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            continue  # MkDocs' os.walk skips unreadable folders too
        subfolders = []
        for entry in entries:
            rel = prefix + entry.name
            display = config.display(docs / rel)
            if entry.is_symlink():
                problem = _link_problem(entry.path, root_real, chain)
                if problem:
                    found.problems.append(UNSAFE_FILE.at(display, 1, 1, problem))
                    found.refused.append(rel)
                    continue
            try:
                mode = os.stat(entry.path).st_mode
            except OSError as err:
                found.problems.append(
                    UNSAFE_FILE.at(display, 1, 1, f"the file cannot be read ({err.strerror})")
                )
                found.refused.append(rel)
                continue
            if stat.S_ISDIR(mode):
                subfolders.append((entry.path, rel + "/", (*chain, os.path.realpath(entry.path))))
            elif not stat.S_ISREG(mode):
                found.problems.append(
                    UNSAFE_FILE.at(display, 1, 1, "not a regular file (a pipe, socket or device)")
                )
                found.refused.append(rel)
            elif not links_only and not excluded_by_mkdocs(rel):
                _sort_file(found, rel, display, Path(entry.path), posts_prefix)
        stack.extend(reversed(subfolders))
    return found


def _sort_file(found: DocsFiles, rel: str, display: str, file: Path, posts_prefix: str) -> None:
    name = rel.rsplit("/", 1)[-1]
    if is_backup(name):
        found.backups.append(rel)
    elif is_markdown(name):
        (found.posts if rel.startswith(posts_prefix) else found.pages).append(rel)
    elif name.lower().endswith(ACTIVE_SUFFIXES):
        found.refused.append(rel)
        found.problems.append(
            ACTIVE_CONTENT.at(
                display,
                1,
                1,
                f"'{name}' is a document a browser would run script in; the site does not "
                "publish HTML or XML files",
                "write the page in Markdown, or put the file outside docs/",
            )
        )
    elif name.lower().endswith(".svg"):
        problem = svg_problem(file.read_bytes())
        if problem:
            line, message = problem
            found.refused.append(rel)
            found.problems.append(ACTIVE_CONTENT.at(display, line, 1, message))


def _link_problem(path: str, root_real: str, chain: tuple[str, ...]) -> str | None:
    """Why MkDocs must not follow this symlink, or None when it stays inside the site."""
    try:
        os.stat(path)
    except OSError as err:
        if err.errno == 40:  # ELOOP
            return "the symlink loops (it leads back to itself)"
        return "the symlink is broken (its target does not exist)"
    real = os.path.realpath(path)
    if real != root_real and not real.startswith(root_real + os.sep):
        return "the symlink leads outside the site's folder; nothing outside it is published"
    if os.path.isdir(path) and any(
        here == real or here.startswith(real + os.sep) for here in chain
    ):
        return "the symlink loops: it leads to a folder that contains it"
    return None


def svg_problem(data: bytes) -> tuple[int, str] | None:
    """(line, message) when an SVG could run script once opened on its own, else None."""
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    if b"<!ENTITY" in data:
        return 1, "the SVG declares entities; they could hide script"
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as err:
        line = err.lineno or 1
        return line, f"the SVG is not well-formed XML ({err.msg}); it cannot be checked"
    for node in (*reversed(list(root.itersiblings(preceding=True))), *root.iter()):
        if isinstance(node, etree._ProcessingInstruction):
            if node.target.lower() == "xml-stylesheet":
                return node.sourceline or 1, "the SVG loads a stylesheet (xml-stylesheet)"
            continue
        if not isinstance(node.tag, str):
            continue  # comments, entities
        name = etree.QName(node).localname.lower()
        if name in _SVG_FORBIDDEN_ELEMENTS:
            return node.sourceline or 1, f"the SVG contains a <{name}> element"
        for attribute, value in node.attrib.items():
            local = etree.QName(attribute).localname.lower()
            if local.startswith("on"):
                return node.sourceline or 1, f"the SVG has an event handler ({local}=)"
            if url_scheme(value) in _SCRIPT_SCHEMES:
                return node.sourceline or 1, f"the SVG has a script address in {local}="
    return None
