"""``proofpress import``: posts written for DEV become posts of this site, completed and normalised.

Each post goes to its own folder, ``docs/<posts>/<slug>/<slug>.md``, with the files its body and
cover refer to by relative path copied beside it (files outside the post's folder land in
``assets/`` and the reference is rewritten), so every reference still resolves. Nothing is ever
overwritten: an existing folder, or a slug the author already uses, is a clash and the post is
skipped. Nothing is written outside ``docs/``.

Front matter: ``author`` from ``--author``; ``date`` from ``published_at``, else ``date``, else
the export's ``created_at``, else the author date of the git commit that first added the file,
else the file's modification time (each post says which); tags lowercased and stripped to
DEV's alphabet; empty values dropped (DEV reads them as "not set"); ``published`` kept, and
written out when missing (DEV reads a missing one as a draft). Keys follow the schema's order.
When the body has ``#`` headings, every heading outside code goes one level down, so the title
stays the page's one ``<h1>``. The file is written through :mod:`proofpress.frontmatter_handler`
and read back before it is written: what lands on disk reads back exactly as planned.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote, urlsplit

import frontmatter
import httpx
from dulwich.repo import Repo

from proofpress.dev import images, markdown
from proofpress.dev.sources import Incoming
from proofpress.frontmatter_handler import ProofpressHandler, dumps
from proofpress.model import POST_SCHEMA
from proofpress.reader import read_post
from proofpress.schema import dev_tag, slugify
from proofpress.settings import SiteConfig

ASSETS = "assets"
NOT_A_POST = "not a DEV post"
LONE_SURROGATE = "text that no file can hold (a lone surrogate, U+D800-U+DFFF); not imported"
# Bookkeeping keys of DEV tools (devto-cli writes the article id into the file): meaningless
# here, and the closed schema would refuse them.
DROPPED_KEYS = ("id", "organization_id")
_ORDER = {f.name: number for number, f in enumerate(POST_SCHEMA.fields)}
_OFFSET = re.compile(r"\s+([+-]\d{2}:?\d{2}|Z)$")


@dataclass
class Outcome:
    """What happened to one source post, for the summary table."""

    origin: str
    status: str = "skipped"  # imported, would import, skipped
    target: str = ""  # the written post, relative to the site root
    date: str = ""
    date_source: str = ""
    copied: int = 0
    downloaded: int = 0
    failed: int = 0
    demoted: bool = False
    notes: list[str] = field(default_factory=list)
    attention: bool = False  # the writer must look at it
    file: Path | None = None  # the written post


@dataclass
class _Plan:
    incoming: Incoming
    folder: Path  # docs/<posts>/<slug>
    file: Path
    metadata: dict[str, Any]
    body: str
    copies: dict[str, Path] = field(default_factory=dict)  # post-relative dest -> source
    moved: dict[str, str] = field(default_factory=dict)  # reference -> new reference
    remote: list[str] = field(default_factory=list)  # image URLs to download


class Importer:
    def __init__(
        self,
        site: SiteConfig,
        author: str,
        *,
        localize_images: bool = False,
        dry_run: bool = False,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
        download_seconds: float = images.TIMEOUT,
    ) -> None:
        self.site = site
        self.author = author
        self.localize_images = localize_images
        self.dry_run = dry_run
        self.now = now
        self.download_seconds = download_seconds
        self.posts_root = site.docs_dir / site.posts_dir
        self._taken_slugs = self._existing_slugs()
        self._http: httpx.Client | None = None

    def run(self, incoming: Iterable[Incoming]) -> list[Outcome]:
        try:
            return [self._import(item) for item in incoming]
        finally:
            if self._http is not None:
                self._http.close()

    # --- one post ---------------------------------------------------------------------------

    def _import(self, item: Incoming) -> Outcome:
        outcome = Outcome(_printable(item.origin))
        if not item.problem and _has_surrogate([item.fields, item.body]):
            item.problem = LONE_SURROGATE
        if item.problem:
            outcome.notes.append(item.problem)
            outcome.attention = not item.problem.startswith(NOT_A_POST)
            return outcome
        plan = self._plan(item, outcome)
        if plan is None:
            outcome.attention = True
            return outcome
        outcome.target = self.site.display(plan.file)
        if self.dry_run:
            outcome.status = "would import"
            outcome.copied = len(plan.copies)
            if plan.remote:
                outcome.notes.append(f"would download {len(plan.remote)} image(s)")
            return outcome
        self._write(plan, outcome)
        return outcome

    def _plan(self, item: Incoming, outcome: Outcome) -> _Plan | None:
        metadata = self._metadata(item, outcome)
        slug = slugify(str(metadata.get("slug") or item.slug)) or "post"
        folder = self.posts_root / slug
        file = folder / f"{slug}.md"
        if not _inside(file, self.site.docs_dir):
            outcome.notes.append(f"{self.site.display(file)} would be outside docs/")
            return None
        if folder.exists():
            outcome.notes.append(f"clash: {self.site.display(folder)} already exists")
            return None
        if slug in self._taken_slugs:
            other = self._taken_slugs[slug]
            outcome.notes.append(f"clash: slug '{slug}' is already used by {other}")
            return None
        self._taken_slugs[slug] = self.site.display(file)
        body = item.body.strip("\n")
        if markdown.uses_h1(body):
            body = markdown.demote_headings(body)
            outcome.demoted = True
        plan = _Plan(item, folder, file, metadata, body)
        self._plan_files(plan, outcome)
        return plan

    def _metadata(self, item: Incoming, outcome: Outcome) -> dict[str, Any]:
        raw = {key: value for key, value in item.fields.items() if not _empty(value)}
        for key in DROPPED_KEYS:
            if key in raw:
                outcome.notes.append(f"dropped '{key}: {raw.pop(key)}' (a DEV tool's bookkeeping)")
        moment, source = self._date(item, raw)
        outcome.date, outcome.date_source = _show(moment), source
        raw.pop("published_at", None)
        metadata: dict[str, Any] = {**raw, "date": moment, "author": self.author}
        if "title" in metadata:
            metadata["title"] = str(metadata["title"]).strip()
        if "tags" in metadata:
            tags = _tags(metadata.pop("tags"))
            if tags:
                metadata["tags"] = tags
        metadata["published"] = _published(raw.get("published"))
        return dict(sorted(metadata.items(), key=lambda kv: _ORDER.get(kv[0], len(_ORDER))))

    def _date(self, item: Incoming, raw: dict[str, Any]) -> tuple[date, str]:
        for key, value in (
            ("published_at", raw.get("published_at")),
            ("date", raw.get("date")),
            ("created_at", item.dates.get("created_at")),
        ):
            moment = _moment(value)
            if moment is not None and _in_utc(moment):
                return moment, key
        if item.file is not None:
            added = git_added(item.file)
            if added is not None and _in_utc(added):
                return added, "git"
            try:
                return datetime.fromtimestamp(int(item.file.stat().st_mtime), UTC), "mtime"
            except (OSError, OverflowError, ValueError):
                pass
        return self.now().replace(microsecond=0), "import time"

    # --- files the post refers to -----------------------------------------------------------

    def _plan_files(self, plan: _Plan, outcome: Outcome) -> None:
        targets = [
            (ref.target, ref.image, ref.is_relative, ref.is_remote)
            for ref in markdown.references(plan.body)
        ]
        cover = plan.metadata.get("cover_image")
        if isinstance(cover, str):
            parts = urlsplit(cover)
            remote = parts.scheme in ("http", "https")
            relative = not (parts.scheme or parts.netloc or cover.startswith("/"))
            targets.append((cover, True, relative, remote))
        for target, image, relative, remote in targets:
            if relative:
                self._plan_copy(plan, target, outcome)
            elif remote and image and self.localize_images and target not in plan.remote:
                plan.remote.append(target)

    def _plan_copy(self, plan: _Plan, target: str, outcome: Outcome) -> None:
        item = plan.incoming
        path = unquote(urlsplit(target).path)
        if target in plan.moved or not path or path.endswith(".md"):
            return  # already planned, or a link to another post
        if item.folder is None or item.root is None:
            outcome.notes.append(f"'{target}' is relative, but the source has no folder")
            outcome.attention = True
            return
        source = (item.folder / path).resolve()
        if not _inside(source, item.root):
            outcome.notes.append(f"'{target}' points outside {item.root}; left as it was")
            outcome.attention = True
            return
        if not source.is_file():
            outcome.notes.append(f"'{target}' does not exist; left as it was")
            outcome.attention = True
            return
        if _inside(source, item.folder.resolve()):
            dest = source.relative_to(item.folder.resolve()).as_posix()
            plan.moved[target] = target
        else:
            dest = _unused(f"{ASSETS}/{source.name}", plan.copies)
            plan.moved[target] = _with_suffix(dest, target)
        plan.copies.setdefault(dest, source)

    # --- writing ----------------------------------------------------------------------------

    def _write(self, plan: _Plan, outcome: Outcome) -> None:
        downloaded = self._download(plan, outcome)
        local = {**plan.moved, **{url: dest for url, (dest, _) in downloaded.items()}}

        def change(ref: markdown.Ref) -> str | None:
            if ref.is_relative or (ref.image and ref.is_remote):
                return local.get(ref.target)
            return None

        body = markdown.rewrite(plan.body, change)
        metadata = dict(plan.metadata)
        cover = metadata.get("cover_image")
        if isinstance(cover, str) and cover in local:
            metadata["cover_image"] = local[cover]
        text = dumps(metadata, body)
        reread = frontmatter.loads(text, handler=ProofpressHandler())
        if reread.metadata != metadata or reread.content != body.strip():
            outcome.notes.append("the post would not read back as written; nothing was written")
            outcome.attention = True
            return
        try:
            plan.folder.mkdir(parents=True, exist_ok=False)
            for dest, source in plan.copies.items():
                _store(plan.folder / dest, source.read_bytes(), self.site.docs_dir)
            for dest, data in downloaded.values():
                _store(plan.folder / dest, data, self.site.docs_dir)
            _store(plan.file, text.encode("utf-8"), self.site.docs_dir)
        except FileExistsError as err:
            outcome.notes.append(f"clash: {err.filename} already exists; the post was skipped")
            outcome.attention = True
            return
        except OSError as err:
            outcome.notes.append(f"cannot write: {err}")
            outcome.attention = True
            return
        outcome.status, outcome.file = "imported", plan.file
        outcome.copied, outcome.downloaded = len(plan.copies), len(downloaded)

    def _download(self, plan: _Plan, outcome: Outcome) -> dict[str, tuple[str, bytes]]:
        """url -> (post-relative destination, bytes) for every image that downloaded."""
        done: dict[str, tuple[str, bytes]] = {}
        taken = {PurePosixPath(dest).name for dest in plan.copies if dest.startswith(ASSETS)}
        for url in plan.remote:
            try:
                image = images.fetch(self._client(), url, self.download_seconds)
            except images.DownloadError as err:
                outcome.notes.append(f"image {url} not downloaded ({err}); left as it was")
                outcome.failed += 1
                outcome.attention = True
                continue
            name = images.file_name(url, image.extension, taken)
            taken.add(name)
            done[url] = (f"{ASSETS}/{name}", image.data)
        return done

    def _client(self) -> httpx.Client:
        if self._http is None:
            self._http = httpx.Client(headers={"User-Agent": "proofpress-import"})
        return self._http

    def _existing_slugs(self) -> dict[str, str]:
        """slug -> post path, for the posts of this author already on the site."""
        taken: dict[str, str] = {}
        if not self.posts_root.is_dir():
            return taken
        for file in sorted(self.posts_root.rglob("*.md")):
            path = self.site.display(file)
            values = {entry.key: entry.value for entry in read_post(file, path).entries}
            if values.get("author") != self.author:
                continue
            stem = file.parent.name if file.stem == "index" else file.stem
            slug = values.get("slug") if isinstance(values.get("slug"), str) else None
            taken.setdefault(slug or slugify(stem), path)
        return taken


# ------------------------------------------------------------------------------- helpers


def git_added(file: Path) -> datetime | None:
    """The author date of the commit that first added ``file`` (renames followed), if any.

    History is read with dulwich, which never runs anything a repository's configuration
    names (``gpg.program``, ``core.fsmonitor``, hooks): a source is data, never code.
    """
    try:
        with Repo.discover(file.parent) as repo:
            path = file.resolve().relative_to(Path(repo.path).resolve()).as_posix()
            oldest = None
            for entry in repo.get_walker(paths=[path.encode()], follow=True):
                oldest = entry.commit
            if oldest is None:
                return None
            offset = timezone(timedelta(seconds=oldest.author_timezone))
            return datetime.fromtimestamp(oldest.author_time, offset)
    except Exception:  # a repository is hostile input: unreadable history means no git date
        return None


def _moment(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.replace(microsecond=0)
    if isinstance(value, date):
        return value
    if isinstance(value, str) and value.strip():
        text = _OFFSET.sub(r"\1", value.strip())
        try:
            return datetime.fromisoformat(text).replace(microsecond=0)
        except ValueError:
            return None
    return None


def _in_utc(moment: date) -> bool:
    """False for a time the calendar cannot hold in UTC (year 1 ahead of UTC, 9999 behind)."""
    if isinstance(moment, datetime) and moment.tzinfo is not None:
        try:
            moment.astimezone(UTC)
        except OverflowError:
            return False
    return True


def _has_surrogate(value: Any) -> bool:
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return True
        return False
    if isinstance(value, dict):
        return any(_has_surrogate(k) or _has_surrogate(v) for k, v in value.items())
    if isinstance(value, list | tuple):
        return any(_has_surrogate(item) for item in value)
    return False


def _printable(text: str) -> str:
    """``text`` with any lone surrogate written as an escape, so it can be printed."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _show(moment: date) -> str:
    if isinstance(moment, datetime):
        utc = moment.astimezone(UTC) if moment.tzinfo else moment
        return utc.replace(tzinfo=None).isoformat(" ", "minutes")  # year 1 as 0001
    return moment.isoformat()


