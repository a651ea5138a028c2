"""``proofpress import``: posts written for DEV become posts of this site, completed and normalised.

Each post goes to its own folder, ``docs/<posts>/<slug>/<slug>.md``, so every reference still
resolves: the files its body and cover refer to inside its own source folder are copied beside
it at the same relative path; a file elsewhere in the source (a ``shared-assets/`` folder that
several posts use) is copied once to ``docs/assets/shared/`` at its path in the source, and the
references are rewritten to it. An image on the raw host of the very repository being imported
(``https://raw.githubusercontent.com/<owner>/<repo>/<branch>/<path>``, any query ignored) whose
path is a file of the checkout is copied the same way, offline: "the very repository" is one
that a remote in the checkout's git configuration names on GitHub (the configuration is only
read, with dulwich); the file is the checkout's own, and like every copied file it must be a
regular file inside the source folder (no symbolic link out, no ``..``, nothing under ``.git``).

Nothing is ever overwritten: an existing folder whose files differ from what the import would
write, or a slug the author already uses, is a clash and the post is skipped; an existing folder
that holds exactly what it would write is "unchanged", so a second import changes nothing. A
shared file already at its place with the same bytes is used as it is; with other bytes, the
copy takes a numbered name. Nothing is written outside ``docs/``.

Front matter: ``author`` from ``--author``; ``date`` from ``published_at``, else ``date``, else
the export's ``created_at``, else the author date of the git commit that first added the file,
else the file's modification time (each post says which); tags lowercased and stripped to
DEV's alphabet; empty values dropped (DEV reads them as "not set"); ``published`` kept, and
written out when missing (DEV reads a missing one as a draft). Keys follow the schema's order.
Headings outside code are re-levelled (:func:`proofpress.dev.markdown.relevel_headings`): the
title stays the page's one ``<h1>`` and the outline has no jumps, as the checker wants. The
file is written through :mod:`proofpress.reading.frontmatter_handler` and read back before it is
written: what lands on disk reads back exactly as planned.
"""

from __future__ import annotations

import os
import posixpath
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urlsplit

import frontmatter
import httpx
from dulwich.diff_tree import RenameDetector
from dulwich.repo import Repo

from proofpress.dev import images, markdown
from proofpress.dev.sources import Incoming
from proofpress.reading.frontmatter_handler import ProofpressHandler, dumps
from proofpress.reading.reader import read_post
from proofpress.records.model import POST_SCHEMA
from proofpress.records.schema import dev_tag
from proofpress.records.settings import SiteConfig
from proofpress.records.urls import slugify

ASSETS = "assets"
SHARED = "assets/shared"  # under docs/: files several posts may refer to
RAW_HOST = "raw.githubusercontent.com"
NOT_A_POST = "not a DEV post"
LONE_SURROGATE = "text that no file can hold (a lone surrogate, U+D800-U+DFFF); not imported"
# Bookkeeping keys of DEV tools (devto-cli writes the article id into the file): meaningless
# here, and the closed schema would refuse them.
DROPPED_KEYS = ("id", "organization_id")
_ORDER = {f.name: number for number, f in enumerate(POST_SCHEMA.fields)}
_OFFSET = re.compile(r"\s+([+-]\d{2}:?\d{2}|Z)$")
# A GitHub remote: https://github.com/o/r(.git), git@github.com:o/r.git, ssh://git@github.com/o/r
_GITHUB_REMOTE = re.compile(
    r"^(?:[a-z][a-z0-9+.-]*://)?(?:[^@/\s]+@)?(?:www\.)?github\.com(?::\d+)?[:/]+"
    r"([A-Za-z0-9_.-]+)/([A-Za-z0-9_.-]+?)(?:\.git)?/*$",
    re.IGNORECASE,
)


