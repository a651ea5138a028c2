"""Check results and Markdown conversions, cached as signed JSON in ``.cache/proofpress/``.

- One SQLite file per kind (``check``, ``render``) and *salt* (our code and the renderers'
  versions); a key is the SHA-256 of the content and the resolved configuration. What a value
  depends on besides (files a check asked about, pages links resolved to, what DEV link tags
  found) is recorded with it and compared on every read.
- Every entry is signed (HMAC-SHA256 of salt, key and payload) with a secret kept outside the
  cache: ``PROOFPRESS_CACHE_KEY`` (a CI secret) or a per-user key file. A torn, edited, moved
  or foreign entry is ``rejected``, recomputed and overwritten. Converted HTML goes through the
  site's sanitiser after the cache, hit or miss. ``PROOFPRESS_CACHE=off`` turns it off.
"""

from __future__ import annotations

import contextlib
import copy
import functools
import hashlib
import hmac
import json
import logging
import logging.handlers
import os
import secrets
import sqlite3
import sys
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

import cattrs
from cattrs.preconf.json import make_converter

from proofpress.core.diagnostics import Diagnostic
from proofpress.records.model import Post

if TYPE_CHECKING:
    from proofpress.records.context import CheckContext
    from proofpress.records.settings import SiteConfig

_PACKAGE = Path(__file__).resolve().parent


@functools.cache
def salt() -> str:
    """What every entry depends on: the entries' layout (format 2; bump it when that changes),
    our code and the versions of Python and of the libraries that render."""
    digest = hashlib.sha256(f"format=2;python={sys.version_info[:3]}".encode())
    readers = ("markdown-it-py", "mdit-py-plugins", "linkify-it-py")  # DEV's reading
    for dist in ("proofpress", "mkdocs", "markdown", "pymdown-extensions", "nh3", *readers):
        with contextlib.suppress(metadata.PackageNotFoundError):
            digest.update(f";{dist}={metadata.version(dist)}".encode())
    for file in sorted(_PACKAGE.rglob("*")):
        if file.suffix in {".py", ".html", ".yml", ".yaml"} and "__pycache__" not in file.parts:
            digest.update(file.relative_to(_PACKAGE).as_posix().encode() + b"\0")
            digest.update(file.read_bytes() + b"\0")
    return digest.hexdigest()


def secret() -> bytes | None:
    """The signing key: ``PROOFPRESS_CACHE_KEY``, or this user's key file (made on first use);
    None when neither can be had: then nothing is cached, since nothing could be trusted."""
    if given := os.environ.get("PROOFPRESS_CACHE_KEY", "").strip():
        return given.encode("utf-8", "surrogateescape")
    home = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    file, flags = home / "proofpress" / "cache-key", os.O_WRONLY | os.O_CREAT | os.O_EXCL
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        with (
            contextlib.suppress(FileExistsError),
            os.fdopen(os.open(file, flags, 0o600), "w") as new,
        ):
            new.write(secrets.token_hex(32))  # made on first use, readable by this user only
        key = file.read_bytes()
    except OSError:
        return None
    return key if len(key) >= 32 else None


