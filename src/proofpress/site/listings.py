"""The generated listing pages: the home feed, tags, authors and series, each paginated.

Every post appears on a bounded number of listing pages (home, its author, its ≤4 tags, its
series), so the pages and the cards on them grow linearly with the number of posts.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from proofpress.model import Post
from proofpress import urls
from proofpress.site.catalog import Catalog


@dataclass(frozen=True)
class Listing:
    kind: str  # "home", "tag", "author" or "series"
    key: str  # the tag, author key or series name; "" for home
    url: str  # this page's URL
    base: str  # the URL of page 1
    posts: list[Post]  # this page's posts, in display order
    number: int  # 1-based page number
    pages: int
    total: int  # posts in the whole listing

    @property
    def previous_url(self) -> str | None:
        return urls.page_url(self.base, self.number - 1) if self.number > 1 else None

    @property
    def next_url(self) -> str | None:
        return urls.page_url(self.base, self.number + 1) if self.number < self.pages else None


def paginate(kind: str, key: str, base: str, posts: list[Post], per_page: int) -> Iterator[Listing]:
    pages = max(1, -(-len(posts) // per_page))
    for number in range(1, pages + 1):
        chunk = posts[(number - 1) * per_page : number * per_page]
        yield Listing(
            kind, key, urls.page_url(base, number), base, chunk, number, pages, len(posts)
        )


def all_listings(catalog: Catalog, per_page: int) -> Iterator[Listing]:
    yield from paginate("home", "", "", catalog.live, per_page)
    for tag, posts in catalog.by_tag.items():
        yield from paginate("tag", tag, urls.tag_url(tag), posts, per_page)
    for key, posts in catalog.by_author.items():
        base = urls.author_url(catalog.authors[key].username)
        yield from paginate("author", key, base, posts, per_page)
    for name, posts in catalog.by_series.items():
        yield from paginate("series", name, catalog.series_url(name), posts, per_page)
