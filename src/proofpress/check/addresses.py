"""Every page of the site at an address of its own, proven before the build.

A post lives at ``<username>/<slug>/``; the site also generates tag pages (``t/<tag>/``), series
pages (``series/<slug>/``), more home pages (``page/<n>/``), author pages and feeds
(:mod:`proofpress.records.urls`), and each page under docs/ has its MkDocs address. Two of them at
one address would overwrite each other, so each clash is a finding at the post (or page) that
takes a generated address, and at every series whose name makes the same slug as another's.
Tags and series of drafts count too: publishing the draft must not break another post.
Addresses are compared case-folded, as case-insensitive hosts (and file systems) see them.
One pass over the posts: linear.
"""

from __future__ import annotations

from collections.abc import Iterable

from proofpress.core.diagnostics import Diagnostic
from proofpress.core.rule import declared
from proofpress.records import urls
from proofpress.records.authors import Author
from proofpress.records.model import Post

ADDRESS = declared("PP504")
RULES = (ADDRESS,)


def collisions(
    posts: Iterable[Post], pages: Iterable[tuple[str, str]], authors: dict[str, Author]
) -> list[Diagnostic]:
    posts = [p for p in posts if p.author in authors]
    problems: list[Diagnostic] = []
    generated: dict[str, str] = {urls.SITE_FEED: "the site feed"}  # case-folded
    series_first: dict[str, Post] = {}
    for post in sorted(posts, key=lambda p: p.path):
        username = authors[post.author].username
        generated[urls.author_url(username).casefold()] = f"the author page of {username}"
        generated[urls.author_feed(username).casefold()] = f"the feed of {username}"
        for tag in post.tags:
            generated[urls.tag_url(tag).casefold()] = f"the page of the tag #{tag}"
        if post.series:
            slug = urls.series_slug(post.series)
            first = series_first.setdefault(slug, post)
            generated[urls.series_url(slug).casefold()] = f"the page of the series '{first.series}'"
            if first.series != post.series:
                line, column = post.positions.get("series", (1, 1))
                problems.append(
                    ADDRESS.at(
                        post.path,
                        line,
                        column,
                        f"series '{post.series}' and '{first.series}' ({first.path}) would share "
                        f"the address /{urls.series_url(slug)}",
                        f"write the series name exactly as its other parts do: {first.series}",
                    )
                )
    taken: dict[str, str] = {}
    for post in posts:
        username = authors[post.author].username
        url = urls.post_url(username, post.slug)
        what = generated.get(url.casefold())
        if what is None and username == "page" and post.slug.isdigit():
            what = f"page {post.slug} of the home feed"
        if what is not None:
            line, column = post.positions.get("slug", (1, 1))
            problems.append(
                ADDRESS.at(
                    post.path,
                    line,
                    column,
                    f"the post's address /{url} is {what}",
                    "give the post another slug: with 'slug:' or by renaming the file",
                )
            )
        taken[url.casefold()] = post.path
    for src_uri, path in pages:  # (docs-relative, as messages show it)
        url = urls.markdown_page_url(src_uri)
        if url == "":
            continue  # docs/index.md: the text above the home feed
        key = url.casefold()
        what = generated.get(key) or (f"the post {taken[key]}" if key in taken else None)
        if what is not None:
            problems.append(
                ADDRESS.at(path, 1, 1, f"the page's address /{url} is {what}", "rename the page")
            )
    return problems
