"""Which pages an edit touches: the preview converts and renders only those.

Every page of a preview build gets three fingerprints, compared with the last build's:

- **content**: what converting its Markdown reads (the text handed to MkDocs, its findings,
  and for a text with Liquid the site's posts, users and tags its link tags may show);
- **context**: what its template receives from the site (its metadata and ``pp_*`` values,
  :mod:`proofpress.site.pages`), every post card in them included;
- **output**: what converting it produced (content, table of contents, title, metadata).

A page is converted when its content or context fingerprint changed, or when it shows the
card of a post being converted whose card text is that post's first paragraph (known only once
converted). A converted page is rendered when its output or context fingerprint changed. Any
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

from proofpress.site.views import PostView


def _hash(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


class Fingerprints:
    """Digests of template values. A view object (a post card, an author, a tag) is digested
    once per pass however many pages show it; :attr:`cards` collects the posts whose cards the
    last :meth:`of` call met."""

    def __init__(self) -> None:
        self._memo: dict[int, tuple[Any, str]] = {}  # id -> (the object, kept alive; digest)
        self.cards: set[str] = set()

    def of(self, *values: Any) -> str:
        self.cards = set()
        return _hash(repr(self._plain(values)))

    def loose(self, *values: Any) -> str:
        """A digest of values that may hold anything YAML gives (a page's own metadata)."""
        return _hash(repr(values))

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
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            if isinstance(value, PostView):
                self.cards.add(value.src_uri)
            known = self._memo.get(id(value))
            if known is None:  # a view's repr names every field and value (tested)
                known = self._memo[id(value)] = (value, _hash(repr(value)))
            return known[1]
        # A value the fingerprint cannot read would let a page go stale: refuse it loudly.
        raise TypeError(f"a template value of type {kind.__name__} has no fingerprint")


_PLAIN = frozenset({str, Markup, int, float, bool, type(None), date, datetime})


@dataclass(frozen=True)
class PageState:
    content: str
    context: str
    output: str = ""


@dataclass
class Memory:
    """What a preview build leaves for the next one."""

    layout: str
    pages: dict[str, PageState]  # src_uri -> fingerprints
    excerpts: dict[str, str]  # post src_uri -> its first paragraph
    search: dict[str, list[Any]] = field(default_factory=dict)  # src_uri -> its search entries


@dataclass
class Plan:
    """One preview build's decisions: which pages are converted, then which are rendered."""

    memory: Memory | None  # the last build's; None when there is none to trust
    layout: str
    content: dict[str, str]  # src_uri -> content fingerprint, every page of this build
    whole: bool = False  # every page is converted and rendered (a clean build)
    convert: set[str] = field(default_factory=set)
    render: set[str] = field(default_factory=set)
    settled: bool = False  # conversion is over: :meth:`touches` answers for rendering
    states: dict[str, PageState] = field(default_factory=dict)

    @classmethod
    def make(
        cls,
        memory: Memory | None,
        layout: str,
        content: Mapping[str, str],
        context_of: Callable[[str], tuple[str, set[str]]],
        body_summaries: Iterable[str],
    ) -> Plan:
        """``content``: src_uri -> content fingerprint of every page of this build;
        ``context_of``: a page's context fingerprint and the posts whose cards it shows (asked
        only when the build is not whole); ``body_summaries``: the posts whose card text is
        their first paragraph."""
        plan = cls(memory, layout, dict(content))
        if memory is None or memory.layout != layout or memory.pages.keys() != content.keys():
            plan.whole = True
            plan.convert = set(content)
            return plan
        old = memory.pages
        changed = {src for src, key in content.items() if key != old[src].content}
        unsure = changed.intersection(body_summaries)  # their cards' text is not yet known
        for src in content:
            context, cards = context_of(src)
            if src in changed or context != old[src].context or not unsure.isdisjoint(cards):
                plan.convert.add(src)
        return plan

    def touches(self, src_uri: str) -> bool:
        """Whether MkDocs should convert (then, once settled, render) the page."""
        return self.whole or src_uri in (self.render if self.settled else self.convert)

    def settle(self, converted: Mapping[str, tuple[str, str]]) -> None:
        """``converted``: src_uri -> (context, output) of each converted page, now known."""
        old = self.memory.pages if self.memory is not None and not self.whole else {}
        for src, content in self.content.items():
            if src in converted:
                context, output = converted[src]
                self.states[src] = PageState(content, context, output)
                before = old.get(src)
                if before is None or (before.context, before.output) != (context, output):
                    self.render.add(src)
            else:
                self.states[src] = old[src]
        self.settled = True

    def remember(
        self, excerpts: Mapping[str, str], search: Mapping[str, list[Any]]
    ) -> Memory:
        """What the next build compares with: this build's fingerprints, every post's first
        paragraph and every page's search entries (fresh where rendered, else the last)."""
        old_search = self.memory.search if self.memory is not None and not self.whole else {}
        return Memory(
            self.layout,
            dict(self.states),
            {src: text for src, text in excerpts.items() if src in self.states},
            {
                src: list(search.get(src, ())) if src in self.render else old_search.get(src, [])
                for src in self.states
            },
        )
