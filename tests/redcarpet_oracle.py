"""DEV's own renderer as a test oracle: Debian's ruby-redcarpet with Forem's settings.

:func:`render` sends every document to one ``ruby`` process (Redcarpet set up as Forem's
``app/lib/constants/redcarpet.rb`` and ``parser.rb`` set it up) and returns Redcarpet's HTML.
:func:`structure` reduces a rendered body to what a reader sees of its structure: lists, items,
tables, quotes, code blocks, headings, rules, struck and emphasised text, footnotes, images and
links, with the text they hold (white space folded). Two readings agree when their structures
are equal.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import lxml.html
from pymdownx import gemoji_db

SCRIPT = r"""
require "json"
require "redcarpet"
renderer = Redcarpet::Render::HTML.new(hard_wrap: true)
markdown = Redcarpet::Markdown.new(renderer, autolink: true, no_intra_emphasis: true,
  fenced_code_blocks: true, lax_html_blocks: true, lax_spacing: true, strikethrough: true,
  superscript: false, tables: true, footnotes: true)
$stdout.write(JSON.generate(JSON.parse($stdin.read).map { |doc| markdown.render(doc) }))
"""

MISSING = (
    "DEV's renderer is missing: install Debian's ruby-redcarpet "
    "('sudo apt-get install ruby-redcarpet'; make test installs it when run as root)"
)


def available() -> bool:
    if shutil.which("ruby") is None:
        return False
    probe = subprocess.run(["ruby", "-e", 'require "redcarpet"'], capture_output=True)
    return probe.returncode == 0


def render(documents: list[str]) -> list[str]:
    """Redcarpet's HTML for each document, in order (one ruby process for all).

    As on DEV, each Liquid tag outside code is resolved between Redcarpet's passes: here it
    becomes the word ``LIQUIDTAG``, which :func:`structure` also puts for Proofpress' cards.
    """
    if not available():
        raise RuntimeError(MISSING)
    done = subprocess.run(
        ["ruby", "-e", SCRIPT],
        input=json.dumps([_liquid_as_word(document) for document in documents]),
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    out: list[str] = json.loads(done.stdout)
    return out


_TAG = re.compile(r"\{%.*?%\}", re.DOTALL)
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})", re.MULTILINE)
LIQUID = "LIQUIDTAG"


def _liquid_as_word(document: str) -> str:
    """Liquid tags outside fences and backtick spans replaced by ``LIQUIDTAG``."""
    if "{%" not in document:
        return document
    out, in_fence = [], False
    for line in document.split("\n"):
        if _FENCE.match(line):
            in_fence = not in_fence
        if in_fence or _FENCE.match(line):
            out.append(line)
            continue
        parts = line.split("`")
        parts[::2] = [_TAG.sub(LIQUID, part) for part in parts[::2]]
        out.append("`".join(parts))
    return "\n".join(out)


# What a reader sees as structure; everything else (p, span, div, br…) only holds text.
STRUCTURE = frozenset(
    {"ul", "ol", "li", "table", "tr", "th", "td", "blockquote", "pre", "hr", "del", "em",
     "strong", "code", "img", "a", "sup", "h1", "h2", "h3", "h4", "h5", "h6"}
)  # fmt: skip
_SPACE = re.compile(r"\s+")


def structure(html: str) -> tuple[object, ...]:
    """The structural skeleton of a rendered body, comparable across renderers."""
    if not html.strip():
        return ()
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    return tuple(_walk(root, in_pre=False))


def _walk(element: lxml.html.HtmlElement, *, in_pre: bool) -> list[object]:
    out: list[object] = []
    text = element.text or ""
    if text.strip() or (in_pre and text):
        out.append(_text(text, in_pre))
    for child in element:
        classes = (child.get("class") or "").split() if isinstance(child.tag, str) else []
        if not isinstance(child.tag, str) or "headerlink" in classes:  # a comment, a permalink
            pass
        elif "pp-details" in classes:  # DEV's details tag: its text is Markdown
            inner = [c for c in child if c.tag != "summary"]
            out.extend([LIQUID, *_walk_all(inner, in_pre=in_pre), LIQUID])
        elif "pp-liquid" in classes or "pp-liquid-link" in classes:
            out.append(LIQUID)
        elif child.tag == "pre":
            out.append(("pre", child.text_content().rstrip("\n")))
        elif child.tag in STRUCTURE and not (in_pre and child.tag == "code"):
            out.append((child.tag, *_key(child), tuple(_walk(child, in_pre=child.tag == "pre"))))
        elif _is_footnote_back_link(child):
            pass
        else:
            out.extend(_walk(child, in_pre=in_pre))
        tail = child.tail or ""
        if tail.strip():
            out.append(_text(tail, in_pre))
    return _merge(out)


def _walk_all(children: list[lxml.html.HtmlElement], *, in_pre: bool) -> list[object]:
    holder = lxml.html.Element("div")
    holder.extend(children)
    return _walk(holder, in_pre=in_pre)


def _key(element: lxml.html.HtmlElement) -> tuple[str, ...]:
    if element.tag == "a":
        return (element.get("href") or "",)
    if element.tag == "img":
        return (element.get("src") or "", element.get("alt") or "")
    if element.tag == "ol" and element.get("start"):
        return (element.get("start") or "",)
    return ()


def _is_footnote_back_link(element: lxml.html.HtmlElement) -> bool:
    return element.tag == "a" and (element.get("href") or "").startswith("#fnref")


def _text(text: str, in_pre: bool) -> str:
    if in_pre:
        return text.rstrip("\n")
    # DEV turns :alias: into emoji after Redcarpet, outside code, as Proofpress does.
    return _SPACE.sub(" ", emoji(text.replace("\u21a9", ""))).strip()


def emoji(text: str) -> str:
    """DEV's ``:alias:`` to character step (after Redcarpet, outside code), over GitHub's index."""

    def character(match: re.Match[str]) -> str:
        name = gemoji_db.aliases.get(match[0], match[0])
        found = gemoji_db.emoji.get(name)
        code = found and found.get("unicode_alt", found.get("unicode"))
        return "".join(chr(int(point, 16)) for point in code.split("-")) if code else match[0]

    return _ALIAS.sub(character, text)


_ALIAS = re.compile(r":[+\-\w]+:")


def _merge(items: list[object]) -> list[object]:
    merged: list[object] = []
    for item in items:
        if isinstance(item, str) and merged and isinstance(merged[-1], str):
            merged[-1] = (merged[-1] + " " + item).strip()
        elif item != "":
            merged.append(item)
    return merged
