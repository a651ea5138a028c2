"""The validation engine: every post of a site checked in one pass, without MkDocs.

``check_site`` reads the authors registry once, then each post once (reader, schema, author,
body checks), then the site-wide checks that need every post (unique URLs). Each step is
linear in the number and size of posts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from proofpress.authors import AUTHORS_FILE, load_authors, unknown_author
from proofpress.body_checks import check_body
from proofpress.cache import CheckCache
from proofpress.context import CheckContext
from proofpress.diagnostics import Diagnostic
from proofpress.model import Author, Post
from proofpress.reader import read_post
from proofpress.rules import pp000_internal, pp111_slug
from proofpress.schema import PostPlace, validate
from proofpress.settings import SiteConfig


@dataclass
class CheckResult:
    posts: list[Post] = field(default_factory=list)  # posts with valid front matter and author
    authors: dict[str, Author] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    checked: int = 0  # post files read

    @property
    def ok(self) -> bool:
        return not self.diagnostics

    def by_path(self) -> dict[str, list[Diagnostic]]:
        grouped: dict[str, list[Diagnostic]] = {}
        for diagnostic in sorted(self.diagnostics):
            grouped.setdefault(diagnostic.path, []).append(diagnostic)
        return grouped


def load_context(config: SiteConfig) -> tuple[CheckContext, list[Diagnostic]]:
    """The authors registry as the post checks see it, and the registry's own problems."""
    path = config.display(config.docs_dir / AUTHORS_FILE)
    registry = load_authors(config.docs_dir, path, config.exists)
    return CheckContext(registry.authors, path, registry.broken), registry.problems


def find_posts(config: SiteConfig) -> list[Path]:
    """Every Markdown file under the posts folder, in a stable order."""
    posts_root = config.docs_dir / config.posts_dir
    if not posts_root.is_dir():
        return []
    return sorted(p for p in posts_root.rglob("*.md") if p.is_file())


def check_site(
    config: SiteConfig,
    files: Sequence[Path] | None = None,
    progress: Callable[[Iterable[Path]], Iterable[Path]] | None = None,
    *,
    cache: Callable[[SiteConfig, CheckContext], CheckCache | None] = CheckCache.for_site,
) -> CheckResult:
    """Check ``files`` (default: every post) and the authors registry.

    ``cache`` opens the check cache: a post whose bytes (and everything else its result
    depends on) were checked before is not checked again (see :mod:`proofpress.cache`).
    """
    result = CheckResult()
    ctx, registry_problems = load_context(config)
    opened = cache(config, ctx)
    check = (
        _check_post_safely
        if opened is None
        else partial(opened.check, check_post=_check_post_safely)
    )
    result.authors = dict(ctx.authors)
    result.diagnostics.extend(config.problems)
    result.diagnostics.extend(registry_problems)
    posts = list(files) if files is not None else find_posts(config)
    for file in progress(posts) if progress else posts:
        result.checked += 1
        post, problems = check(file, config, ctx)
        result.diagnostics.extend(problems)
        if post is not None:
            result.posts.append(post)
    result.diagnostics.extend(_duplicate_urls(result.posts, result.authors))
    result.diagnostics.sort()
    return result


def _check_post_safely(
    file: Path, config: SiteConfig, ctx: CheckContext
) -> tuple[Post | None, list[Diagnostic]]:
    """A defect in a check must not hide the other posts' findings behind a traceback."""
    try:
        return check_post(file, config, ctx)
    except (RecursionError, MemoryError) as err:
        reason = f"the post is too complex to check ({type(err).__name__})"
    except Exception as err:
        reason = f"Proofpress failed on this file ({type(err).__name__}: {err})"
    return None, [pp000_internal.RULE.at(config.display(file), 1, 1, reason)]


def check_post(
    file: Path, config: SiteConfig, ctx: CheckContext
) -> tuple[Post | None, list[Diagnostic]]:
    """Read, validate and check one post."""
    path = config.display(file)
    doc = read_post(file, path)
    if doc.diagnostics and not doc.entries:
        return None, doc.diagnostics
    src_uri = file.resolve().relative_to(config.docs_dir.resolve()).as_posix()
    validated = validate(doc, PostPlace(src_uri, config.exists))
    problems = doc.diagnostics + validated.problems
    front_matter_ok = not problems
    author = next((e for e in doc.entries if e.key == "author"), None)
    if author is not None and isinstance(author.value, str) and author.value not in ctx.authors:
        front_matter_ok = False
        if author.value not in ctx.broken_authors:  # a broken entry is reported on its own line
            line, column = doc.locate_value(author)
            problems.append(
                unknown_author(
                    author.value, dict(ctx.authors), path, line, column, ctx.authors_path
                )
            )
    if doc.body:
        problems.extend(check_body(validated.post, ctx))
    # A post whose front matter is sound goes to the site even with body findings: the preview
    # shows it with its findings, and the build refuses to run anyway.
    return (validated.post if front_matter_ok else None), problems


def _duplicate_urls(posts: list[Post], authors: dict[str, Author]) -> list[Diagnostic]:
    """Two posts of one author may not share a slug: they would share a URL."""
    seen: dict[tuple[str, str], Post] = {}
    problems = []
    for post in posts:
        owner = authors[post.author].username if post.author in authors else post.author
        first = seen.setdefault((owner, post.slug), post)
        if first is not post:
            problems.append(
                pp111_slug.RULE.at(
                    post.path,
                    1,
                    1,
                    f"slug '{post.slug}' is already used by {first.path}; both would be "
                    f"published at /{owner}/{post.slug}/",
                    "rename one file, or give one post a different 'slug:'",
                )
            )
    return problems
