"""The validation engine: every post of a site checked in one pass, without MkDocs.

``check_site`` reads the authors registry once, then each post once (reader, schema, author,
then one :class:`~proofpress.body.analysis.Analysis` handed to every body rule), then the site-wide
checks that need every post (unique URLs). Each step is linear in the number and size of posts.

The body rules it runs, and every other rule, are found by :mod:`proofpress.check.registry`;
a check that fails is reported under its PP000.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from proofpress.body.analysis import Analysis
from proofpress.body.liquid import Scan
from proofpress.check import files as docs_files
from proofpress.check import registry, suppressions
from proofpress.check.addresses import collisions
from proofpress.check.cache import CheckCache
from proofpress.check.files import DocsFiles, is_markdown, scan_docs, scan_theme
from proofpress.check.levels import load_levels
from proofpress.core.diagnostics import Diagnostic, Severity
from proofpress.reading.reader import Document, read_post
from proofpress.records import urls
from proofpress.records.authors import AUTHORS_FILE, Author, load_authors, unknown_author
from proofpress.records.context import CheckContext
from proofpress.records.model import Post, validate
from proofpress.records.pages import Page, check_page
from proofpress.records.schema import BAD_SLUG, FOREIGN_CANONICAL, Place, foreign_canonical
from proofpress.records.settings import SiteConfig


@dataclass
class CheckResult:
    """What one check of a site found. ``diagnostics`` are the problems (severity "error"):
    they stop ``mkdocs build`` and make ``proofpress check`` exit 1. ``advice`` (severity
    "advice") is shown everywhere findings are, and stops nothing."""

    posts: list[Post] = field(default_factory=list)  # posts with valid front matter and author
    authors: dict[str, Author] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    advice: list[Diagnostic] = field(default_factory=list)
    checked: int = 0  # post files read
    pages: list[Page] = field(default_factory=list)  # other Markdown pages that passed
    files: DocsFiles = field(default_factory=DocsFiles)  # every file of docs/, sorted
    theme: DocsFiles = field(default_factory=DocsFiles)  # the blog's theme folder's, sorted
    # src_uri -> the Liquid tags the check found in a post it read (not one the cache answered):
    # the renderer uses them instead of scanning the body again.
    scans: dict[str, Scan] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.diagnostics

    @property
    def findings(self) -> list[Diagnostic]:
        """Problems and advice together, sorted: what a writer is shown."""
        return sorted(self.diagnostics + self.advice)

    def by_path(self, *, advice: bool = False) -> dict[str, list[Diagnostic]]:
        """The problems (with ``advice``: every finding) grouped by file, sorted."""
        grouped: dict[str, list[Diagnostic]] = {}
        for diagnostic in self.findings if advice else sorted(self.diagnostics):
            grouped.setdefault(diagnostic.path, []).append(diagnostic)
        return grouped

    def add(self, findings: Iterable[Diagnostic]) -> None:
        """Problems go to ``diagnostics``, advice to ``advice``."""
        for finding in findings:
            (self.advice if finding.advice else self.diagnostics).append(finding)


def load_context(config: SiteConfig) -> tuple[CheckContext, list[Diagnostic]]:
    """The authors registry and the rule levels as the post checks see them, and their own
    problems."""
    path = config.display(config.docs_dir / AUTHORS_FILE)
    authors = load_authors(config.docs_dir, path, config.exists)
    levels, level_problems = load_levels(config, registry.rules())
    context = CheckContext(
        authors.authors,
        path,
        authors.broken,
        authors.failed,
        dialect=config.settings.dialect,
        remote_images=config.settings.remote_images,
        levels=levels,
        drafts=config.settings.drafts,
    )
    return context, authors.problems + level_problems


def find_posts(config: SiteConfig) -> list[Path]:
    """Every Markdown file under the posts folder (any extension MkDocs renders), in order."""
    return [config.docs_dir / src_uri for src_uri in scan_docs(config).posts]


def docs_uri(file: Path, config: SiteConfig) -> str | None:
    """``file`` relative to docs/ as MkDocs names it (symlinks not resolved), or None."""
    for resolve in (os.path.abspath, os.path.realpath):  # the real path only when needed
        here, docs = resolve(file), resolve(config.docs_dir)
        if here.startswith(docs + os.sep):
            return here[len(docs) + 1 :].replace(os.sep, "/")
    return None


def _under(path: str, named: Sequence[str]) -> bool:
    return any(path == top or path.startswith(top + os.sep) for top in named)


def in_posts(src_uri: str, config: SiteConfig) -> bool:
    """Whether the docs-relative path is in the posts folder."""
    return src_uri.startswith(config.posts_dir.strip("/") + "/")


def check_site(
    config: SiteConfig,
    files: Sequence[Path] | None = None,
    progress: Callable[[Iterable[Path]], Iterable[Path]] | None = None,
    *,
    named: Sequence[Path] = (),
    cache: Callable[[SiteConfig, CheckContext], CheckCache | None] = CheckCache.for_site,
    drafts: Severity | None = None,
) -> CheckResult:
    """Check ``files`` (default: every file of docs/: posts, pages, the rest) and the authors
    registry. Site-wide checks (addresses) run only on the whole site. ``named``: the files
    and folders a writer named, whose unsafe links are reported (default: ``files``).

    ``cache`` opens the check cache: a post whose bytes (and everything else its result
    depends on) were checked before is not checked again (see :mod:`proofpress.check.cache`).

    A draft's findings are advice (``drafts``, default the ``drafts`` setting: ``advice``): a
    draft ships nothing, so it stops no build. A file whose front matter cannot be read may be
    anything, and a scheduled post will go live unwatched: theirs stay problems.
    """

    result = CheckResult()
    ctx, registry_problems = load_context(config)
    if drafts is not None:  # the command line's choice over the setting
        ctx = dataclasses.replace(ctx, drafts=drafts)
    opened = cache(config, ctx)
    check_one = partial(_check_post_safely, scans=result.scans)
    check = check_one if opened is None else partial(opened.check, check_post=check_one)
    result.authors = dict(ctx.authors)
    result.diagnostics.extend(config.problems)
    result.diagnostics.extend(registry_problems)
    if files is None:
        result.files = scan_docs(config)
        result.theme = scan_theme(config)
        result.diagnostics.extend(result.files.problems)
        result.diagnostics.extend(result.theme.problems)
        posts = [config.docs_dir / src_uri for src_uri in result.files.posts]
    else:
        # The same walk finds unsafe links and special files under what was named; a refused
        # file is never read (a link out of the site would show its target in a message).
        scanned = scan_docs(config, links_only=True)
        tops = [os.path.abspath(path) for path in (named or files)]
        result.diagnostics.extend(
            d for d in scanned.problems if _under(os.path.abspath(config.root / d.path), tops)
        )
        refused = set(scanned.refused)
        posts = []
        for file in files:  # pages named on the command line are checked as pages
            uri = docs_uri(file, config)
            if uri in refused:
                continue
            if uri is not None and is_markdown(uri) and not in_posts(uri, config):
                result.files.pages.append(uri)
            else:
                posts.append(file)
    for file in progress(posts) if progress else posts:
        result.checked += 1
        post, problems = check(file, config, ctx)
        result.add(problems)
        if post is not None:
            result.posts.append(post)
    if opened is not None:
        opened.flush()
    # Which files are posts and which are pages depends on the settings (posts_dir): with a
    # settings problem, pages wait for it to be fixed instead of repeating it once per file.
    for src_uri in result.files.pages if not config.problems else []:
        path = config.display(config.docs_dir / src_uri)
        page, problems = check_page(config.docs_dir / src_uri, path, src_uri)
        result.diagnostics.extend(problems)
        if page is not None:
            result.pages.append(page)
    pages = [(uri, config.display(config.docs_dir / uri)) for uri in result.files.pages]
    whole = files is None and not config.problems

    def addresses(posts: list[Post]) -> list[Diagnostic]:
        found = _duplicate_urls(posts, result.authors)
        return found + (collisions(posts, pages, result.authors) if whole else [])

    # Two things at one address stop the build only among what it ships; a clash a draft
    # would make once published is advice, like the draft's other findings.
    shipped = [p for p in result.posts if not (ctx.drafts == "advice" and p.is_draft())]
    problems = addresses(shipped)
    later = addresses(result.posts) if len(shipped) < len(result.posts) else []
    known = set(problems)
    result.add([*problems, *(_in_draft(d) for d in later if d not in known)])
    result.diagnostics.sort()
    result.advice.sort()
    return result


DRAFT_NOTE = " (in a draft: it stops nothing until the post is published)"


def _in_draft(finding: Diagnostic) -> Diagnostic:
    """A draft's finding, as advice that says why."""
    if finding.advice:
        return finding
    return dataclasses.replace(finding, severity="advice", message=finding.message + DRAFT_NOTE)


