"""Check results and Markdown conversions, cached as signed JSON in ``.cache/proofpress/``.

This module holds the signed store and the check results; the Markdown conversions' side,
which knows MkDocs' pages, is :mod:`proofpress.hooks.render_cache`.

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
import os
import secrets
import sqlite3
import sys
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

import cattrs
from cattrs.preconf.json import make_converter

from proofpress.core.diagnostics import Diagnostic
from proofpress.reading.reader import read_bytes
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
converter = make_converter()
converter.register_unstructure_hook_func(
    lambda kind: typing.get_origin(kind) in {set, frozenset} or kind in {set, frozenset},
    lambda value: sorted(value),
)


# --- check results ---------------------------------------------------------------------------


# A post's check: the post (None when it could not be read), its findings, and the files the
# check asked about with what it found.
Checked = tuple[Post | None, tuple[Diagnostic, ...], dict[str, bool]]


class CheckCache:
    """Check results per post file, keyed by its bytes, the authors registry, the settings and
    the paths messages show; the files a check asked about are asked again on every read."""

    def __init__(
        self,
        store: Store,
        config: SiteConfig,
        ctx: CheckContext,
        recent: Mapping[str, Checked] | None = None,
    ) -> None:
        self.store = store
        # A preview's last build's results, by key (kept in memory for the session), and this
        # build's, for the next one: nothing outlives the build after the one that used it.
        self.recent: Mapping[str, Checked] = recent or {}
        self.kept: dict[str, Checked] = {}
        # site_url: PP112 compares canonical_url with the post's address on this site.
        settings = [ctx, config.settings, config.site_url, str(config.root.resolve())]
        self.context = key_of(
            json.dumps(converter.unstructure(settings), sort_keys=True), str(config.docs_dir)
        )

    @classmethod
    def for_site(
        cls, config: SiteConfig, ctx: CheckContext, recent: Mapping[str, Checked] | None = None
    ) -> CheckCache | None:
        store = open_store(config.root, "check")
        return cls(store, config, ctx, recent) if store is not None else None

    def flush(self) -> None:
        self.store.close()

    def check(
        self, file: Path, config: SiteConfig, ctx: CheckContext, check_post: Callable[..., Any]
    ) -> tuple[Post | None, list[Diagnostic]]:
        data, _problem = read_bytes(file, config.display(file))
        if data is None:
            return check_post(file, config, ctx)  # the check reports why it cannot be read
        key = key_of(self.context, os.path.abspath(file), os.path.realpath(file), data)
        known = self.recent.get(key)
        if known is not None and all(config.exists(p) == found for p, found in known[2].items()):
            self.store.used.add(key)
            self.kept[key] = known
            return known[0], list(known[1])
        entry = self.store.get(
            key, lambda e: all(config.exists(p) == found for p, found in e["exists"].items())
        )
        if entry is not None:
            try:
                post = None if entry["post"] is None else converter.structure(entry["post"], Post)
                problems = converter.structure(entry["problems"], list[Diagnostic])
                self.kept[key] = (post, tuple(problems), dict(entry["exists"]))
                return post, problems
            except (KeyError, TypeError, ValueError, cattrs.BaseValidationError):
                self.store.stats.rejected += 1
        asked: dict[str, bool] = {}
        post, problems = check_post(file, _recording(config, asked), ctx, data=data)
        self.store.put(
            key, converter.unstructure({"post": post, "problems": problems, "exists": asked})
        )
        self.kept[key] = (post, tuple(problems), asked)
        return post, problems


def _recording(config: SiteConfig, asked: dict[str, bool]) -> SiteConfig:
    """``config``, but every ``exists`` question and its answer is written to ``asked``."""

    def exists(path: str) -> bool:
        return asked.setdefault(path, config.exists(path))

    recording = copy.copy(config)
    object.__setattr__(recording, "exists", exists)  # SiteConfig is frozen: shadow one method
    return recording
