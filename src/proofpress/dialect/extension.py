"""DEV's dialect as a Python-Markdown extension: DEV's reading of a post, Liquid tags, anchors.

- DEV's reading (a preprocessor and the block parser): a post's body is read by
  :mod:`proofpress.reading.body` (markdown-it-py set up as Forem sets up Redcarpet: lists
  right after text, two-space nesting, bare URLs, struck text, footnotes, hard line breaks)
  and handed to Python-Markdown as its element tree, so the table of contents, MkDocs' link
  rewriting and validation, and every treeprocessor and postprocessor run as on any page.
- Liquid tags (in the same preprocessor, before the body is read): each tag outside code
  becomes HTML kept in Python-Markdown's stash; code keeps its tags literally. A tag alone on
  its line is a block (a card); inside a sentence it is a link.
- Emoji: ``:alias:`` outside code becomes the Unicode character (GitHub's index, no images),
  in posts and on the site's other pages.
- Heading anchors: Python-Markdown's ids stay; a heading whose DEV slug differs also gets an
  empty ``<span id="dev-slug">`` so links written for DEV (``#some-heading``) land on it.

Pages that are not posts (``docs/index.md``…) are the site owner's Markdown, read by
Python-Markdown as MkDocs reads them.
"""

from __future__ import annotations

import html
import posixpath
import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markdown import Markdown
from markdown.blockparser import BlockParser
from markdown.extensions import Extension
from markdown.extensions.toc import run_postprocessors
from markdown.extensions.toc import slugify as toc_slugify
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup
from pymdownx.emoji import EmojiExtension, gemoji, to_alt

from proofpress.body import liquid
from proofpress.body.tags import TAGS, ArgumentError, Target, katex_mathml
from proofpress.dialect import tree
from proofpress.dialect.slug import dev_slug
from proofpress.reading import body as reading

# What an embedded player may do once a reader asked for it (the script uses the same lists).
FRAME_SANDBOX = "allow-scripts allow-same-origin allow-popups allow-presentation"
FRAME_ALLOW = "autoplay; clipboard-write; encrypted-media; fullscreen; picture-in-picture"

_templates = Environment(
    loader=PackageLoader("proofpress", "templates"), autoescape=select_autoescape(default=True)
)


@dataclass
class Links:
    """Which DEV posts, users and tags exist on this site, and the page being rendered.

    Filled by the site once the catalogue is known; ``page_url`` is set before each page
    renders so links are relative to it (the site may live under a sub-path).
    """

    posts: dict[tuple[str, str], tuple[str, str]] = field(default_factory=dict)  # -> url, title
    users: dict[str, str] = field(default_factory=dict)  # username -> url
    tags: dict[str, str] = field(default_factory=dict)  # tag -> url
    page_url: str = ""
    # Whether the page being rendered is a post: the site's other pages (docs/index.md…) are
    # the site owner's Markdown, read as Python-Markdown reads it (emoji aside).
    post_page: bool = True
    # While the render cache converts a page, each lookup and its answer (proofpress.check.cache).
    seen: list[tuple[Target, tuple[str, str] | None]] | None = None
    # The post's body and the Liquid tags the check found in it, when the check read it: the
    # page's tags are then not looked for again (the body MkDocs converts is checked equal).
    checked: tuple[str, liquid.Scan] | None = None

    def local(self, target: Target) -> tuple[str, str] | None:
        """(site URL, title) when the target exists on this site."""
        found = self._find(target)
        if self.seen is not None:
            self.seen.append((target, found))
        return found

    def _find(self, target: Target) -> tuple[str, str] | None:
        if target.local is None:
            return None
        kind, *key = target.local
        if kind == "post":
            return self.posts.get((key[0], key[1])) or self.posts.get((key[0], _undev(key[1])))
        if kind == "user":
            url = self.users.get(key[0])
            return (url, target.title) if url is not None else None
        url = self.tags.get(key[0])
        return (url, target.title) if url is not None else None

    def relative(self, url: str) -> str:
        """``url`` (relative to the site root) as seen from the current page."""
        page = self.page_url
        here = (page.rstrip("/") if page.endswith("/") else posixpath.dirname(page)) or "."
        path = posixpath.relpath(url.rstrip("/") or ".", here)
        return path + "/" if url.endswith("/") else path


def _undev(slug: str) -> str:
    """A DEV URL's slug without the random suffix DEV adds (``my-post-4k2j`` → ``my-post``)."""
    base, dash, suffix = slug.rpartition("-")
    return base if dash and 4 <= len(suffix) <= 6 and suffix.isalnum() else slug


