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
  HTML/XML document (PP502), or a file of any type not on the allow-list (PP502);
- a file of an allowed type (``PUBLISHED_TYPES``: pictures, fonts, stylesheets and scripts,
  PDFs, audio, video, captions, plain text and data, archives, ``CNAME``): copied as is.

Only an allow-list is safe: browsers and GitHub Pages serve many extensions (``.xhtm``,
``.xpdl``, ``.xsd``, ``.rng``...) as XHTML or XML, which run script with the site's origin.

One pass over the folder tree; the cost is linear in the number of files (and the size of SVGs).
"""

from __future__ import annotations

import contextlib
import fnmatch
import functools
import os
import stat
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from xml.parsers import expat

from lxml import etree

from proofpress.core.css import tokens as css_tokens
from proofpress.core.diagnostics import Diagnostic
from proofpress.core.rule import declared_all
from proofpress.core.weburl import url_scheme
from proofpress.records.settings import SiteConfig

# mkdocs.utils.markdown_extensions, matched the way MkDocs matches it (a case-sensitive suffix).
# Copied, since the engine runs without MkDocs; a test keeps the two equal.
MARKDOWN_EXTENSIONS = (".markdown", ".mdown", ".mkdn", ".mkd", ".md")
BACKUP_SUFFIXES = (".bak", ".orig", ".rej", ".swp", ".swo", ".swn")
# Documents a browser runs script in when opened from the site (MkDocs copies them verbatim).
ACTIVE_SUFFIXES = (".html", ".htm", ".xhtml", ".xht", ".shtml", ".xml", ".xsl", ".xslt", ".svgz")
# What the site publishes from docs/ besides Markdown (matched case-insensitively). A browser
# runs none of these when opened on its own: script files run only when a page loads them, and
# post bodies cannot (they are sanitised); SVGs are checked (PP502).
PUBLISHED_TYPES = {
    "pictures": (".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".ico", ".bmp", ".svg"),
    "fonts": (".woff", ".woff2", ".ttf", ".otf"),
    "stylesheets and scripts": (".css", ".js", ".mjs"),
    "documents": (".pdf",),
    "audio and video": (".mp3", ".m4a", ".ogg", ".oga", ".opus", ".wav", ".flac", ".mp4",
                        ".m4v", ".webm", ".ogv", ".vtt"),
    "plain text and data": (".txt", ".csv", ".json"),
    "archives": (".zip", ".gz", ".tgz"),
}  # fmt: skip
PUBLISHED_SUFFIXES = tuple(suffix for group in PUBLISHED_TYPES.values() for suffix in group)
SCRIPT_SUFFIXES = (".js", ".mjs")  # published from docs/ only where extra_javascript names them
PUBLISHED_NAMES = ("CNAME",)  # GitHub Pages' custom domain (mkdocs gh-deploy copies it)
# Elements that run, embed another document, style or listen: refused wherever they stand.
_SVG_FORBIDDEN_ELEMENTS = {
    "script", "foreignobject", "iframe", "embed", "object", "handler", "listener",
}  # fmt: skip
# CSS that loads or runs something: at-rules, functions and properties (read by tinycss2).
_CSS_LOADING_AT_RULES = {"import", "font-face"}
_CSS_LOADING_FUNCTIONS = {
    "url", "src", "image", "image-set", "-webkit-image-set", "element", "expression",
}  # fmt: skip
_CSS_SCRIPT_PROPERTIES = {"behavior", "-moz-binding"}
# SMIL animations, and the attributes holding the values they write.
_SVG_ANIMATIONS = {"animate", "set", "animatemotion", "animatetransform", "animatecolor"}
_ANIMATION_VALUES = {"values", "to", "from", "by"}
_XHTML = "http://www.w3.org/1999/xhtml"
_SCRIPT_SCHEMES = {"javascript", "vbscript", "livescript"}


UNSAFE_FILE, ACTIVE_CONTENT = RULES = declared_all("PP501", "PP502")
_TYPES_HINT = "; ".join(
    f"{group} {' '.join(suffixes)}" for group, suffixes in PUBLISHED_TYPES.items()
)


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
    posts_prefix = config.posts_dir.strip("/") + "/"

    def sort(found: DocsFiles, rel: str, display: Callable[[], str], file: Path) -> None:
        if not excluded_by_mkdocs(rel):
            _sort_file(found, rel, display, file, posts_prefix, config.scripts)

    return _walk(config, config.docs_dir, None if links_only else sort)


def scan_theme(config: SiteConfig, *, links_only: bool = False) -> DocsFiles:
    """Walk the blog's own theme folder (``theme.custom_dir``) as MkDocs copies it: every file
    but templates, Python, Markdown, read-me and hidden files is published, so each passes the
    checks a file under docs/ does (scripts are the theme's own, and allowed)."""
    if config.theme_dir is None:
        return DocsFiles()

    def sort(found: DocsFiles, rel: str, display: Callable[[], str], file: Path) -> None:
        if not copied_from_theme(rel, config.theme_templates):
            return
        _sort_file(found, rel, display, file, "", None)

    return _walk(config, config.theme_dir, None if links_only else sort)


def copied_from_theme(rel: str, templates: Iterable[str] = ()) -> bool:
    """Whether MkDocs copies a theme folder's file to the site (MkDocs 1.6's own patterns;
    ``templates``: the theme's static templates, rendered instead, like sitemap.xml)."""
    name = rel.lower()
    skipped = (".*", "*/.*", "*.py", "*.pyc", "*.html", "*readme*", "mkdocs_theme.yml")
    patterns = (*skipped, "locales/*", *templates)
    return not (any(fnmatch.fnmatch(name, pattern) for pattern in patterns) or is_markdown(name))


def _walk(
    config: SiteConfig,
    top: Path,
    sort: Callable[[DocsFiles, str, Callable[[], str], Path], None] | None,
) -> DocsFiles:
    """Walk ``top`` as MkDocs does, refusing links out of the site and special files, and hand
    every plain file to ``sort`` (None: look at links and special files only)."""
    found = DocsFiles()
    docs = top
    if not docs.is_dir():
        return found
    root_real = os.path.realpath(config.root)
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
            display = functools.partial(_display, config, docs, rel)  # only a finding needs it
            if entry.is_symlink():
                problem = _link_problem(entry.path, root_real, chain)
                if problem:
                    found.problems.append(UNSAFE_FILE.at(display(), 1, 1, problem))
                    found.refused.append(rel)
                    continue
            try:
                mode = os.stat(entry.path).st_mode
            except OSError as err:
                found.problems.append(
                    UNSAFE_FILE.at(display(), 1, 1, f"the file cannot be read ({err.strerror})")
                )
                found.refused.append(rel)
                continue
            if stat.S_ISDIR(mode):
                subfolders.append((entry.path, rel + "/", (*chain, os.path.realpath(entry.path))))
            elif not stat.S_ISREG(mode):
                found.problems.append(
                    UNSAFE_FILE.at(display(), 1, 1, "not a regular file (a pipe, socket or device)")
                )
                found.refused.append(rel)
            elif sort is not None:
                sort(found, rel, display, Path(entry.path))
        stack.extend(reversed(subfolders))
    return found


def _display(config: SiteConfig, docs: Path, rel: str) -> str:
    return config.display(docs / rel)


def _sort_file(
    found: DocsFiles,
    rel: str,
    display: Callable[[], str],
    file: Path,
    posts_prefix: str,
    scripts: frozenset[str] | None,
) -> None:
    """Sort one file; ``scripts``: the scripts the site's settings load (None: any script)."""
    name = rel.rsplit("/", 1)[-1]
    if is_backup(name):
        found.backups.append(rel)
    elif is_markdown(name):
        (found.posts if rel.startswith(posts_prefix) else found.pages).append(rel)
    elif name.lower().endswith(ACTIVE_SUFFIXES):
        found.refused.append(rel)
        found.problems.append(
            ACTIVE_CONTENT.at(
                display(),
                1,
                1,
                f"'{name}' is a document a browser would run script in; the site does not "
                "publish HTML or XML files",
                "write the page in Markdown, or put the file outside docs/",
            )
        )
    elif scripts is not None and name.lower().endswith(SCRIPT_SUFFIXES) and rel not in scripts:
        found.refused.append(rel)
        found.problems.append(
            ACTIVE_CONTENT.at(
                display(),
                1,
                1,
                f"'{name}' is a script the site's settings do not load: published, any page "
                "or link could run it on the site's address",
                f"list it under extra_javascript in mkdocs.yml (as {rel}), or remove it",
            )
        )
    elif name.lower().endswith(".svg"):
        problem = svg_problem(file.read_bytes())
        if problem:
            line, message = problem
            found.refused.append(rel)
            found.problems.append(ACTIVE_CONTENT.at(display(), line, 1, message))
    elif not (name.lower().endswith(PUBLISHED_SUFFIXES) or name in PUBLISHED_NAMES):
        found.refused.append(rel)
        typed = "." in name.strip(".")
        kind = f"'.{name.rsplit('.', 1)[-1]}' files" if typed else "files without a type"
        found.problems.append(
            ACTIVE_CONTENT.at(
                display(),
                1,
                1,
                f"'{name}': the site publishes only file types on its list, not {kind}",
                f"convert it to an allowed type, or keep it outside docs/; allowed: {_TYPES_HINT}",
            )
        )


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
    """(line, message) when an SVG could run script, navigate or load anything once opened on
    its own, else None.

    The SVG is read by an XML parser (lxml, no DTD loaded, no entity resolved, no network) and
    must be inert by construction: no DOCTYPE with an internal subset (its ATTLIST defaults add
    attributes, ``onload`` included, that no parse without the DTD shows), no processing
    instruction that loads a stylesheet, no element that runs or embeds (``script``,
    ``foreignObject``, ``iframe``, XML Events handlers…), no element of the HTML namespace
    (``<html:meta http-equiv=refresh>`` navigates), no event handler, no script address in any
    attribute, no animation that writes an ``href`` or a handler or puts a script address in
    any of its values, and no CSS (``<style>``, ``style=``) that loads a file or binds script.
    """
    if (line := _internal_subset_line(data)) is not None:
        return line, (
            "the SVG's DOCTYPE declares its own rules (an internal subset); they can add "
            "attributes and entities, script included"
        )
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
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
            continue  # comments
        problem = _svg_element_problem(node)
        if problem:
            return node.sourceline or 1, problem
    return None


def _svg_element_problem(node: etree._Element) -> str | None:
    name = etree.QName(node)
    local = name.localname.lower()
    if name.namespace == _XHTML or local == "meta":
        return f"the SVG holds an HTML <{local}> element; HTML can run script or navigate"
    if local in _SVG_FORBIDDEN_ELEMENTS:
        return f"the SVG contains a <{local}> element"
    if local == "style" and (loads := _css_problem(node.text or "")):
        return f"the SVG's <style> {loads}"
    animated = local in _SVG_ANIMATIONS
    for attribute, value in node.attrib.items():
        key = etree.QName(attribute).localname.lower()
        if key.startswith("on"):
            return f"the SVG has an event handler ({key}=)"
        if key == "style" and (loads := _css_problem(value)):
            return f"the SVG's style= {loads}"
        if url_scheme(value) in _SCRIPT_SCHEMES:
            return f"the SVG has a script address in {key}="
        if animated and key == "attributename":
            target = value.strip().rsplit(":", 1)[-1].lower()
            if target == "href" or target.startswith("on"):
                return f"the SVG animates {value.strip()}=, which can run script"
        scripted = any(url_scheme(part) in _SCRIPT_SCHEMES for part in value.split(";"))
        if animated and key in _ANIMATION_VALUES and scripted:
            return f"the SVG animates to a script address ({key}=)"
    return None


def _css_problem(css: str) -> str | None:
    """What in a stylesheet or a ``style=`` value loads or runs something, read as CSS tokens
    (tinycss2): ``@import``, ``@font-face``, ``url()`` of anything but a fragment of this
    picture (``url(#gradient)``), the other functions that fetch, and the old script-binding
    properties. Plain styling (colours, fills, fonts by name, gradients) passes."""
    for token in css_tokens(css):
        kind = token.type
        if kind == "at-keyword" and token.lower_value in _CSS_LOADING_AT_RULES:
            return f"loads a file (@{token.lower_value})"
        if kind == "url" and not token.value.strip().startswith("#"):
            return "loads a file (url())"
        fetches = kind == "function" and token.lower_name in _CSS_LOADING_FUNCTIONS
        if fetches and not (token.lower_name == "url" and _fragment_only(token.arguments)):
            return f"loads a file ({token.lower_name}())"
        if kind == "ident" and token.lower_value in _CSS_SCRIPT_PROPERTIES:
            return f"binds script ({token.lower_value})"
    return None


def _fragment_only(arguments: list[object]) -> bool:
    """Whether ``url("…")``'s arguments are one string naming a fragment (``#id``)."""
    values = [t for t in arguments if getattr(t, "type", "") not in ("whitespace", "comment")]
    return (
        len(values) == 1
        and getattr(values[0], "type", "") == "string"
        and str(getattr(values[0], "value", "")).startswith("#")
    )


class _Stop(Exception):
    pass


def _internal_subset_line(data: bytes) -> int | None:
    """The DOCTYPE's line when it has an internal subset (``[ … ]``), else None.

    lxml does not say whether a DOCTYPE has one (an ATTLIST alone leaves no trace in its DTD
    object); expat's DOCTYPE event does. Reading stops at the DOCTYPE, or at the first element
    when there is none, so nothing the subset declares is ever read.
    """
    parser = expat.ParserCreate()
    found: list[bool] = []

    def doctype(name: str, system: str | None, public: str | None, subset: int) -> None:
        found.append(bool(subset))
        raise _Stop

    def element(name: str, attributes: dict[str, str]) -> None:
        raise _Stop

    parser.StartDoctypeDeclHandler = doctype
    parser.StartElementHandler = element
    with contextlib.suppress(_Stop, expat.ExpatError):
        parser.Parse(data, True)
    if not any(found):
        return None
    # expat's position lags behind the declaration; the DOCTYPE is the prolog's first one.
    return data.count(b"\n", 0, max(data.find(b"<!DOCTYPE"), 0)) + 1
