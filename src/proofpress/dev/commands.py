"""The two DEV commands as the command line runs them: options in, lines out, an exit code.

Exit codes: 0 everything done and clean, 1 some posts need attention, 2 bad usage or a key DEV
refuses. Usage problems raise :class:`UsageProblem` (the CLI prints them as click usage errors).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from proofpress.check.engine import check_site, load_context
from proofpress.core.diagnostics import render
from proofpress.dev import images
from proofpress.dev import report as terminal
from proofpress.dev.api import DEV_API_URL, AuthError, DevClient, DevError
from proofpress.dev.importer import Importer, Outcome
from proofpress.dev.publish import PublishError, Report, now_utc, publish, select
from proofpress.dev.sources import Incoming, SourceError, from_article, from_path
from proofpress.hooks.config import load_site_config
from proofpress.records.settings import SiteConfig

__all__ = ["DEV_API_URL", "ImportRequest", "UsageProblem", "run_import", "run_publish"]

KEY_VARIABLE = "DEV_API_KEY"
_KEY = re.compile(r"[\x21-\x7e]+")  # what an HTTP header carries: printable ASCII, one word
Echo = Callable[[str], None]
Connect = Callable[[str, str], DevClient]  # (API URL, key) -> client; tests bound it tighter


class UsageProblem(Exception):
    """The command cannot run as asked; nothing was written."""


@dataclass(frozen=True)
class ImportRequest:
    sources: Sequence[Path]
    author: str
    from_api: bool = False
    api_url: str = DEV_API_URL
    localize_images: bool = False
    dry_run: bool = False
    verbose: bool = False  # every date, note and image reference under each post


def run_import(
    config_file: Path,
    request: ImportRequest,
    environ: Mapping[str, str],
    echo: Echo,
    *,
    connect: Connect = DevClient,
    download_seconds: float = images.TIMEOUT,
) -> int:
    site = load_site_config(config_file)
    _check_author(site, request.author)
    if not request.sources and not request.from_api:
        raise UsageProblem(
            "give at least one SOURCE (a folder, a file, articles.json), or --from-api"
        )
    posts_root = (site.docs_dir / site.posts_dir).resolve()
    if not posts_root.is_relative_to(site.docs_dir.resolve()):
        raise UsageProblem(f"the posts folder {site.posts_dir} is outside docs/")
    incoming: list[Incoming] = []
    for source in request.sources:
        try:
            incoming.extend(from_path(source))
        except SourceError as err:
            raise UsageProblem(str(err)) from None
    if request.from_api:
        key = _key(environ)
        try:
            with connect(request.api_url, key) as client:
                for article in client.my_articles():
                    origin = (
                        f"DEV: {article.get('path') or article.get('slug') or article.get('id')}"
                    )
                    incoming.append(from_article(article, origin))
        except AuthError as err:
            echo(f"error: {err.message}; check {KEY_VARIABLE} (nothing was imported)")
            return 2
        except DevError as err:
            echo(f"error: cannot list your DEV articles: {err.message} (nothing was imported)")
            return 1
    importer = Importer(
        site,
        request.author,
        localize_images=request.localize_images,
        dry_run=request.dry_run,
        download_seconds=download_seconds,
    )
    columns = terminal.width()
    progress = terminal.Progress()
    done = 0

    def each(outcome: Outcome) -> None:
        nonlocal done
        done += 1
        progress.clear()
        echo(terminal.post_line(outcome, columns, verbose=request.verbose))
        for line in terminal.post_details(outcome, columns) if request.verbose else []:
            echo(line)
        if done < len(incoming):
            progress.show(f"importing post {done + 1} of {len(incoming)}…")

    progress.show(f"importing post 1 of {len(incoming)}…")
    outcomes = importer.run(incoming, each)
    progress.clear()
    retry = terminal.command_line(request.sources, request.author, from_api=request.from_api)
    for line in terminal.totals(outcomes, retry, columns, verbose=request.verbose):
        echo(line)
    attention = any(outcome.attention for outcome in outcomes)
    written = [outcome.file for outcome in outcomes if outcome.file is not None]
    if request.dry_run:
        planned = sum(outcome.status == "would import" for outcome in outcomes)
        echo(f"dry run: {planned} post(s) would be imported; nothing was written")
        return 1 if attention else 0
    echo = terminal.echo_fitted(echo, columns)
    if written:
        # Problems only: advice (a missing alt text, PP704/PP705) never holds an import back;
        # 'proofpress check' and the preview show it.
        result = check_site(site, written)
        if result.diagnostics:
            echo(render(result.diagnostics, "text"))
            echo(f"proofpress check: {len(result.diagnostics)} problem(s) in what was imported")
            attention = True
        else:
            echo("proofpress check: the imported posts are clean")
    return 1 if attention else 0


def run_publish(
    config_file: Path,
    files: Sequence[Path],
    api_url: str,
    dry_run: bool,
    environ: Mapping[str, str],
    echo: Echo,
    *,
    connect: Connect = DevClient,
) -> int:
    site = load_site_config(config_file)
    key = _key(environ)
    echo = terminal.echo_fitted(echo, terminal.width())
    report = Report()
    try:
        outgoing = select(site, files, now_utc(), report)
    except PublishError as err:
        raise UsageProblem(str(err)) from None
    for line in report.lines:
        echo(line)
    progress = terminal.Progress()
    with connect(api_url, key) as client:
        client.sleep = progress.waiting(client.sleep)
        publish(outgoing, client, report, dry_run=dry_run, echo=echo)
    if not report.auth_failed:
        echo(report.tally(dry_run))
    return report.exit_code


def _key(environ: Mapping[str, str]) -> str:
    key = environ.get(KEY_VARIABLE, "").strip()
    if not key:
        raise UsageProblem(
            f"set {KEY_VARIABLE} to your DEV API key (DEV: Settings → Extensions → API keys)"
        )
    if not _KEY.fullmatch(key):  # never shown: it is a secret, whatever it holds
        raise UsageProblem(
            f"{KEY_VARIABLE} is not a DEV API key: it must be one line of printable ASCII "
            "without spaces (DEV: Settings → Extensions → API keys)"
        )
    return key


def _check_author(site: SiteConfig, author: str) -> None:
    authors = load_context(site)[0].authors
    if author not in authors:
        known = ", ".join(sorted(authors)) or "none"
        raise UsageProblem(f"unknown author '{author}' (registered: {known})")
