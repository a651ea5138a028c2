"""``proofpress publish-dev``: cross-post the site's live posts to DEV, without duplicates.

No state file: the account's articles are listed first (``GET /api/articles/me/all``, page by
page) and each post is matched by its canonical URL, which is the post's ``canonical_url`` or
else its address on this site (from the site's own URL scheme, :mod:`proofpress.records.urls`
through :class:`~proofpress.site.catalog.Catalog`). No match: ``POST``; a match whose title,
body, tags, description, cover or published state differ: ``PUT``; otherwise nothing. A second
run therefore writes nothing.

Only posts that are published, not scheduled and check clean are sent. The body goes as
written, with every relative link and image made absolute against ``site_url`` (DEV has no
copy of the site's files); Liquid tags stay, DEV renders them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, unquote, urljoin, urlsplit

from proofpress.check.engine import CheckResult, check_site
from proofpress.dev import markdown
from proofpress.dev.api import AuthError, DevClient, DevError
from proofpress.records import urls
from proofpress.records.model import Post
from proofpress.records.schema import DEV_HOSTS, resolve_local
from proofpress.records.settings import SiteConfig

if TYPE_CHECKING:
    from proofpress.site.catalog import Catalog


class PublishError(Exception):
    """publish-dev cannot start (no site_url, no key): bad usage, exit code 2."""


@dataclass
class Outgoing:
    post: Post
    canonical_url: str
    article: dict[str, Any]  # the body of the request, inside {"article": …}


@dataclass
class Report:
    lines: list[str] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0
    auth_failed: bool = False

    @property
    def exit_code(self) -> int:
        return 2 if self.auth_failed else (1 if self.failed else 0)

    def tally(self, dry_run: bool) -> str:
        verbs = (
            ("to create", "to update", "unchanged")
            if dry_run
            else (
                "created",
                "updated",
                "unchanged",
            )
        )
        counts = (self.created, self.updated, self.unchanged)
        parts = [f"{n} {verb}" for n, verb in zip(counts, verbs, strict=True)]
        parts.append(f"{self.failed} failed")
        return ("dry run: " if dry_run else "") + ", ".join(parts)


def site_url_of(site: SiteConfig) -> str:
    url = site.site_url.strip()
    if urlsplit(url).scheme not in ("http", "https"):
        raise PublishError(
            "site_url in mkdocs.yml must be the site's http(s) address: publish-dev needs it "
            "for canonical URLs and absolute links"
        )
    return url if url.endswith("/") else url + "/"


def select(
    site: SiteConfig, paths: Sequence[Path], now: datetime, report: Report
) -> list[Outgoing]:
    """The posts to send, each with its canonical URL and article; reports what is left out."""
    from proofpress.site.catalog import Catalog  # the site's addresses: only publishing needs them

    base = site_url_of(site)
    result = check_site(site)
    catalog = Catalog.build(result.posts, result.authors, now)
    findings = result.by_path()
    wanted = {site.display(path) for path in paths}
    by_path = {post.path: post for post in result.posts}
    unreadable = {path for path in findings if path.endswith(".md")} - set(by_path)
    for path in sorted((wanted or unreadable) - set(by_path)):
        problems = len(findings.get(path, []))
        reason = f"{problems} problem(s) in its front matter" if problems else "not a post"
        _fail(report, path, f"not sent: {reason}; run proofpress check {path}")
    by_src = {post.src_uri: post for post in result.posts}
    outgoing = []
    for post in result.posts:
        if wanted and post.path not in wanted:
            continue
        if not post.is_live(now):
            if wanted:
                state = "a draft" if post.is_draft() else "scheduled for later"
                _fail(report, post.path, f"not sent: {state}")
            continue
        if post.path in findings:
            count = len(findings[post.path])
            _fail(report, post.path, f"not sent: {count} problem(s); run proofpress check")
            continue
        outgoing.append(_outgoing(post, catalog, by_src, base))
    _registry_problems(result, report)
    return _one_per_canonical(outgoing, report)


def _one_per_canonical(outgoing: list[Outgoing], report: Report) -> list[Outgoing]:
    """DEV keeps one article per canonical URL: a second post claiming one is not sent."""
    first: dict[str, Outgoing] = {}
    kept = []
    for item in outgoing:
        other = first.setdefault(item.canonical_url, item)
        if other is item:
            kept.append(item)
        else:
            _fail(
                report,
                item.post.path,
                f"not sent: canonical_url {item.canonical_url} is also {other.post.path}'s, "
                "and DEV allows one article per canonical URL",
            )
    return kept


def publish(
    outgoing: Sequence[Outgoing],
    client: DevClient,
    report: Report,
    *,
    dry_run: bool = False,
    echo: Callable[[str], None] = print,
) -> None:
    """Create, update or leave each article; every outcome goes to ``echo`` as it happens."""
    try:
        remote: dict[str, list[dict[str, Any]]] = {}
        for article in client.my_articles():
            canonical = article.get("canonical_url")
            if isinstance(canonical, str):
                remote.setdefault(canonical, []).append(article)
    except AuthError as err:
        report.auth_failed = True
        echo(f"error: {err.message}; check DEV_API_KEY (nothing was sent)")
        return
    except DevError as err:
        report.failed += len(outgoing)
        echo(f"error: cannot list your DEV articles: {err.message} (nothing was sent)")
        return
    for item in outgoing:
        matches = remote.get(item.canonical_url, [])
        if (doubt := _not_its_own(item, matches)) is not None:
            report.failed += 1
            echo(f"{item.post.path}: not sent: {doubt}")
            continue
        if not _send(item, matches[0] if matches else None, client, report, dry_run, echo):
            return


def _not_its_own(item: Outgoing, matches: list[dict[str, Any]]) -> str | None:
    """Why the articles DEV lists under the post's canonical URL cannot be taken for the
    post's own, or None. DEV decides, not the URL's shape: one article, and for an address on
    DEV, the slug DEV gave it is the post's."""
    if len(matches) > 1:
        ids = ", ".join(sorted(str(article.get("id")) for article in matches))
        return (
            f"{len(matches)} of your DEV articles (ids {ids}) have canonical_url "
            f"{item.canonical_url}: which one is this post's cannot be told, so none is updated"
        )
    on_dev = (urlsplit(item.canonical_url).hostname or "").lower() in DEV_HOSTS
    if matches and on_dev and matches[0].get("slug") != item.post.slug:
        return (
            f"DEV says the article at {item.canonical_url} is '{matches[0].get('slug')}', "
            f"not this post's slug '{item.post.slug}'"
        )
    return None