def _tags(value: Any) -> list[str]:
    items = value.split(",") if isinstance(value, str) else value
    if not isinstance(items, list):
        items = [items]
    tags: list[str] = []
    for item in items:
        tag = dev_tag(str(item))
        if tag and tag not in tags:
            tags.append(tag)
    return tags


def _published(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() == "true"
    return value is True


def _empty(value: Any) -> bool:
    return (
        value is None
        or value == []
        or value == {}
        or (isinstance(value, str) and not value.strip())
    )


def _inside(path: Path, folder: Path) -> bool:
    return path.resolve().is_relative_to(folder.resolve())


def _unused(dest: str, taken: dict[str, Path]) -> str:
    stem, dot, suffix = dest.rpartition(".")
    if not dot:
        stem, suffix = dest, ""
    candidate, number = dest, 2
    while candidate in taken:
        candidate, number = f"{stem}-{number}{dot}{suffix}", number + 1
    return candidate


def _with_suffix(dest: str, target: str) -> str:
    """``dest`` with the query and fragment ``target`` had."""
    parts = urlsplit(target)
    return (
        dest
        + (f"?{parts.query}" if parts.query else "")
        + (f"#{parts.fragment}" if parts.fragment else "")
    )


def _store(path: Path, data: bytes, docs_dir: Path) -> None:
    """Write a new file under ``docs_dir``; never replaces one ("x" mode)."""
    if not _inside(path, docs_dir):
        raise OSError(f"{path} is outside {docs_dir}")
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("xb") as out:
        out.write(data)


def summary(outcomes: list[Outcome]) -> str:
    """The table the command ends with: one row per source post, notes under their row."""
    header = ("post", "source", "date (UTC)", "date from", "files", "result")
    rows = [header]
    notes: list[list[str]] = [[]]
    for outcome in outcomes:
        files = []
        if outcome.copied:
            files.append(f"{outcome.copied} copied")
        if outcome.downloaded:
            files.append(f"{outcome.downloaded} downloaded")
        if outcome.failed:
            files.append(f"{outcome.failed} failed")
        result = outcome.status + (", headings demoted" if outcome.demoted else "")
        rows.append(
            (
                outcome.target or "-",
                outcome.origin,
                outcome.date or "-",
                outcome.date_source or "-",
                ", ".join(files) or "-",
                result,
            )
        )
        notes.append(outcome.notes)
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = []
    for row, row_notes in zip(rows, notes, strict=True):
        lines.append(
            "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        )
        lines.extend(f"    {note}" for note in row_notes)
    return "\n".join(lines)