def _check_post_safely(
    file: Path, config: SiteConfig, ctx: CheckContext, **given: Any
) -> tuple[Post | None, list[Diagnostic]]:
    """A defect in a check must not hide the other posts' findings behind a traceback."""
    try:
        return check_post(file, config, ctx, **given)
    except (RecursionError, MemoryError) as err:
        reason = f"the post is too complex to check ({type(err).__name__})"
    except Exception as err:
        reason = f"Proofpress failed on this file ({type(err).__name__}: {err})"
    return None, [registry.INTERNAL.at(config.display(file), 1, 1, reason)]


def check_post(
    file: Path,
    config: SiteConfig,
    ctx: CheckContext,
    scans: dict[str, Scan] | None = None,
    data: bytes | None = None,
) -> tuple[Post | None, list[Diagnostic]]:
    """Read (or, given ``data``, decode), validate and check one post; its Liquid scan goes to
    ``scans``, when given."""
    path = config.display(file)
    src_uri = docs_uri(file, config)
    if src_uri is None or not is_markdown(src_uri):
        where = "is not under docs/" if src_uri is None else "is not a Markdown file"
        return None, [
            docs_files.UNSAFE_FILE.at(
                path, 1, 1, f"the file {where}: MkDocs would not publish it as a post"
            )
        ]
    doc = read_post(file, path, data)
    if doc.diagnostics and not doc.entries:
        return None, doc.diagnostics
    validated = validate(doc, Place(src_uri, config.exists))
    problems = doc.diagnostics + validated.problems
    front_matter_ok = not problems
    refusals = list(problems)  # values the post cannot be built without: never silenced
    author = next((e for e in doc.entries if e.key == "author"), None)
    if author is not None and isinstance(author.value, str) and author.value not in ctx.authors:
        front_matter_ok = False
        # A broken entry, or a registry that could not be read, is reported in the registry.
        if author.value not in ctx.broken_authors and not ctx.registry_failed:
            line, column = author.value_where()
            problems.append(
                unknown_author(
                    author.value, dict(ctx.authors), path, line, column, ctx.authors_path
                )
            )
            refusals.append(problems[-1])
    problems.extend(_foreign_canonical(doc, validated.post, ctx, config.site_url))
    if doc.body:
        analysis = Analysis(validated.post, ctx.dialect)
        problems.extend(body_findings(analysis, ctx))
        if scans is not None and front_matter_ok and analysis.liquid_scan is not None:
            scans[src_uri] = analysis.liquid_scan
    # A post whose front matter is sound goes to the site even with body findings: the preview
    # shows it with its findings, and the build refuses to run anyway. A draft ships nothing:
    # its findings are advice, and it goes to the site as a draft (the build leaves it out, its
    # media too) whenever its author is known.
    problems = suppressions.apply(
        path,
        (doc.yaml_text, doc.yaml_line),
        (doc.body, doc.body_line),
        problems,
        (rule.code for rule in registry.rules()),
        refusals,
        {rule.code for rule in registry.rules() if not rule.configurable},
    )
    problems = ctx.levels.apply(problems, validated.post.kind)
    if ctx.drafts == "advice" and _a_draft(doc, validated.post, ctx):
        return validated.post, [_in_draft(finding) for finding in problems]
    return (validated.post if front_matter_ok else None), problems


