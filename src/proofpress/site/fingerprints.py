"""Which pages an edit touches: the preview converts and renders only those.

Every page of a preview build gets three fingerprints, compared with the last build's:

- **content**: what converting its Markdown reads (the text handed to MkDocs, its findings,
  and for a text with Liquid the site's posts, users and tags its link tags may show);
- **context**: what its template receives from the site (its metadata and ``pp_*`` values,
  :mod:`proofpress.site.pages`), every post card in them included;
- **output**: what converting it produced (content, table of contents, title, metadata).

A page is converted when its content fingerprint changed; its template's values may have
changed when its context fingerprint did, or when it shows the card of a post being converted
whose card text is that post's first paragraph (known only once converted): such a page is
given its last conversion again, or converted when there is none. A page is rendered when its
output or context fingerprint changed. Any
change to the site's layout (settings, templates, the set of files or their addresses, draft
status, other pages' texts) makes the build whole.

Nothing here knows MkDocs: the preview builder (:mod:`proofpress.hooks.preview`) gathers the
values and applies the decisions.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from markupsafe import Markup

from proofpress.site.catalog import Catalog
from proofpress.site.views import AuthorView, PostView, Tag, Views


def _hash(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


class Fingerprints:
    """Digests of template values. A view object (a post card, an author, a tag) is digested
    once per pass however many pages show it; :attr:`shown` collects the views (:func:`key`)
    the last :meth:`of` call met."""

    def __init__(self) -> None:
        self._memo: dict[int, tuple[Any, str]] = {}  # id -> (the object, kept alive; digest)
        self.shown: set[str] = set()

    def of(self, *values: Any) -> str:
        self.shown = set()
        return _hash(repr(self._plain(values)))

    def loose(self, *values: Any) -> str:
        """A digest of values that may hold anything YAML gives (a page's own metadata)."""
        return _hash(repr(values))

    def view(self, value: Any) -> str:
        """The digest of one view object."""
        known = self._memo.get(id(value))
        if known is None:  # a view's repr names every field and value (tested)
            known = self._memo[id(value)] = (value, _hash(repr(value)))
        return known[1]

    def _plain(self, value: Any) -> Any:
        """``value`` with every view replaced by its digest; its repr is the fingerprint (the
        repr of text, numbers, dates, lists and dicts in a fixed order is their whole value)."""
        kind = type(value)
        if kind in _PLAIN:
            return value
        if kind is list or kind is tuple:
            return [self._plain(item) for item in value]
        if kind is dict:
            return {key: self._plain(item) for key, item in value.items()}
        if kind in _VIEWS:
            self.shown.add(key(value))
            return self.view(value)
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            return self.view(value)
        # A value the fingerprint cannot read would let a page go stale: refuse it loudly.
        raise TypeError(f"a template value of type {kind.__name__} has no fingerprint")


_PLAIN = frozenset({str, Markup, int, float, bool, type(None), date, datetime})
_VIEWS = frozenset({PostView, AuthorView, Tag})


def key(view: PostView | AuthorView | Tag) -> str:
    """What a view shows, named across builds: ``post:<src_uri>``, ``author:…``, ``tag:…``."""
    if isinstance(view, PostView):
        return f"post:{view.src_uri}"
    if isinstance(view, AuthorView):
        return f"author:{view.key}"
    return f"tag:{view.name}"


def structure(catalog: Catalog) -> str:
    """Which posts each of the site's lists holds, in order: every list a page's cards, counts,
    pagination and series boxes are taken from (``Catalog``)."""
    lists = [
        [post.src_uri for post in catalog.live],
        [post.src_uri for post in catalog.hidden],
        *(
            [(name, [post.src_uri for post in posts]) for name, posts in index.items()]
            for index in (catalog.by_author, catalog.by_tag, catalog.by_series)
        ),
        sorted(catalog.series_slugs.items()),
    ]
    return _hash(repr(lists))


def views(catalog: Catalog, made: Views, fingerprints: Fingerprints) -> dict[str, str]:
    """Every view of the site (each post's card, each author, each tag) by key, digested."""
    every: list[PostView | AuthorView | Tag] = [
        *(made.post(post) for post in (*catalog.live, *catalog.hidden)),
        *(made.author(name) for name in catalog.by_author),
        *(made.tag(name) for name in catalog.by_tag),
    ]
    return {key(view): fingerprints.view(view) for view in every}


@dataclass(frozen=True)
class PageState:
    content: str
    context: str
    output: str = ""
    shows: frozenset[str] = frozenset()  # the views (keys) among its values


@dataclass
class Memory:
    """What a preview build leaves for the next one."""

    layout: str
    structure: str  # which posts each list of the site holds, in order (Plan.make)
    views: dict[str, str]  # view key -> digest, every view of the site
    pages: dict[str, PageState]  # src_uri -> fingerprints
    excerpts: dict[str, str]  # post src_uri -> its first paragraph
    search: dict[str, list[Any]] = field(default_factory=dict)  # src_uri -> its search entries


@dataclass
class Plan:
    """One preview build's decisions: which pages are converted, then which are rendered."""

    memory: Memory | None  # the last build's; None when there is none to trust
    layout: str
    structure: str
    content: dict[str, str]  # src_uri -> content fingerprint, every page of this build
    whole: bool = False  # every page is converted and rendered (a clean build)
    convert: set[str] = field(default_factory=set)  # their text (or what it reads) changed
    restyle: set[str] = field(default_factory=set)  # only their template's values may have
    render: set[str] = field(default_factory=set)
    settled: bool = False  # conversion is over: :meth:`touches` answers for rendering
    states: dict[str, PageState] = field(default_factory=dict)
    shows: dict[str, frozenset[str]] = field(default_factory=dict)  # before conversion

    @classmethod
    def make(
        cls,
        memory: Memory | None,
        layout: str,
        structure: str,
        content: Mapping[str, str],
        views: Callable[[], Mapping[str, str]],
        context_of: Callable[[str], tuple[str, set[str]]],
        body_summaries: Iterable[str],
    ) -> Plan:
        """Which pages to convert.

        ``content``: src_uri -> content fingerprint of every page of this build; ``structure``:
        which posts each of the site's lists holds (live, hidden, each author's, tag's and
        series'), in order; ``views``: every view's digest; ``context_of``: a page's context
        fingerprint and the views it shows; ``body_summaries``: the posts whose card text is
        their first paragraph. The last three are asked only when the build is not whole.

        When the structure is the last build's, every page shows the same views in the same
        places with the same counts and links, so only the pages showing a view that changed
        can have other values: their contexts are not worked out again.

        A page whose text changed is to be converted (:attr:`convert`); one whose values alone
        may have changed needs its converted text, not a new conversion (:attr:`restyle`).
        """
        plan = cls(memory, layout, structure, dict(content))
        if memory is None or memory.layout != layout or memory.pages.keys() != content.keys():
            plan.whole = True
            plan.convert = set(content)
            return plan
        old = memory.pages
        changed = {src for src, fingerprint in content.items() if fingerprint != old[src].content}
        # The cards of these posts show a first paragraph not yet known.
        unsure = {f"post:{src}" for src in changed.intersection(body_summaries)}
        if structure == memory.structure:
            now = views()
            moved = {k for k, d in now.items() if memory.views.get(k) != d} | unsure
            moved |= memory.views.keys() - now.keys()
            for src in content:
                plan.shows[src] = old[src].shows
                if src in changed:
                    plan.convert.add(src)
                elif not moved.isdisjoint(old[src].shows):
                    plan.restyle.add(src)
            return plan
        for src in content:
            context, shown = context_of(src)
            plan.shows[src] = frozenset(shown)
            if src in changed:
                plan.convert.add(src)
            elif context != old[src].context or not unsure.isdisjoint(shown):
                plan.restyle.add(src)
        return plan

    def touches(self, src_uri: str) -> bool:
        """Whether MkDocs should convert (then, once settled, render) the page. A page to
        restyle is converted only when the caller moved it to :attr:`convert`."""
        return self.whole or src_uri in (self.render if self.settled else self.convert)

    def settle(self, converted: Mapping[str, tuple[str, str, frozenset[str]]]) -> None:
        """``converted``: src_uri -> (context, output, views shown) of each converted page."""
        old = self.memory.pages if self.memory is not None and not self.whole else {}
        for src, content in self.content.items():
            if src in converted:
                context, output, shows = converted[src]
                self.states[src] = PageState(content, context, output, shows)
                before = old.get(src)
                if before is None or (before.context, before.output) != (context, output):
                    self.render.add(src)
            else:
                self.states[src] = dataclasses.replace(old[src], shows=self.shows[src])
        self.settled = True

    def remember(
        self,
        views: Mapping[str, str],
        excerpts: Mapping[str, str],
        search: Mapping[str, list[Any]],
    ) -> Memory:
        """What the next build compares with: this build's fingerprints and views, every
        post's first paragraph and every page's search entries (fresh where rendered, else
        the last)."""
        old_search = self.memory.search if self.memory is not None and not self.whole else {}
        return Memory(
            self.layout,
            self.structure,
            dict(views),
            dict(self.states),
            {src: text for src, text in excerpts.items() if src in self.states},
            {
                src: list(search.get(src, ())) if src in self.render else old_search.get(src, [])
                for src in self.states
            },
        )