def render_target(target: Target, links: Links, *, block: bool, embeds: bool) -> str:
    """A card (or, inside a sentence, a link) for a tag's target."""
    macros: Any = _templates.get_template("liquid.html").module
    local = links.local(target)
    if local is not None:
        href, title = links.relative(local[0]), local[1]
        host, path = "", "/" + local[0]
        return str(macros.link_card(target, href, title, host, path, block))
    host, path = _host_and_path(target.url)
    if target.frame and block:
        if embeds:
            return str(macros.live_embed(target, FRAME_ALLOW))
        frame_host = _host_and_path(target.frame)[0]
        return str(macros.embed_card(target, host, path, frame_host))
    return str(macros.link_card(target, target.url, target.title, host, path, block))


def _host_and_path(url: str) -> tuple[str, str]:
    rest = url.split("://", 1)[-1]
    host, slash, path = rest.partition("/")
    return host, slash + path


def render_katex(tex: str, *, inline: bool) -> str:
    macros: Any = _templates.get_template("liquid.html").module
    mathml = katex_mathml(tex, inline=inline)
    return str(macros.katex(Markup(mathml), inline))


def render_details(summary: str) -> str:
    macros: Any = _templates.get_template("liquid.html").module
    return str(macros.details_open(summary.strip()))


class DevReading(Preprocessor):
    """A post's body read as DEV reads it, in one step before Python-Markdown's block parser.

    Liquid tags outside code become stashed cards (DEV resolves them between its two Redcarpet
    passes); the text is then read by :mod:`proofpress.reading.body` and turned into the
    element tree (:mod:`proofpress.dialect.tree`) that :class:`DevBlockParser` hands on in
    place of its own parse. Pages that are not posts are left to Python-Markdown.
    """

    def __init__(self, md: Markdown, links: Links, embeds: bool) -> None:
        super().__init__(md)
        self.links = links
        self.embeds = embeds
        self.tree: etree.Element | None = None

    def run(self, lines: list[str]) -> list[str]:
        if not self.links.post_page:
            return lines
        text = "\n".join(lines)
        body = self._liquid(text) if "{%" in text else text
        tokens = reading.parse(body)
        self.tree = tree.build(tokens, self.md.htmlStash.store, self._fence, self._emoji)
        return []

    def _emoji(self, text: str) -> list[str | etree.Element]:
        """``:alias:`` as the site's emoji extension writes it: its own inline pattern, the
        one every other page uses (GitHub's index and Unicode characters unless a blog
        configures pymdownx.emoji otherwise)."""
        if ":" not in text or "emoji" not in self.md.inlinePatterns:
            return [text]
        pattern = self.md.inlinePatterns["emoji"]
        pieces: list[str | etree.Element] = []
        at = 0
        for match in pattern.compiled_re.finditer(text):
            made, start, end = pattern.handleMatch(match, text)
            if made is None or start is None:
                continue
            pieces += [text[at:start], made]
            at = end
        pieces.append(text[at:])
        return pieces

    def _fence(self, code: str, info: str, markup: str) -> str | None:
        """A fence as the site's fence extension (pymdownx.superfences) shows it."""
        if "fenced_code_block" not in self.md.preprocessors:
            return None
        fences = self.md.preprocessors["fenced_code_block"]
        lines = [markup + info, *code.split("\n")[:-1], markup]
        out = "\n".join(fences.run(lines)).strip()
        return out if _PLACEHOLDER.fullmatch(out) else None

    def _liquid(self, text: str) -> str:
        body, scan, skip = text, None, 0
        if (checked := self.links.checked) is not None:
            # MkDocs drops the body's leading newlines; Python-Markdown adds two at its end.
            head = checked[0].lstrip("\n")
            if text == head + "\n\n":
                body, scan, skip = checked[0], checked[1], len(checked[0]) - len(head)
        edits = self._edits(body, scan or liquid.scan(body))
        out: list[str] = []
        position = skip  # the dropped newlines hold no tag
        for start, end, replacement in sorted(edits):
            if start < position:
                continue  # inside a region already replaced (katex)
            out.append(body[position:start])
            out.append(replacement)
            position = end
        out.append(body[position:])
        if body is not text:
            out.append("\n\n")
        return "".join(out)

    def _edits(self, text: str, scan: liquid.Scan) -> list[tuple[int, int, str]]:
        edits: list[tuple[int, int, str]] = []
        for raw in scan.raws:  # the markers go, the text between stays as written
            edits.append((raw.start, raw.inner_start, ""))
            edits.append((raw.inner_end, raw.end, ""))
        in_regions: set[int] = set()
        for region in scan.regions:
            edits.extend(self._region(text, region))
            in_regions |= {region.open.start, region.close.start}
        katex = liquid.inside_katex(scan)
        for use in scan.tags:
            if use.start in in_regions or use.start in katex:
                continue
            html = self._card(use)
            if html is not None:
                edits.append((use.start, use.end, self._stash(html, block=use.own_line)))
        return edits

    def _region(self, text: str, region: liquid.Region) -> list[tuple[int, int, str]]:
        opened, closed = region.open, region.close
        if opened.name == "katex":
            inline = opened.markup.strip() == "inline"
            try:
                html = render_katex(text[opened.end : closed.start], inline=inline)
            except ArgumentError:  # the checker reports it; the text stays as written
                return []
            block = not inline
            return [(opened.start, closed.end, self._stash(html, block=block))]
        return [
            (opened.start, opened.end, self._stash(render_details(opened.markup), block=True)),
            (closed.start, closed.end, self._stash("</details>", block=True)),
        ]

    def _card(self, use: liquid.TagUse) -> str | None:
        spec = TAGS.get(use.name)
        try:
            target = spec.read(use.markup) if spec is not None else None
        except ArgumentError:  # the checker reports it; the text stays as written
            return None
        if target is None:
            return None  # unknown (the checker reports it), or a block tag (its region renders)
        return render_target(target, self.links, block=use.own_line, embeds=self.embeds)

    def _stash(self, html: str, *, block: bool) -> str:
        placeholder = self.md.htmlStash.store(html)
        return f"\n\n{placeholder}\n\n" if block else placeholder


