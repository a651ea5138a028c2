"""The generated listing pages: the home feed, tags, authors and series, each paginated.

Each kind of listing is one :class:`ListingKind`: add a subclass to :data:`LISTING_KINDS` and its header
template ``theme/partials/pp-listing-<name>.html``.

Every post appears on a bounded number of listing pages (home, its author, its ≤4 tags, its
series), so the pages and the cards on them grow linearly with the number of posts.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, ClassVar

from markupsafe import escape

from proofpress.records.model import Post
from proofpress.records import urls
from proofpress.site.catalog import Catalog
from proofpress.site.views import Views


@dataclass(frozen=True)
class ListingKind(ABC):
    """A kind of listing page. Its pages, title and feed are here; its header is the template
    ``theme/partials/pp-listing-<name>.html``, which reads ``pp_listing.subject``."""

    name: ClassVar[str]
    front: ClassVar[bool] = False  # the site's front page: its first card is featured
    numbered: ClassVar[bool] = False  # its cards show their part number
    sided: ClassVar[bool] = False  # DEV's left column beside the feed, the header across both

    @abstractmethod
    def listings(self, catalog: Catalog) -> Iterator[tuple[str, str, list[Post]]]:
        """(key, URL of page 1, posts newest first) of each listing of this kind."""

    def heading(self, key: str, total: int, catalog: Catalog) -> tuple[str, str] | None:
        """The page's title and description; None for the site's own."""
        return None

    def subject(self, key: str, views: Views) -> Any:
        """What the header shows of ``key``, escaped."""
        return escape(key)

    def feed(self, key: str, catalog: Catalog) -> str:
        return urls.SITE_FEED


@dataclass(frozen=True)
class HomeListings(ListingKind):
    name = "home"
    front = True

    def listings(self, catalog: Catalog) -> Iterator[tuple[str, str, list[Post]]]:
        yield "", "", catalog.live


@dataclass(frozen=True)
class TagListings(ListingKind):
    name = "tag"
    sided = True

    def listings(self, catalog: Catalog) -> Iterator[tuple[str, str, list[Post]]]:
        for tag, posts in catalog.by_tag.items():
            yield tag, urls.tag_url(tag), posts

    def heading(self, key: str, total: int, catalog: Catalog) -> tuple[str, str]:
        return f"#{key}", f"Posts tagged #{key}"

    def subject(self, key: str, views: Views) -> Any:
        return views.tag(key)


@dataclass(frozen=True)
class AuthorListings(ListingKind):
    name = "author"
    sided = True

    def listings(self, catalog: Catalog) -> Iterator[tuple[str, str, list[Post]]]:
        for key, posts in catalog.by_author.items():
            yield key, urls.author_url(catalog.authors[key].username), posts

    def heading(self, key: str, total: int, catalog: Catalog) -> tuple[str, str]:
        author = catalog.authors[key]
        return author.name, author.bio or f"Posts by {author.name}"

    def subject(self, key: str, views: Views) -> Any:
        return views.author(key)

    def feed(self, key: str, catalog: Catalog) -> str:
        return urls.author_feed(catalog.authors[key].username)


@dataclass(frozen=True)
class SeriesListings(ListingKind):
    name = "series"
    numbered = True

    def listings(self, catalog: Catalog) -> Iterator[tuple[str, str, list[Post]]]:
        for name, posts in catalog.by_series.items():
            yield name, catalog.series_url(name), posts

    def heading(self, key: str, total: int, catalog: Catalog) -> tuple[str, str]:
        return f"{key} ({total} Part Series)", f"Every part of the series {key}"


LISTING_KINDS: tuple[ListingKind, ...] = (
    HomeListings(),
    TagListings(),
    AuthorListings(),
    SeriesListings(),
)


@dataclass(frozen=True)
class Listing:
    kind: ListingKind
    key: str  # the tag, author key or series name; "" for home
    url: str  # this page's URL
    base: str  # the URL of page 1
    posts: list[Post]  # this page's posts, in display order
    number: int  # 1-based page number
    pages: int
    total: int  # posts in the whole listing

    @property
    def previous_url(self) -> str | None:
        return urls.listing_page_url(self.base, self.number - 1) if self.number > 1 else None

    @property
    def next_url(self) -> str | None:
        return (
            urls.listing_page_url(self.base, self.number + 1) if self.number < self.pages else None
        )


def paginate(
    kind: ListingKind, key: str, base: str, posts: list[Post], per_page: int
) -> Iterator[Listing]:
    pages = max(1, -(-len(posts) // per_page))
    for number in range(1, pages + 1):
        chunk = posts[(number - 1) * per_page : number * per_page]
        yield Listing(
            kind, key, urls.listing_page_url(base, number), base, chunk, number, pages, len(posts)
        )


def all_listings(catalog: Catalog, per_page: int) -> Iterator[Listing]:
    for kind in LISTING_KINDS:
        for key, base, posts in kind.listings(catalog):
            yield from paginate(kind, key, base, posts, per_page)