def _a_draft(doc: Document, post: Post, ctx: CheckContext) -> bool:
    """Whether the file is surely a draft of a known author: ``published`` is false, or absent
    (DEV's default). A ``published`` of another type leaves it unknown, and a draft nobody
    wrote cannot be placed: then its findings stay problems."""
    entry = next((e for e in doc.entries if e.key == "published"), None)
    known = (entry is None or entry.value is False) and not post.published
    return known and post.author in ctx.authors


def check_body(post: Post, ctx: CheckContext) -> list[Diagnostic]:
    """Every body finding for ``post``, sorted."""
    return body_findings(Analysis(post, ctx.dialect), ctx)


def body_findings(analysis: Analysis, ctx: CheckContext) -> list[Diagnostic]:
    """Every body finding of an analysed post, sorted: the analysis is handed to every rule."""
    return sorted(f for rule in registry.body_rules() for f in rule.check(analysis, ctx))


def _foreign_canonical(
    doc: Document, post: Post, ctx: CheckContext, site_url: str
) -> list[Diagnostic]:
    """PP112: a canonical_url on DEV or this site must name this post's own article."""
    entry = next((e for e in doc.entries if e.key == "canonical_url"), None)
    if entry is None or not post.canonical_url:
        return []
    author = ctx.authors.get(post.author)
    own_url = None
    if site_url.startswith(("http://", "https://")) and author is not None:
        own_url = site_url.rstrip("/") + "/" + urls.post_url(author.username, post.slug)
    found = foreign_canonical(post.canonical_url, post.slug, own_url)
    if found is None:
        return []
    line, column = entry.value_where()
    return [FOREIGN_CANONICAL.at(post.path, line, column, *found)]


def _duplicate_urls(posts: list[Post], authors: dict[str, Author]) -> list[Diagnostic]:
    """Two posts of one author may not share a slug: they would share a URL."""
    seen: dict[tuple[str, str], Post] = {}
    problems = []
    for post in posts:
        owner = authors[post.author].username if post.author in authors else post.author
        first = seen.setdefault((owner, post.slug), post)
        if first is not post:
            problems.append(
                BAD_SLUG.at(
                    post.path,
                    1,
                    1,
                    f"slug '{post.slug}' is already used by {first.path}; both would be "
                    f"published at /{owner}/{post.slug}/",
                    "rename one file, or give one post a different 'slug:'",
                )
            )
    return problems