@dataclass
class Outcome:
    """What happened to one source post, for the summary table."""

    origin: str
    status: str = "skipped"  # imported, would import, unchanged, skipped
    target: str = ""  # the written post, relative to the site root
    date: str = ""
    date_source: str = ""
    copied: int = 0  # files copied from the source
    from_checkout: list[tuple[str, str]] = field(default_factory=list)  # raw URL, new reference
    downloaded: list[tuple[str, str]] = field(default_factory=list)  # URL, new reference
    remote: list[str] = field(default_factory=list)  # image URLs left remote (and why)
    relevelled: int = 0  # headings whose level changed
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
    existing: bool = False  # the folder is already there: write nothing, compare
    copies: dict[Path, Path] = field(default_factory=dict)  # destination under docs/ -> source
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
        self._git_notes: list[str] = []  # why a post's git history was not read
        self.localize_images = localize_images
        self.dry_run = dry_run
        self.now = now
        self.download_seconds = download_seconds
        self.posts_root = site.docs_dir / site.posts_dir
        self.shared_root = site.docs_dir / SHARED
        self._taken_slugs = self._existing_slugs()
        self._shared: dict[Path, Path] = {}  # shared destination -> its source, this run
        self._checkouts: dict[Path, Checkout] = {}
        self._http: httpx.Client | None = None

    def run(
        self, incoming: Iterable[Incoming], each: Callable[[Outcome], None] | None = None
    ) -> list[Outcome]:
        """Import every post; ``each`` hears of each outcome as soon as it is known."""
        outcomes = []
        try:
            for item in incoming:
                outcomes.append(self._import(item))
                if each is not None:
                    each(outcomes[-1])
            return outcomes
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
        if plan.existing:
            self._compare(plan, outcome)
        elif self.dry_run:
            outcome.status, outcome.copied = "would import", len(plan.copies)
            if plan.remote:
                outcome.notes.append(f"would download {len(plan.remote)} image(s)")
        else:
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
        existing = os.path.lexists(folder)
        if not existing and slug in self._taken_slugs:
            other = self._taken_slugs[slug]
            outcome.notes.append(f"clash: slug '{slug}' is already used by {other}")
            return None
        self._taken_slugs[slug] = self.site.display(file)
        body, outcome.relevelled = markdown.relevel_headings(item.body.strip("\n"))
        plan = _Plan(item, folder, file, metadata, body, existing)
        self._plan_files(plan, outcome)
        return plan

    def _metadata(self, item: Incoming, outcome: Outcome) -> dict[str, Any]:
        raw = {key: value for key, value in item.fields.items() if not _empty(value)}
        for key in DROPPED_KEYS:
            if key in raw:
                outcome.notes.append(f"dropped '{key}: {raw.pop(key)}' (a DEV tool's bookkeeping)")
        self._git_notes = []
        moment, source = self._date(item, raw)
        outcome.date, outcome.date_source = _show(moment), source
        outcome.notes.extend(self._git_notes)
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
            added, refused = git_added(item.file)
            if refused:
                self._git_notes.append(refused)
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
            if target in plan.moved or (remote and (target in plan.remote or not image)):
                continue  # already planned, or a link (links may stay on other hosts)
            if relative:
                self._plan_copy(plan, target, outcome)
            elif not remote:
                continue
            elif self._plan_checkout_copy(plan, target, outcome):
                outcome.from_checkout.append((target, plan.moved[target]))
            elif self.localize_images:
                plan.remote.append(target)
            elif target not in outcome.remote:
                outcome.remote.append(target)

    def _plan_copy(self, plan: _Plan, target: str, outcome: Outcome) -> None:
        folder, root = plan.incoming.folder, plan.incoming.root
        path = unquote(urlsplit(target).path)
        if not path or path.endswith(".md"):
            return  # a link to another post
        if "\0" in path:
            outcome.notes.append(f"'{target}' names a NUL character; left as it was")
            outcome.attention = True
            return
        if folder is None or root is None:
            outcome.notes.append(f"'{target}' is relative, but the source has no folder")
            outcome.attention = True
            return
        source = _resolved(folder / path)
        refused = _refused(source, root)
        if source is None or refused:
            outcome.notes.append(f"'{target}' {refused}; left as it was")
            outcome.attention = True
            return
        if not source.is_file():
            outcome.notes.append(f"'{target}' does not exist; left as it was")
            outcome.attention = True
            return
        reference = self._plan_source(plan, source, folder, root)
        kept = posixpath.normpath(path) == unquote(reference)
        plan.moved[target] = target if kept else _with_suffix(reference, target)

    def _plan_checkout_copy(self, plan: _Plan, url: str, outcome: Outcome) -> bool:
        """Plan the copy of a raw-host image of this very repository; False if it is not one."""
        item = plan.incoming
        if item.root is None or item.folder is None:
            return False
        named = raw_host_path(url)
        if named is None:
            return False
        owner_repo, path = named
        checkout = self._checkout(item.root)
        if checkout.root is None or owner_repo not in checkout.repositories:
            return False
        candidate = checkout.root.joinpath(*path)
        source = _resolved(candidate)
        if source is None or not os.path.lexists(candidate):
            return False  # not a file of the checkout: it is truly elsewhere
        refused = _refused(source, item.root)
        if refused:
            outcome.notes.append(f"'{url}' {refused}; not copied")
            outcome.attention = True
            return False
        if not source.is_file():
            return False
        plan.moved[url] = self._plan_source(plan, source, item.folder, item.root)
        return True

    def _plan_source(self, plan: _Plan, source: Path, folder: Path, root: Path) -> str:
        """Plan the copy of ``source``, a regular file inside ``root``; its new reference.

        A file inside the post's own ``folder`` keeps its place beside the post; any other goes
        to the shared place, once for every post that refers to it."""
        own = folder.resolve()
        if source.is_relative_to(own):
            dest = plan.folder / source.relative_to(own)
        else:
            dest = self._shared_place(source, root.resolve())
        plan.copies[dest] = source
        return quote(Path(os.path.relpath(dest, plan.folder)).as_posix(), safe="/")

    def _shared_place(self, source: Path, root: Path) -> Path:
        """Where a file outside its post's folder goes: ``docs/assets/shared/<path in source>``,
        numbered when another file is already there (the same bytes there are reused)."""
        wanted = self.shared_root / source.relative_to(root)
        stem, suffix = wanted.stem, wanted.suffix
        candidate, number = wanted, 2
        while True:
            planned = self._shared.get(candidate)
            if planned == source or (planned is not None and _same_bytes(source, planned)):
                return candidate  # planned in this run for this file, or one just like it
            if planned is None and not os.path.lexists(candidate):
                self._shared[candidate] = source
                return candidate
            if planned is None and _same_bytes(source, candidate):
                self._shared[candidate] = source
                return candidate
            candidate = wanted.with_name(f"{stem}-{number}{suffix}")
            number += 1

    def _checkout(self, root: Path) -> Checkout:
        if root not in self._checkouts:
            self._checkouts[root] = checkout_of(root)
        return self._checkouts[root]

    # --- writing ----------------------------------------------------------------------------

    def _render(self, plan: _Plan, local: dict[str, str]) -> str | None:
        """The post's file as it will be written; None (and a note) if it would not read back."""

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
            return None
        return text

    def _compare(self, plan: _Plan, outcome: Outcome) -> None:
        """An existing folder: "unchanged" when it holds exactly what would be written."""
        text = None if plan.remote else self._render(plan, plan.moved)
        same = text is not None and _read(plan.file) == text.encode("utf-8")
        if same and all(_same_bytes(source, dest) for dest, source in plan.copies.items()):
            outcome.status, outcome.copied = "unchanged", len(plan.copies)
            return
        outcome.notes.append(f"clash: {self.site.display(plan.folder)} already exists")
        outcome.attention = True

    def _write(self, plan: _Plan, outcome: Outcome) -> None:
        downloaded = self._download(plan, outcome)
        local = {**plan.moved, **{url: ref for url, (ref, _, _) in downloaded.items()}}
        text = self._render(plan, local)
        if text is None:
            outcome.notes.append("the post would not read back as written; nothing was written")
            outcome.attention = True
            return
        try:
            plan.folder.mkdir(parents=True, exist_ok=False)
            for dest, source in plan.copies.items():
                if not (dest in self._shared and _same_bytes(source, dest)):
                    _store(dest, source.read_bytes(), self.site.docs_dir)
            for _, dest, data in downloaded.values():
                _store(dest, data, self.site.docs_dir)
            _store(plan.file, text.encode("utf-8"), self.site.docs_dir)
        except FileExistsError as err:
            outcome.notes.append(f"clash: {err.filename} already exists; the post was skipped")
            outcome.attention = True
            return
        except OSError as err:
            outcome.notes.append(f"cannot write: {err}")
            outcome.attention = True
            return
        outcome.status, outcome.file, outcome.copied = "imported", plan.file, len(plan.copies)
        outcome.downloaded = [(url, ref) for url, (ref, _, _) in downloaded.items()]

    def _download(self, plan: _Plan, outcome: Outcome) -> dict[str, tuple[str, Path, bytes]]:
        """url -> (new reference, destination, bytes) for every image that downloaded."""
        done: dict[str, tuple[str, Path, bytes]] = {}
        assets = plan.folder / ASSETS
        taken = {dest.name for dest in plan.copies if dest.parent == assets}
        for url in plan.remote:
            try:
                image = images.fetch(self._client(), url, self.download_seconds)
            except images.DownloadError as err:
                outcome.remote.append(f"{url} (download failed: {err})")
                outcome.attention = True
                continue
            name = images.file_name(url, image.extension, taken)
            taken.add(name)
            done[url] = (f"{ASSETS}/{name}", assets / name, image.data)
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