def key_of(*parts: str | bytes) -> str:
    """A cache key: the SHA-256 of ``parts``, each length-prefixed so none can run into the next."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()


@dataclass
class Stats:  # rejected: entries found but unsigned, tampered or unreadable (recomputed)
    hits: int = 0
    misses: int = 0
    rejected: int = 0


class Store:
    """One kind of entry: ``<root>/<kind>-<salt>.sqlite``, a table of key -> signed JSON.
    Writes wait for :meth:`close` (one transaction). A database SQLite cannot read is deleted;
    a busy one (another process writing) is only a miss."""

    def __init__(self, root: Path, kind: str, key: bytes, salt_value: str | None = None) -> None:
        self.salt = salt_value or salt()
        self.root, self.kind, self._key, self.stats = root, kind, key, Stats()
        self.path = root / f"{kind}-{self.salt[:16]}.sqlite"
        self.used: set[str] = set()
        self._pending: dict[str, bytes] = {}
        self._db: sqlite3.Connection | None = None

    def _sign(self, key: str, payload: bytes) -> bytes:
        return hmac.new(self._key, f"{self.salt}\n{key}\n".encode() + payload, "sha256").digest()

    def get(self, key: str, valid: Callable[[Any], bool] = lambda value: True) -> Any | None:
        """The value under ``key``, or None: absent, rejected, or ``valid`` says it is stale."""
        self.used.add(key)
        data = self._pending.get(key)
        if data is None and (db := self._open(create=False)) is not None:
            try:
                row = db.execute("SELECT data FROM entries WHERE key = ?", (key,)).fetchone()
                data = bytes(row[0]) if row is not None else None
            except sqlite3.Error as err:
                self._failed(err)
        if data is None:
            self.stats.misses += 1
            return None
        value = None
        if hmac.compare_digest(data[:32], self._sign(key, data[32:])):
            with contextlib.suppress(ValueError, RecursionError):
                value = json.loads(data[32:])
        if value is None:
            self.stats.rejected += 1
            return None
        if not valid(value):
            self.stats.misses += 1
            return None
        self.stats.hits += 1
        return value

    def put(self, key: str, value: Any) -> None:
        payload = json.dumps(value, separators=(",", ":")).encode()
        self.used.add(key)
        self._pending[key] = self._sign(key, payload) + payload

    def close(self, *, prune: bool = False) -> None:
        """Write what is held back; with ``prune``, delete what this build did not use."""
        rows, self._pending = list(self._pending.items()), {}
        if (rows or prune) and (db := self._open(create=bool(rows))) is not None:
            try:
                with db:
                    db.executemany("INSERT OR REPLACE INTO entries VALUES (?, ?)", rows)
                    if prune:
                        stored = [k for (k,) in db.execute("SELECT key FROM entries")]
                        unused = [(k,) for k in stored if k not in self.used]
                        db.executemany("DELETE FROM entries WHERE key = ?", unused)
            except sqlite3.Error as err:
                self._failed(err)
        if self._db is not None:
            self._db.close()
            self._db = None

    def _open(self, *, create: bool) -> sqlite3.Connection | None:
        if self._db is not None:
            return self._db
        if not create and not self.path.is_file():
            return None
        try:
            if create:  # the folder, ignored by git; this kind's files of other salts go
                self.root.mkdir(parents=True, exist_ok=True)
                ignore = self.root / ".gitignore"
                if not ignore.exists():
                    ignore.write_text("# Proofpress' cache: safe to delete\n*\n")
                for other in self.root.glob(f"{self.kind}-*.sqlite*"):
                    if not other.name.startswith(self.path.name):
                        other.unlink()
            db = sqlite3.connect(self.path, timeout=5)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, data BLOB)")
        except (sqlite3.Error, OSError) as err:
            self._failed(err)
            return None
        self._db = db
        return db

    def _failed(self, err: Exception) -> None:
        """A database SQLite cannot read is deleted; a busy one is only a miss."""
        if isinstance(err, OSError | sqlite3.OperationalError) and "not a database" not in str(err):
            return
        self.stats.rejected += 1
        if self._db is not None:
            self._db.close()
            self._db = None
        for suffix in ("", "-wal", "-shm"):
            with contextlib.suppress(OSError):
                os.remove(f"{self.path}{suffix}")


def open_store(site_root: Path, kind: str) -> Store | None:
    """The store of ``kind`` for a site, or None when the cache is off or has no secret."""
    off = os.environ.get("PROOFPRESS_CACHE", "").lower() in {"off", "0", "no", "false"}
    key = None if off else secret()
    return Store(site_root / ".cache" / "proofpress", kind, key) if key else None


# Posts and findings as JSON-ready data and back; sets sorted, so keys are stable.
_data = make_converter()
_data.register_unstructure_hook_func(
    lambda kind: typing.get_origin(kind) in {set, frozenset} or kind in {set, frozenset},
    lambda value: sorted(value),
)


# --- check results ---------------------------------------------------------------------------


class CheckCache:
    """Check results per post file, keyed by its bytes, the authors registry, the settings and
    the paths messages show; the files a check asked about are asked again on every read."""

    def __init__(self, store: Store, config: SiteConfig, ctx: CheckContext) -> None:
        self.store = store
        # site_url: PP112 compares canonical_url with the post's address on this site.
        settings = [ctx, config.settings, config.site_url, str(config.root.resolve())]
        self.context = key_of(_json(_data.unstructure(settings)), str(config.docs_dir))

    @classmethod
    def for_site(cls, config: SiteConfig, ctx: CheckContext) -> CheckCache | None:
        store = open_store(config.root, "check")
        return cls(store, config, ctx) if store is not None else None

    def flush(self) -> None:
        self.store.close()

    def check(
        self, file: Path, config: SiteConfig, ctx: CheckContext, check_post: Callable[..., Any]
    ) -> tuple[Post | None, list[Diagnostic]]:
        try:
            data = file.read_bytes()
        except OSError:
            return check_post(file, config, ctx)  # the check reports why it cannot be read
        key = key_of(self.context, os.path.abspath(file), os.path.realpath(file), data)
        entry = self.store.get(
            key, lambda e: all(config.exists(p) == found for p, found in e["exists"].items())
        )
        if entry is not None:
            try:
                post = None if entry["post"] is None else _data.structure(entry["post"], Post)
                return post, _data.structure(entry["problems"], list[Diagnostic])
            except (KeyError, TypeError, ValueError, cattrs.BaseValidationError):
                self.store.stats.rejected += 1
        asked: dict[str, bool] = {}
        post, problems = check_post(file, _recording(config, asked), ctx)
        self.store.put(
            key, _data.unstructure({"post": post, "problems": problems, "exists": asked})
        )
        return post, problems


def _recording(config: SiteConfig, asked: dict[str, bool]) -> SiteConfig:
    """``config``, but every ``exists`` question and its answer is written to ``asked``."""

    def exists(path: str) -> bool:
        return asked.setdefault(path, config.exists(path))

    recording = copy.copy(config)
    object.__setattr__(recording, "exists", exists)  # SiteConfig is frozen: shadow one method
    return recording


# --- Markdown conversions (MkDocs' Page.render) ------------------------------------------------


class RenderCache:
    """MkDocs' conversion of each page (content, toc, title, anchors, links, warnings), keyed by
    the Markdown it converts, the extensions and their settings, link validation, the page's
    path, URL and inclusion. Each file a link resolved to and what each DEV link tag found are
    compared on read; a hit replays the conversion's warnings, as a cold build would log them.
    """

    def __init__(self, store: Store, mkdocs_config: Any, links: Any = None) -> None:
        self.store, self.config, self.links = store, mkdocs_config, links
        self.context = _json([mkdocs_config.get("validation"), mkdocs_config.use_directory_urls])

    def install(self, page: Any) -> None:
        page.render = functools.partial(self._render, page, page.render)

    def _key(self, page: Any) -> str:
        extensions = [
            e if isinstance(e, str) else [type(e).__module__, type(e).__qualname__, e.getConfigs()]
            for e in self.config.markdown_extensions
        ]
        logger = logging.getLogger(type(page).__module__)  # mkdocs.* or properdocs.*
        return key_of(
            self.context,
            _json([extensions, self.config.mdx_configs], links=self.links),
            _json([page.file.src_uri, page.file.url, page.file.inclusion.is_excluded()]),
            str(logger.getEffectiveLevel()),  # which records a conversion logs (and replays)
            page.markdown or "",
        )

    def _render(
        self, page: Any, render: Callable[[Any, Any], None], config: Any, files: Any
    ) -> None:
        try:
            key = self._key(page)
        except (TypeError, ValueError):  # a setting that is not plain data: convert uncached
            return render(config, files)
        entry = self.store.get(key, lambda entry: self._holds(entry, files))
        if entry is not None:
            return self._apply(page, entry, files)
        recording, links = _RecordingFiles(files), self.links
        capture = logging.handlers.BufferingHandler(capacity=2**31)  # what MkDocs logs meanwhile
        mkdocs_log = logging.getLogger(type(page).__module__.split(".")[0])  # or properdocs
        mkdocs_log.addHandler(capture)
        if links is not None:
            links.seen = []  # what DEV's link tags look up while this page converts
        try:
            render(config, recording)
            lookups = [[t.local, t.title, found] for t, found in links.seen or ()] if links else []
        finally:
            mkdocs_log.removeHandler(capture)
            if links is not None:
                links.seen = None
        logs = [[r.name, r.levelno, r.getMessage()] for r in capture.buffer]
        if recording.unrecorded:
            return None
        links = page.links_to_anchors
        self.store.put(key, {
            "content": page.content,
            "toc": [_token(item) for item in page.toc],
            "title": page._title_from_render,
            "anchors": sorted(page.present_anchor_ids or ()),
            "links_to_anchors": None if links is None else {f.src_uri: a for f, a in links.items()},
            "logs": logs,
            "files": recording.seen,
            "lookups": lookups,
        })  # fmt: skip

    def _holds(self, entry: dict[str, Any], files: Any) -> bool:
        for path, seen in entry["files"].items():
            file = files.get_file_from_path(path)
            if seen != (None if file is None else [file.url, file.inclusion.is_excluded()]):
                return False
        for local, title, found in entry["lookups"]:
            target = types.SimpleNamespace(local=local and tuple(local), title=title)
            if self.links is None or _data.unstructure(self.links.local(target)) != found:
                return False
        return all(files.get_file_from_path(uri) for uri in entry["links_to_anchors"] or ())

    @staticmethod
    def _apply(page: Any, entry: dict[str, Any], files: Any) -> None:
        from mkdocs.structure.toc import get_toc

        for name, level, message in entry["logs"]:
            logging.getLogger(name).log(level, message)
        page.content, page.toc = entry["content"], get_toc(entry["toc"])
        page._title_from_render = entry["title"]
        page.present_anchor_ids = set(entry["anchors"])
        if (links := entry["links_to_anchors"]) is not None:
            page.links_to_anchors = {files.get_file_from_path(u): a for u, a in links.items()}


def _json(value: Any, links: Any = None) -> str:
    """Settings as JSON; the dialect's links print as the page they are relative to."""

    def plain(item: Any) -> Any:
        if links is not None and item is links:
            return ["links", item.page_url, item.post_page]
        if hasattr(item, "items"):  # MkDocs' config sections
            return dict(item.items())
        raise TypeError(type(item).__name__)

    return json.dumps(value, sort_keys=True, default=plain)


def _token(item: Any) -> dict[str, Any]:
    """A table-of-contents entry back as the token MkDocs' ``get_toc`` reads."""
    kids = [_token(child) for child in item.children]
    return {"level": item.level, "id": item.id, "name": item.title, "children": kids}


class _RecordingFiles:
    """MkDocs' ``Files`` as link resolution reads it, noting each lookup and its answer."""

    def __init__(self, files: Any) -> None:
        self._files, self.seen, self.unrecorded = files, dict[str, Any](), False

    def get_file_from_path(self, path: str) -> Any:
        file = self._files.get_file_from_path(path)
        self.seen[path] = None if file is None else [file.url, file.inclusion.is_excluded()]
        return file

    def __getattr__(self, name: str) -> Any:  # an extension reading the whole collection:
        self.unrecorded = True  # answered, but what it read is unknown, so nothing is kept
        return getattr(self._files, name)
