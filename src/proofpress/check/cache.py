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

import base64
import binascii
import contextlib
import copy
import functools
import hashlib
import hmac
import json
import logging
import os
import secrets
import sqlite3
import stat
import sys
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import cattrs
from cattrs.preconf.json import make_converter

from proofpress.core.diagnostics import Diagnostic
from proofpress.core.weburl import is_web_address
from proofpress.reading.reader import read_bytes
from proofpress.records.model import Post
from proofpress.records.schema import MAX_TAG_LENGTH, MAX_TAGS, SLUG_RE, TAG_RE, resolve_local

if TYPE_CHECKING:
    from proofpress.records.context import CheckContext
    from proofpress.records.settings import SiteConfig

_PACKAGE = Path(__file__).resolve().parent
log = logging.getLogger("proofpress.cache")
BUSY_SECONDS = 5.0  # how long a read or write waits for another process holding the database


@functools.cache
def salt() -> str:
    """What every entry depends on: the entries' layout (format 3; bump it when that changes),
    our code, Python's version and every distribution installed where Python looks (any of
    them may shape a page: Pygments' colours, a Markdown extension, Material's templates)."""
    digest = hashlib.sha256(f"format=3;python={sys.version}".encode())
    for name in installed():
        digest.update(f";{name}".encode())
    for file in sorted(_PACKAGE.rglob("*")):
        if file.suffix in {".py", ".html", ".yml", ".yaml"} and "__pycache__" not in file.parts:
            digest.update(file.relative_to(_PACKAGE).as_posix().encode() + b"\0")
            digest.update(file.read_bytes() + b"\0")
    return digest.hexdigest()


def installed() -> list[str]:
    """Every distribution on Python's path, named with its version as its metadata folder is
    (``Pygments-2.19.1.dist-info``): listed from the folders, not parsed, so it stays cheap."""
    found: set[str] = set()
    for folder in sys.path:
        with contextlib.suppress(OSError):
            found.update(
                entry.name
                for entry in os.scandir(folder or ".")
                if entry.name.endswith((".dist-info", ".egg-info"))
            )
    return sorted(found)


KEY_BYTES = 32  # the entropy a signing key must carry
HOW_TO_MAKE_A_KEY = "python3 -c 'import secrets; print(secrets.token_hex(32))'"


def secret() -> bytes | None:
    """The signing key: ``PROOFPRESS_CACHE_KEY``, or this user's key file (made on first use);
    None when neither can be had or trusted: then nothing is cached, and a warning says why."""
    if given := os.environ.get("PROOFPRESS_CACHE_KEY", "").strip():
        return _strong(given, "PROOFPRESS_CACHE_KEY")
    home = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    file = home / "proofpress" / "cache-key"
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        _write_new(file, secrets.token_hex(KEY_BYTES).encode(), mode=0o600)
        flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0)
        with os.fdopen(os.open(file, flags), "rb") as opened:
            if problem := _private(os.fstat(opened.fileno())):
                return _refused(f"the key file {file} {problem}")
            text = opened.read(4096).decode("ascii")
    except (OSError, UnicodeDecodeError) as err:
        return _refused(f"the key file {file} cannot be used ({err})")
    return _strong(text.strip(), f"the key file {file}")


def _private(status: os.stat_result) -> str | None:
    """Why a key file could be read or planted by someone else, or None."""
    if not stat.S_ISREG(status.st_mode):
        return "is not a plain file"
    if hasattr(os, "getuid") and status.st_uid != os.getuid():
        return "belongs to another user"
    if status.st_mode & 0o077:
        return "can be read or written by other users (chmod 600 it)"
    return None


def _strong(text: str, where: str) -> bytes | None:
    """The key ``text`` if it holds at least :data:`KEY_BYTES` random bytes, written as hex or
    base64 (what a secret generator prints); else a warning and None."""
    decoders: list[Callable[[str], bytes]] = [  # hex first: every hex text is also base64
        bytes.fromhex,
        lambda t: base64.b64decode(t, validate=True),
        lambda t: base64.b64decode(t, altchars=b"-_", validate=True),  # base64url
    ]
    for decode in decoders:
        with contextlib.suppress(ValueError, binascii.Error):
            raw = decode(text)
            if len(raw) >= KEY_BYTES and len(set(raw)) >= KEY_BYTES // 2:
                return text.encode()
    return _refused(
        f"{where} is not a key of {KEY_BYTES} random bytes in hex or base64; make one with "
        f"{HOW_TO_MAKE_A_KEY}"
    )


