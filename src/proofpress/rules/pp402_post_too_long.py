"""PP402 post-too-long: The whole post stays within its word limit (kind or front matter)."""

from __future__ import annotations

from collections.abc import Iterable

from proofpress import kinds, sections, words
from proofpress.context import CheckContext
from proofpress.diagnostics import Diagnostic
from proofpress.kinds import Kind
from proofpress.model import Post
from proofpress.rules import Rule

RULE = Rule(
    code="PP402",
    name="post-too-long",
    summary="The whole post has at most the words its kind or front matter's max_words allow.",
    hint="cut the post, or raise max_words in front matter",
    bad="---\nmax_words: 3\n---\n\nThis post has five words.",
    good="---\nmax_words: 3\n---\n\nShort and sweet.",
    why="A kind's length limit is part of its promise to the reader (and to whoever set it).",
)


def check(post: Post, ctx: CheckContext) -> Iterable[Diagnostic]:
    yield from check_kind(post, kinds.get_kind(post.kind))


def check_kind(post: Post, kind: Kind | None) -> Iterable[Diagnostic]:
    limit, source = kinds.post_limit(kind, post.max_words)
    if limit is None:
        return
    outline = sections.parse(post.body, post.body_line)
    counted = words.count_post(outline)
    if counted > limit:
        first = next((i for i, line in enumerate(outline.lines) if line.strip()), 0)
        yield RULE.at(
            post.path,
            outline.file_line(first),
            1,
            f"post has {counted} words; expected at most {limit} ({source})",
            hint=f"cut {counted - limit} words, or raise max_words in front matter",
        )