_PLACEHOLDER = re.compile(r"\x02wzxhzdk:\d+\x03")


class DevBlockParser(BlockParser):
    """Python-Markdown's block parser, except for a body :class:`DevReading` has read."""

    def __init__(self, md: Markdown, reader: DevReading) -> None:
        super().__init__(md)
        self.blockprocessors = md.parser.blockprocessors
        self.reader = reader

    def parseDocument(self, lines: list[str]) -> etree.ElementTree:
        read, self.reader.tree = self.reader.tree, None
        if read is None:
            return super().parseDocument(lines)
        read.tag = self.md.doc_tag
        self.root = read
        return etree.ElementTree(read)


class DevAnchors(Treeprocessor):
    """Give each heading DEV's id too, when it differs from Python-Markdown's."""

    def __init__(self, md: Markdown, links: Links) -> None:
        super().__init__(md)
        self.links = links

    def run(self, root: etree.Element) -> None:
        if not self.links.post_page:
            return
        taken = {el.get("id") for el in root.iter() if el.get("id")}
        for heading in root.iter():
            if heading.tag not in ("h1", "h2", "h3", "h4", "h5", "h6"):
                continue
            text = html.unescape(run_postprocessors("".join(_heading_text(heading)), self.md))
            slug = dev_slug(text)
            own = heading.get("id") or toc_slugify(text, "-")  # toc may not have run yet
            if not slug or slug == own or slug in taken:
                continue
            taken.add(slug)
            anchor = etree.Element("span", {"id": slug, "class": "pp-dev-anchor"})
            anchor.tail, heading.text = heading.text, None
            heading.insert(0, anchor)


def _heading_text(element: etree.Element) -> list[str]:
    parts = [element.text or ""]
    for child in element:
        if "headerlink" not in (child.get("class") or ""):
            parts.extend(_heading_text(child))
        parts.append(child.tail or "")
    return parts


@lru_cache(maxsize=1)
def _gemoji_index() -> dict[str, Any]:
    index: dict[str, Any] = gemoji({}, None)
    return index


def _gemoji(options: Any, md: Any) -> dict[str, Any]:
    """GitHub's emoji index, built once: pymdownx deep-copies it for every page otherwise
    (most of a build's time at a thousand posts). The emoji pattern only reads it."""
    return _gemoji_index()


class DevDialect(Extension):
    """``markdown_extensions: [proofpress.dialect]``, or added by the site hook."""

    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            "links": [Links(), "Which posts, users and tags exist on this site"],
            "embeds": [False, "Render players as sandboxed iframes instead of click-to-load"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        links, embeds = self.getConfig("links"), bool(self.getConfig("embeds"))
        reader = DevReading(md, links, embeds)
        # After Python-Markdown normalises newlines and tabs (30), before anything else reads
        # the text (fenced code 25, raw HTML 20): those steps find nothing left in a post.
        md.preprocessors.register(reader, "pp_dev_reading", 29)
        md.parser = DevBlockParser(md, reader)
        # With toc (5), before MkDocs' anchor list (5, registered after every extension), so
        # MkDocs' link validation knows DEV's ids too.
        md.treeprocessors.register(DevAnchors(md, links), "pp_dev_anchors", 5)
        if "emoji" not in md.inlinePatterns:
            EmojiExtension(emoji_index=_gemoji, emoji_generator=to_alt).extendMarkdown(md)


def makeExtension(**kwargs: Any) -> DevDialect:
    return DevDialect(**kwargs)
