"""The ``proofpress`` command line: thin wiring around the engine.

Exit codes: 0 clean (advice alone is clean), 1 problems, 2 usage or configuration error.
Advice (a missing alt text, unless the site makes it an error) is printed, never changes the
exit code.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import cast

import click

from proofpress import __version__
from proofpress.check.engine import (
    check_post,
    check_site,
    docs_uri,
    find_posts,
    in_posts,
    load_context,
)
from proofpress.check.files import is_markdown
from proofpress.commands import fix as fixes
from proofpress.commands import init as starter
from proofpress.commands.scaffold import NewPost, ScaffoldError, create
from proofpress.core.diagnostics import Severity, render
from proofpress.dev import commands as dev
from proofpress.hooks.config import load_site_config
from proofpress.records.settings import ConfigError, SiteConfig

PROGRESS_THRESHOLD = 50  # posts; below this a progress bar is noise


config_option = click.option(
    "-f",
    "--config-file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("mkdocs.yml"),
    show_default=True,
    help="The site's MkDocs configuration.",
)


@click.group()
@click.version_option(__version__, prog_name="proofpress")
def main() -> None:
    """Prove DEV-style posts before they ship."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@config_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "github"]),
    default="text",
    show_default=True,
    help="text: path:line:col: CODE message; json: an array; github: workflow annotations.",
)
@click.option(
    "--drafts",
    type=click.Choice(["advice", "error"]),
    default=None,
    help="A draft's findings: advice (stop nothing, the default) or errors (as published "
    "posts'). Default: the drafts setting in mkdocs.yml.",
)
@click.option(
    "--fix",
    is_flag=True,
    help="First rewrite what is mechanical and safe in the posts (tags, draft:, heading "
    "levels, empty DEV keys), print each change, then check.",
)
@click.option(
    "--diff",
    is_flag=True,
    help="Print the changes --fix would make as a diff, write nothing; exit 1 if there are any.",
)
def check(
    paths: tuple[Path, ...],
    config_file: Path,
    fmt: str,
    drafts: str | None,
    fix: bool,
    diff: bool,
) -> None:
    """Check every post (or only PATHS: files or folders) and the authors registry."""
    try:
        site = load_site_config(config_file)
    except ConfigError as err:
        raise click.UsageError(str(err)) from None
    files = _expand(paths) if paths else None  # None: the whole site, pages and files too
    if fix or diff:
        changed = _fix(site, files, write=not diff)
        if diff:
            sys.exit(1 if changed else 0)
    result = check_site(
        site,
        files,
        progress=_progress if sys.stderr.isatty() else None,
        named=paths,
        drafts=cast(Severity | None, drafts),  # click.Choice: advice, error or None
    )
    # json and github: one list, each finding with its severity (advice: a ::notice). text:
    # problems on stdout, advice on stderr beside the summary, as notices are: stdout lists
    # exactly what fails.
    output = render(result.diagnostics if fmt == "text" else result.findings, fmt)
    if output:
        click.echo(output)
    if fmt == "text":
        if result.advice:
            click.echo(render(result.advice, "text"), err=True)
        click.echo(
            _summary(
                result.checked, len(result.diagnostics), len(result.by_path()), len(result.advice)
            ),
            err=True,
        )
    # Managed files from another version: a notice that never changes the exit code.
    for notice in starter.notices(site.root):
        click.echo(f"::notice::{notice}" if fmt == "github" else f"notice: {notice}", err=True)
    sys.exit(1 if result.diagnostics else 0)


@main.command()
@click.argument("title")
@click.option("--author", required=True, help="A key of docs/.authors.yml.")
@click.option("--kind", default="article", show_default=True, help="The post's kind.")
@click.option("--tags", default="", help="Comma-separated, at most 4.")
@click.option("--slug", default="", help="The URL's last part (default: from the title).")
@click.option("--description", default="", help="One or two sentences for feeds and search.")
@config_option
def new(
    title: str,
    author: str,
    kind: str,
    tags: str,
    slug: str,
    description: str,
    config_file: Path,
) -> None:
    """Start a draft post called TITLE from its kind's skeleton (never overwrites a file)."""
    try:
        site = load_site_config(config_file)
        request = NewPost(title, author, kind, tags, slug, description)
        target = create(site, request, date.today())
    except (ConfigError, ScaffoldError) as err:
        raise click.UsageError(str(err)) from None
    click.echo(f"created {site.display(target)} (a draft: set published: true to publish)")
    _post, problems = check_post(target, site, load_context(site)[0])
    for problem in problems:
        click.echo(problem.to_text(), err=True)