def _send(
    item: Outgoing,
    match: dict[str, Any] | None,
    client: DevClient,
    report: Report,
    dry_run: bool,
    echo: Callable[[str], None],
) -> bool:
    """Send one post; False when nothing more can work (the key was refused)."""
    path = item.post.path
    changed = differences(item.article, match) if match else []
    if match is not None and not changed:
        report.unchanged += 1
        echo(f"unchanged  {path}  {match.get('url') or item.canonical_url}")
        return True
    verb = "update" if match else "create"
    if dry_run:
        report.updated += bool(match)
        report.created += not match
        detail = f" ({', '.join(changed)})" if changed else ""
        echo(f"would {verb}  {path}  {item.canonical_url}{detail}")
        return True
    try:
        if match is None:
            answer = client.create(item.article)
            report.created += 1
        else:
            answer = client.update(int(match["id"]), item.article)
            report.updated += 1
    except AuthError as err:
        report.auth_failed = True
        echo(f"error: {err.message}; check DEV_API_KEY")
        return False
    except DevError as err:
        report.failed += 1
        echo(f"{path}: DEV refused the article: {err.message}")
        return True
    detail = f" ({', '.join(changed)})" if changed else ""
    echo(f"{verb}d  {path}  {answer.get('url') or item.canonical_url}{detail}")
    return True


def differences(article: dict[str, Any], remote: dict[str, Any]) -> list[str]:
    """The fields of ``article`` that DEV's copy does not have (as DEV's /me lists them).

    DEV writes its own description when none is given, and serves covers through its image
    proxy (the original URL inside the proxy's), so those two are compared leniently.
    """
    changed = []
    if remote.get("title") != article["title"]:
        changed.append("title")
    if str(remote.get("body_markdown") or "").strip() != article["body_markdown"].strip():
        changed.append("body")
    if sorted(_tag_list(remote.get("tag_list"))) != sorted(article["tags"]):
        changed.append("tags")
    if article["description"] and remote.get("description") != article["description"]:
        changed.append("description")
    if not _same_image(article["main_image"], remote.get("cover_image")):
        changed.append("cover")
    if remote.get("published") is not True:
        changed.append("published")
    return changed


def _tag_list(value: Any) -> list[str]:
    if isinstance(value, str):
        return [tag.strip() for tag in value.split(",") if tag.strip()]
    return [str(tag) for tag in value] if isinstance(value, list) else []


def _same_image(ours: str | None, theirs: Any) -> bool:
    if not ours or not isinstance(theirs, str) or not theirs:
        return not ours and not theirs
    return theirs == ours or ours in theirs or quote(ours, safe="") in theirs


def _outgoing(post: Post, catalog: Catalog, by_src: dict[str, Post], base: str) -> Outgoing:
    canonical = post.canonical_url or base + catalog.url_of(post)
    body = markdown.rewrite(post.body, lambda ref: _absolute(ref, post, catalog, by_src, base))
    cover = post.cover_image
    main_image = None
    if cover:
        main_image = cover if urlsplit(cover).scheme else base + quote(cover)
    article = {
        "title": post.title,
        "body_markdown": body,
        "published": True,
        "tags": list(post.tags),
        "series": post.series,
        "canonical_url": canonical,
        "description": post.description,
        "main_image": main_image,
    }
    return Outgoing(post, canonical, article)


def _absolute(
    ref: markdown.Ref, post: Post, catalog: Catalog, by_src: dict[str, Post], base: str
) -> str | None:
    """A relative link or image target as an absolute URL on the published site."""
    parts = urlsplit(ref.target)
    if parts.scheme or parts.netloc or not parts.path:
        return None  # already absolute, or an in-page anchor
    if parts.path.startswith("/"):
        return urljoin(base, ref.target)
    path = resolve_local(unquote(parts.path), post.src_uri)
    if path is None:
        return None
    fragment = f"#{parts.fragment}" if parts.fragment else ""
    if path.endswith(".md"):
        other = by_src.get(path)
        url = catalog.url_of(other) if other is not None else quote(urls.markdown_page_url(path))
        return base + url + fragment
    query = f"?{parts.query}" if parts.query else ""
    return base + quote(path) + query + fragment


def _fail(report: Report, path: str, message: str) -> None:
    report.failed += 1
    report.lines.append(f"{path}: {message}")


def _registry_problems(result: CheckResult, report: Report) -> None:
    posts = {post.path for post in result.posts}
    for path, problems in result.by_path().items():
        if path not in posts and not path.endswith(".md"):
            _fail(report, path, f"{len(problems)} problem(s); run proofpress check")


def now_utc() -> datetime:
    return datetime.now(UTC)
