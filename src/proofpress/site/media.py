"""Which files under docs/ only drafts and scheduled posts use, so a build can leave them out.

A file is a draft's when a hidden post refers to it (cover image, Markdown image or link, HTML
``src``/``href``, reference definition) or sits in a folder of its own that holds no live post,
and no live post or other page refers to it. One pass over the posts: linear.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from urllib.parse import unquote, urlsplit

from proofpress.model import Post

_REFERENCE = re.compile(
    r"""\]\(\s*<?([^)\s>]+)"""  # [text](target) and ![alt](target)
    r"""|^[ \t]{0,3}\[[^\]\n]+\]:[ \t]*<?(\S+?)>?(?:[ \t]|$)"""  # [id]: target
    r"""|\b(?:src|href)\s*=\s*["']([^"']+)["']""",  # raw HTML
    re.MULTILINE | re.IGNORECASE,
)


def references(markdown: str, src_uri: str) -> set[str]:
    """Docs-relative paths of the local files a Markdown text refers to."""
    found = set()
    base = posixpath.dirname(src_uri)
    for match in _REFERENCE.finditer(markdown):
        target = match[1] or match[2] or match[3]
        path = resolve(target, base)
        if path:
            found.add(path)
    return found


def resolve(target: str, base: str) -> str | None:
    """``target`` as a docs-relative path, or None for URLs and in-page anchors."""
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    path = unquote(parts.path)
    joined = path.lstrip("/") if path.startswith("/") else posixpath.join(base, path)
    normal = posixpath.normpath(joined)
    return None if normal.startswith("..") else normal


def post_files(post: Post) -> set[str]:
    files = references(post.body, post.src_uri)
    if post.cover_image:
        cover = resolve(post.cover_image, "")
        if cover:
            files.add(cover)
    return files


def hidden_only(
    live: Iterable[Post],
    hidden: Iterable[Post],
    other_pages: Iterable[tuple[str, str]],
    media: Iterable[str],
    posts_dir: str,
) -> set[str]:
    """Media files (docs-relative) that only hidden posts use.

    ``other_pages`` holds (src_uri, markdown) of the non-post pages (read only when a hidden
    post claims a file); ``media`` every non-page file of the site.
    """
    media = set(media)
    live = list(live)
    live_dirs = {posixpath.dirname(post.src_uri) for post in live}
    claimed: set[str] = set()
    own_dirs: set[str] = set()
    for post in hidden:
        claimed |= post_files(post) & media
        folder = posixpath.dirname(post.src_uri)
        if folder != posts_dir.strip("/") and folder not in live_dirs:
            own_dirs.add(folder + "/")
    candidates = claimed | {path for path in media if own_dirs and _under(path, own_dirs)}
    if not candidates:
        return set()  # the usual case: no live text needs reading
    used: set[str] = set()
    for post in live:
        used |= post_files(post)
    for src_uri, markdown in other_pages:
        used |= references(markdown, src_uri)
    return candidates - used


def _under(path: str, folders: set[str]) -> bool:
    """Whether ``path`` lies in one of ``folders`` (each ending in '/'); cost: path depth."""
    index = path.find("/")
    while index != -1:
        if path[: index + 1] in folders:
            return True
        index = path.find("/", index + 1)
    return False