@main.command("import")
@click.argument("sources", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--author", required=True, help="A key of docs/.authors.yml: every post's author.")
@click.option("--from-api", is_flag=True, help="Read your articles from DEV (key in DEV_API_KEY).")
@click.option("--api-url", default=dev.DEV_API_URL, show_default=True, help="DEV's API.")
@click.option("--localize-images", is_flag=True, help="Download remote images beside each post.")
@click.option("--dry-run", is_flag=True, help="Show what would be imported; write nothing.")
@click.option(
    "-v", "--verbose", is_flag=True, help="Under each post: its date, notes and every image."
)
@config_option
def import_posts(
    sources: tuple[Path, ...],
    author: str,
    from_api: bool,
    api_url: str,
    localize_images: bool,
    dry_run: bool,
    verbose: bool,
    config_file: Path,
) -> None:
    """Import DEV posts: folders of Markdown files (dev-to-git's blog-posts/ too), a DEV
    export's articles.json, or --from-api. Never overwrites a file."""
    request = dev.ImportRequest(
        sources, author, from_api, api_url, localize_images, dry_run, verbose
    )
    sys.exit(_run(lambda: dev.run_import(config_file, request, os.environ, click.echo)))


@main.command("publish-dev")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--api-url", default=dev.DEV_API_URL, show_default=True, help="DEV's API.")
@click.option("--dry-run", is_flag=True, help="Print the plan (create, update, unchanged).")
@config_option
def publish_dev(paths: tuple[Path, ...], api_url: str, dry_run: bool, config_file: Path) -> None:
    """Cross-post every live, check-clean post (or only PATHS) to DEV (key in DEV_API_KEY).

    Posts are matched to your DEV articles by canonical URL: new ones are created, changed
    ones updated, equal ones left alone."""
    files = _expand(paths)
    sys.exit(
        _run(lambda: dev.run_publish(config_file, files, api_url, dry_run, os.environ, click.echo))
    )


def _run(command: Callable[[], int]) -> int:
    try:
        return command()
    except (ConfigError, dev.UsageProblem) as err:
        raise click.UsageError(str(err)) from None


@main.command()
@click.argument("directory", required=False, type=click.Path(path_type=Path))
@click.option("--name", default="", help="Your full name, as posts show it.")
@click.option("--username", default="", help="Your DEV-style username: your pages' URL.")
@click.option("--site-name", default="", help="The blog's name.")
@click.option("--site-url", default="", help="Where it is published: an https address.")
@click.option("--bio", default="", help="A sentence or two for your author card.")
@click.option("--refresh", is_flag=True, help="Update an existing blog's hook files and workflow.")
def init(
    directory: Path | None,
    name: str,
    username: str,
    site_name: str,
    site_url: str,
    bio: str,
    refresh: bool,
) -> None:
    """Start a new blog in DIRECTORY (never overwrites a file), or --refresh an existing one."""
    try:
        if refresh:
            for item in starter.refresh(directory or Path(".")):
                click.echo(item.diff, nl=False)
                click.echo(f"{item.status}: {item.target}")
            return
        if directory is None:
            raise starter.InitError("give the new blog's folder: proofpress init my-blog ...")
        blog = starter.Blog.validated(name, username, site_name, site_url, bio)
        written = starter.create(directory, blog, datetime.now(UTC).date())
    except starter.InitError as err:
        raise click.UsageError(str(err)) from None
    click.echo(f"created {len(written)} files in {directory}; next:")
    for command in starter.next_commands(directory, blog):
        click.echo(f"  {command}")


def _fix(site: SiteConfig, files: list[Path] | None, *, write: bool) -> bool:
    """Fix the posts among ``files`` (None: every post); print each change, or the diff."""
    ctx, _ = load_context(site)
    posts = find_posts(site) if files is None else [f for f in files if _a_post(f, site)]
    fixed, skipped = fixes.fix_posts(posts, site, ctx)
    for file, post in fixed:
        if not write:
            click.echo(post.diff(), nl=False)
            continue
        refused = fixes.write(post, file)
        if refused is not None:
            skipped.append((post.path, refused))
            continue
        for change in sorted(post.changes, key=lambda change: change.line):
            code = f"{change.code} " if change.code else ""
            click.echo(f"{post.path}:{change.line}: {code}fixed: {change.what}", err=True)
    for path, why in skipped:
        click.echo(f"{path}: not fixed: {why}", err=True)
    if write and fixed:
        count = sum(len(post.changes) for _, post in fixed)
        click.echo(f"Fixed {count} thing(s) in {len(fixed)} post(s).", err=True)
    return bool(fixed)


def _a_post(file: Path, site: SiteConfig) -> bool:
    uri = docs_uri(file, site)
    return uri is not None and is_markdown(uri) and in_posts(uri, site)


def _expand(paths: Iterable[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if is_markdown(p.name)))
        else:
            files.append(path)
    return files


def _progress(files: Iterable[Path]) -> Iterator[Path]:
    items = list(files)
    if len(items) < PROGRESS_THRESHOLD:
        yield from items
        return
    with click.progressbar(items, label="Checking posts", file=sys.stderr) as bar:
        yield from bar


def _summary(checked: int, problems: int, files: int, advice: int) -> str:
    posts = f"{checked} post{'s' if checked != 1 else ''} checked"
    found = (
        f"{problems} problem{'s' if problems != 1 else ''} in {files} file(s)"
        if problems
        else "no problems"
    )
    if advice:
        found += f"; {advice} piece{'s' if advice != 1 else ''} of advice"
    return f"{posts}: {found}."
