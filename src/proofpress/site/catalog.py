"""The live posts of a site and every index the pages need, built once per build.

Each index is filled in one pass over the posts sorted newest first, so every list is already in
recency order and the whole catalog is linear in the number of posts (after one sort). Every
per-post question ("read next", "more from", the series window) reads a bounded prefix of a few
lists: constant work per post, never a scan of all posts.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from itertools import combinations

from proofpress.records.authors import Author
from proofpress.records.model import Post
from proofpress.records import urls

READ_NEXT = 4
MORE_FROM = 3
SERIES_WINDOW = 5  # parts shown around the current one in a post's series box


def _recency(post: Post) -> tuple[datetime, str]:
    return (post.date, post.src_uri)


@dataclass
class Catalog:
    authors: dict[str, Author]
    live: list[Post] = field(default_factory=list)  # newest first
    hidden: list[Post] = field(default_factory=list)  # drafts and scheduled posts
    by_tag: dict[str, list[Post]] = field(default_factory=dict)  # newest first
    by_author: dict[str, list[Post]] = field(default_factory=dict)  # newest first
    by_series: dict[str, list[Post]] = field(default_factory=dict)  # oldest first: part order
    series_slugs: dict[str, str] = field(default_factory=dict)  # series name -> slug
    _by_tag_set: dict[frozenset[str], list[Post]] = field(default_factory=dict)
    _rank: dict[str, int] = field(default_factory=dict)  # src_uri -> position in ``live``
    _series_part: dict[str, int] = field(default_factory=dict)  # src_uri -> 0-based part

    @classmethod
    def build(cls, posts: Iterable[Post], authors: dict[str, Author], now: datetime) -> Catalog:
        catalog = cls(authors=authors)
        for post in sorted(posts, key=_recency, reverse=True):
            if post.author not in authors:
                continue
            if post.is_live(now):
                catalog._add(post)
            else:
                catalog.hidden.append(post)
        catalog._order_series()
        return catalog

    def _add(self, post: Post) -> None:
        self._rank[post.src_uri] = len(self.live)
        self.live.append(post)
        self.by_author.setdefault(post.author, []).append(post)
        for tag in post.tags:
            self.by_tag.setdefault(tag, []).append(post)
        # Every subset of the post's tags (at most 2**4), the empty one included: the lists
        # "read next" merges, most shared tags first.
        tags = sorted(set(post.tags))
        for size in range(len(tags) + 1):
            for subset in combinations(tags, size):
                self._by_tag_set.setdefault(frozenset(subset), []).append(post)
        if post.series:
            self.by_series.setdefault(post.series, []).append(post)

    def _order_series(self) -> None:
        taken: set[str] = set()
        for name, parts in self.by_series.items():
            parts.reverse()
            for number, part in enumerate(parts):
                self._series_part[part.src_uri] = number
            slug = base = urls.series_slug(name)
            suffix = 2
            while slug in taken:
                slug, suffix = f"{base}-{suffix}", suffix + 1
            taken.add(slug)
            self.series_slugs[name] = slug

    # --- URLs -------------------------------------------------------------------------------

    def author_of(self, post: Post) -> Author:
        return self.authors[post.author]

    def url_of(self, post: Post) -> str:
        return urls.post_url(self.author_of(post).username, post.slug)

    def series_url(self, name: str) -> str:
        return urls.series_url(self.series_slugs[name])

    # --- per-post questions: bounded work each -----------------------------------------------

    def more_from(self, post: Post, limit: int = MORE_FROM) -> list[Post]:
        """The author's newest other posts."""
        mine = self.by_author.get(post.author, [])
        return [p for p in mine[: limit + 1] if p.src_uri != post.src_uri][:limit]

    def read_next(self, post: Post, limit: int = READ_NEXT) -> list[Post]:
        """Other posts, most shared tags first, then newest first.

        For each size k from all of the post's tags down to none, the candidates sharing exactly
        k tags sit in the lists of the post's k-tag subsets, each newest first. A post sharing
        more than k tags was already picked at a larger k (a level only ends short of ``limit``
        when its lists ran out), so a prefix of ``limit + len(chosen) + 1`` items per list is
        always enough.
        """
        tags = sorted(set(post.tags))
        chosen: list[Post] = []
        seen = {post.src_uri}
        for size in range(len(tags), -1, -1):
            need = limit - len(chosen)
            if need <= 0:
                break
            prefix = need + len(seen)
            candidates: dict[str, Post] = {}
            for subset in combinations(tags, size):
                for other in self._by_tag_set.get(frozenset(subset), [])[:prefix]:
                    if other.src_uri not in seen:
                        candidates[other.src_uri] = other
            for other in heapq.nlargest(need, candidates.values(), key=_recency):
                chosen.append(other)
                seen.add(other.src_uri)
        return chosen

    def series_parts(self, post: Post) -> tuple[int, Sequence[Post], int]:
        """(total parts, a window of at most SERIES_WINDOW parts around ``post``, first index)."""
        if not post.series or post.series not in self.by_series:
            return 0, [], 0
        parts = self.by_series[post.series]
        here = self._series_part.get(post.src_uri, 0)
        start = max(0, min(here - SERIES_WINDOW // 2, len(parts) - SERIES_WINDOW))
        return len(parts), parts[start : start + SERIES_WINDOW], start

    def series_part(self, post: Post) -> int | None:
        """The post's 0-based part number in its series (None when not live in one)."""
        return self._series_part.get(post.src_uri)