@dataclass(frozen=True)
class Checkout:
    """The git repository a source lies in: its folder, and the GitHub ``(owner, repo)`` pairs
    (lowercased) its remotes name."""

    root: Path | None
    repositories: frozenset[tuple[str, str]]


GIT_WALK_SECONDS = 10.0  # how long one file's history may be read for its first date


def own_repository(folder: Path) -> tuple[Repo | None, str]:
    """The repository ``folder`` lies in, and why it is not read ("" when it is): only a
    repository whose objects are all its own. A ``.git`` file (``gitdir:``), ``commondir`` or
    ``objects/info/alternates`` would make dulwich read another repository's history and
    remotes, outside the source."""
    try:
        repo = Repo.discover(str(folder))
    except Exception:  # no repository, or one that cannot be read: no git dates
        return None, ""
    control, dot_git = Path(repo.controldir()), Path(repo.path) / ".git"
    for found, what in (
        (dot_git.is_file() or dot_git.is_symlink(), "a .git that points to another folder"),
        (os.path.lexists(control / "commondir"), "a commondir naming another repository"),
        (
            os.path.lexists(control / "objects/info/alternates"),
            "alternates naming another repository's objects",
        ),
    ):
        if found:
            repo.close()
            return None, f"git history not read: {repo.path} has {what}"
    return repo, ""