@functools.cache
def _refused(why: str) -> None:
    """Warn once per process: nothing is cached without a key that can be trusted."""
    log.warning(f"proofpress: the cache is not used: {why}")


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
    locked: int = 0  # times the database was busy (after the first, it is left alone)


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
        # Whether the folder is unsafe to use (then nothing is read or written); None: not seen.
        self.refused: bool | None = None

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

    def reject(self) -> None:
        """The value :meth:`get` just returned cannot be used after all (it is recomputed)."""
        self.stats.hits -= 1
        self.stats.rejected += 1

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
        if self.refused is None:  # looked at once per build
            problem = self._unsafe()
            if problem is not None:
                log.warning(f"proofpress: the cache is not used: {problem}")
            self.refused = problem is not None
        if self.refused:
            return None
        if not create and not self.path.is_file():
            return None
        try:
            if create:  # the folder, ignored by git; this kind's files of other salts go
                self.root.mkdir(parents=True, exist_ok=True)
                if self._unsafe() is not None:  # made meanwhile by another process, as a link
                    self.refused = True
                    return None
                _write_new(self.root / ".gitignore", b"# Proofpress' cache: safe to delete\n*\n")
                for other in self.root.glob(f"{self.kind}-*.sqlite*"):
                    if not other.name.startswith(self.path.name):
                        _remove_file(other)
            db = sqlite3.connect(self.path, timeout=BUSY_SECONDS)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, data BLOB)")
        except (sqlite3.Error, OSError) as err:
            self._failed(err)
            return None
        self._db = db
        return db

    def _failed(self, err: Exception) -> None:
        """A database SQLite cannot read is deleted. A busy one is a miss, and after it this
        store is not used for the rest of the build: each read would wait for it again."""
        if isinstance(err, sqlite3.OperationalError) and "locked" in str(err):
            self.stats.locked += 1
            self.refused = True
            log.warning(
                f"proofpress: {self.path.name} is in use by another process: this build "
                f"goes on without the {self.kind} cache"
            )
            if self._db is not None:
                self._db.close()
                self._db = None
            return
        if isinstance(err, OSError | sqlite3.OperationalError) and "not a database" not in str(err):
            return
        self.stats.rejected += 1
        if self._db is not None:
            self._db.close()
            self._db = None
        for suffix in ("", "-wal", "-shm"):
            _remove_file(Path(f"{self.path}{suffix}"))

    def _unsafe(self) -> str | None:
        """Why the cache's folder or files cannot be trusted to stay in the repository: a
        symbolic link anywhere on its path (``.cache``, ``.cache/proofpress``, a database, its
        ``.gitignore``) would lead writes and deletions elsewhere."""
        paths = [self.root.parent, self.root, self.root / ".gitignore"]
        paths += [Path(f"{self.path}{suffix}") for suffix in ("", "-wal", "-shm")]
        for path in paths:
            try:
                mode = os.lstat(path).st_mode
            except FileNotFoundError:
                continue
            except OSError as err:
                return f"{path} cannot be read ({err.strerror})"
            wanted = stat.S_ISDIR if path in paths[:2] else stat.S_ISREG
            if not wanted(mode):
                kind = (
                    "a symbolic link"
                    if stat.S_ISLNK(mode)
                    else "not a plain " + ("folder" if path in paths[:2] else "file")
                )
                return f"{path} is {kind}; remove it and Proofpress makes the cache anew"
        return None


def _write_new(path: Path, data: bytes, mode: int = 0o644) -> None:
    """Create ``path`` with ``data`` unless something is there (a link is never followed)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    with contextlib.suppress(FileExistsError), os.fdopen(os.open(path, flags, mode), "wb") as new:
        new.write(data)


def _remove_file(path: Path) -> None:
    """Delete ``path`` when it is a plain file (never what a link leads to, never a folder)."""
    with contextlib.suppress(OSError):
        if stat.S_ISREG(os.lstat(path).st_mode):
            os.remove(path)


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
                if post is None or _as_checked(post, file, config, ctx):
                    self.kept[key] = (post, tuple(problems), dict(entry["exists"]))
                    return post, problems
                self.store.reject()
            except (KeyError, TypeError, ValueError, cattrs.BaseValidationError):
                self.store.reject()
        asked: dict[str, bool] = {}
        post, problems = check_post(file, _recording(config, asked), ctx, data=data)
        self.store.put(
            key, converter.unstructure({"post": post, "problems": problems, "exists": asked})
        )
        self.kept[key] = (post, tuple(problems), asked)
        return post, problems


def _as_checked(post: Post, file: Path, config: SiteConfig, ctx: CheckContext) -> bool:
    """Whether a cached post is one the checker could have let through: a signature says who
    wrote an entry, not that what it holds is safe, so its address, paths and links are read
    again (a slug like ``../../x`` would write a page outside the site)."""
    docs = os.path.relpath(os.path.abspath(file), os.path.abspath(config.docs_dir))
    cover, canonical = post.cover_image, post.canonical_url
    return (
        post.src_uri == docs.replace(os.sep, "/")
        and post.path == config.display(file)
        and SLUG_RE.fullmatch(post.slug) is not None
        and len(post.tags) <= MAX_TAGS
        and all(TAG_RE.fullmatch(tag) and len(tag) <= MAX_TAG_LENGTH for tag in post.tags)
        and (not canonical or is_web_address(canonical))
        and (
            not cover
            or is_web_address(cover, ("https",))
            or resolve_local("/" + cover, post.src_uri) == cover
        )
    )


def _recording(config: SiteConfig, asked: dict[str, bool]) -> SiteConfig:
    """``config``, but every ``exists`` question and its answer is written to ``asked``."""

    def exists(path: str) -> bool:
        return asked.setdefault(path, config.exists(path))

    recording = copy.copy(config)
    object.__setattr__(recording, "exists", exists)  # SiteConfig is frozen: shadow one method
    return recording