def checkout_of(folder: Path) -> Checkout:
    """The repository ``folder`` lies in, read with dulwich: the configuration is parsed for
    ``remote.*.url`` and nothing it names is run (no ``insteadOf``, no helpers)."""
    repo, _ = own_repository(folder)
    if repo is None:
        return Checkout(None, frozenset())
    try:
        with repo:
            config = repo.get_config()
            found: set[tuple[str, str]] = set()
            for section in config.sections():
                if len(section) != 2 or section[0] != b"remote":
                    continue
                for url in config.get_multivar(section, b"url"):
                    match = _GITHUB_REMOTE.match(url.decode("utf-8", "replace").strip())
                    if match:
                        found.add((match.group(1).lower(), match.group(2).lower()))
            return Checkout(Path(repo.path).resolve(), frozenset(found))
    except Exception:  # a repository is hostile input: unreadable means "no repository"
        return Checkout(None, frozenset())


def raw_host_path(url: str) -> tuple[tuple[str, str], tuple[str, ...]] | None:
    """``((owner, repo), path parts)`` of a raw-host URL, owner and repo lowercased; the query
    and fragment are ignored. The branch is the first part after the repository (or the one
    after ``refs/heads/``). None for any other URL, or a path with an empty, ``.`` or ``..``
    part."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or (parts.hostname or "").lower() != RAW_HOST:
        return None
    segments = [unquote(segment) for segment in parts.path.split("/")[1:]]
    if segments[2:4] == ["refs", "heads"]:
        segments = segments[:2] + segments[4:]
    if len(segments) < 4:
        return None
    owner, repository, _branch, *path = segments
    if any(part in ("", ".", "..") or "/" in part or "\\" in part or "\0" in part for part in path):
        return None
    return (owner.lower(), repository.lower()), tuple(path)


def git_added(
    file: Path, clock: Callable[[], float] = time.monotonic
) -> tuple[datetime | None, str]:
    """The author date of the commit that first added ``file`` (renames followed), if any, and
    why there is none when the history was not read.

    History is read with dulwich, which never runs anything a repository's configuration
    names (``gpg.program``, ``core.fsmonitor``, hooks): a source is data, never code. Renames
    are followed when a file moved unchanged (content renames would read every blob a commit
    adds or deletes, whatever its size), and the walk stops after :data:`GIT_WALK_SECONDS`.
    """
    repo, refused = own_repository(file.parent)
    if repo is None:
        return None, refused
    try:
        with repo:
            path = file.resolve().relative_to(Path(repo.path).resolve()).as_posix()
            moved = RenameDetector(repo.object_store, max_files=0)  # exact renames only
            deadline = clock() + GIT_WALK_SECONDS
            oldest = None
            for entry in repo.get_walker(paths=[path.encode()], follow=True, rename_detector=moved):
                oldest = entry.commit
                if clock() > deadline:
                    return None, f"git history not read: longer than {GIT_WALK_SECONDS:g} s"
            if oldest is None:
                return None, ""
            offset = timezone(timedelta(seconds=oldest.author_timezone))
            return datetime.fromtimestamp(oldest.author_time, offset), ""
    except Exception:  # a repository is hostile input: unreadable history means no git date
        return None, ""


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


def _resolved(path: Path) -> Path | None:
    """``path`` with every symbolic link followed; None for a loop or an unreadable path."""
    try:
        return path.resolve()
    except (OSError, RuntimeError, ValueError):  # ValueError: a NUL character in the path
        return None


def _refused(source: Path | None, root: Path) -> str:
    """Why the resolved ``source`` is never copied ("" when it may be): it lies outside the
    source folder (``..``, or a symbolic link leading out), or in a ``.git`` folder."""
    if source is None or not _inside(source, root):
        return f"points outside {root}"
    if any(part.lower() == ".git" for part in source.relative_to(root.resolve()).parts):
        return "points into a .git folder"
    return ""


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes() if path.is_file() and not path.is_symlink() else None
    except OSError:
        return None


def _same_bytes(source: Path, dest: Path) -> bool:
    """Does ``dest`` (a regular file, not a link) hold exactly the bytes of ``source``?"""
    try:
        if not dest.is_file() or dest.is_symlink():
            return False
        if source.stat().st_size != dest.stat().st_size:
            return False
        return source.read_bytes() == dest.read_bytes()
    except OSError:
        return False


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
