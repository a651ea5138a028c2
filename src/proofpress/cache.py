"""A persistent, content-keyed cache of check results and rendered post bodies.

It lives in ``.cache/proofpress/`` next to ``mkdocs.yml`` (ignored by git, safe to delete at
any time) and is shared by ``proofpress check``, ``mkdocs build`` and ``mkdocs serve``.

- Each entry is one file named by the SHA-256 of everything its value depends on. It starts
  with a header: a magic line, the cache's *salt* and the SHA-256 of the payload. An entry whose
  header or checksum does not match (a torn write, a disk error, an edit by hand, a file left by
  another Proofpress or MkDocs version) is counted as ``rejected``, recomputed and overwritten:
  it is never served.
- The salt versions the whole store: Proofpress' version and a hash of its own source files
  (rules, engine, kinds, ...), MkDocs', Python-Markdown's and pymdown-extensions' versions and
  the Python version. Entries of another salt live in another folder, removed on the first
  write.
- What a value also depends on outside its own text is recorded with it and compared on every
  read: the files a check asked about (a cover image exists or not), and for a rendered body
  the documentation files its links resolved to (URL, excluded or not).

Values are pickled; the cache is trusted the way ``__pycache__`` is: only this project's builds
write it (CI restores it from its own repository's cache). Set ``PROOFPRESS_CACHE=off`` to run
without it.
"""

from __future__ import annotations

import contextlib
import copy
import dataclasses
import functools
import hashlib
import logging
import os
import pickle
import re
import shutil
import sqlite3
import sys
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2

if TYPE_CHECKING:
    from proofpress.context import CheckContext
    from proofpress.diagnostics import Diagnostic
    from proofpress.model import Post
    from proofpress.settings import SiteConfig

CACHE_DIR = Path(".cache") / "proofpress"
FORMAT = 1  # bump when the entry layout changes
_MAGIC = b"proofpress-cache\n"
_PACKAGE = Path(__file__).resolve().parent


def enabled() -> bool:
    return os.environ.get("PROOFPRESS_CACHE", "").lower() not in {"off", "0", "no", "false"}


def cache_root(site_root: Path) -> Path:
    """The cache folder of the site whose ``mkdocs.yml`` is in ``site_root``."""
    return site_root / CACHE_DIR


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "-"


@functools.cache
def source_hash() -> str:
    """SHA-256 of Proofpress' own source files, as loaded by this process."""
    digest = hashlib.sha256()
    for file in sorted(_PACKAGE.rglob("*")):
        if file.suffix in {".py", ".html", ".yml", ".yaml"} and "__pycache__" not in file.parts:
            digest.update(file.relative_to(_PACKAGE).as_posix().encode())
            digest.update(b"\0")
            digest.update(file.read_bytes())
            digest.update(b"\0")
    return digest.hexdigest()


@functools.cache
def salt() -> str:
    """What every entry depends on: our code and the versions of the libraries that render."""
    parts = [
        f"format={FORMAT}",
        f"proofpress={_version('proofpress')}",
        f"sources={source_hash()}",
        f"mkdocs={_version('mkdocs')}",
        f"markdown={_version('markdown')}",
        f"pymdown-extensions={_version('pymdown-extensions')}",
        f"python={sys.version_info[:3]}",
    ]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def key_of(*parts: str | bytes) -> str:
    """A cache key: the SHA-256 of ``parts``, each length-prefixed so none can run into the next."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


@dataclass
class Stats:
    hits: int = 0
    misses: int = 0
    rejected: int = 0  # entries found but corrupt or from another salt: recomputed

    def __str__(self) -> str:
        return f"{self.hits} hit(s), {self.misses} miss(es), {self.rejected} rejected"


class Memory:
    """Raw entries kept in memory between the rebuilds of one ``mkdocs serve`` session.

    Entries are kept as the bytes written to disk, so each read decodes (and checks) them
    afresh. :meth:`sweep` drops what the last build did not use, so memory does not grow with
    every edit.
    """

    def __init__(self) -> None:
        self.entries: dict[str, bytes] = {}
        self.used: set[str] = set()

    def sweep(self) -> None:
        self.entries = {key: data for key, data in self.entries.items() if key in self.used}
        self.used = set()


class Store:
    """One kind of entry (``check``, ``render``, ...) for one salt: one SQLite file.

    A build writes thousands of entries; one file each cost more in file-system time than the
    work they save, so entries live in ``<kind>/<salt>.sqlite`` (write-ahead log, so
    ``mkdocs serve``, ``proofpress check`` and forked workers can share it), written in
    batches. Each entry keeps its own header and checksum. A database file SQLite cannot read
    is deleted and started afresh.
    """

    BATCH = 256  # entries per write transaction

    def __init__(
        self,
        root: Path,
        kind: str,
        salt_value: str | None = None,
        memory: Memory | None = None,
    ) -> None:
        self.salt = salt_value or salt()
        self.kind = kind
        self.base = root / kind
        self.path = self.base / f"{self.salt[:16]}.sqlite"
        self.stats = Stats()
        self.memory = memory
        self.used: set[str] = set()
        self._pending: dict[str, bytes] = {}
        self._db: sqlite3.Connection | None = None
        self._db_pid = 0
        self._pruned = False
        self._lock = threading.Lock()

    def get(self, key: str, valid: Callable[[Any], bool] = lambda value: True) -> Any | None:
        """The value stored under ``key``, or None when absent, corrupt or stale.

        ``valid`` says whether what the value depends on besides its key is unchanged; when it
        is not, that is a miss.
        """
        self.used.add(key)
        data = self._read(key)
        if data is None:
            self.stats.misses += 1
            return None
        value = self._decode(data)
        if value is None:
            self.stats.rejected += 1
            return None
        if not valid(value):
            self.stats.misses += 1
            return None
        self.stats.hits += 1
        return value

    def _read(self, key: str) -> bytes | None:
        memory_key = f"{self.kind}/{key}"
        if self.memory is not None:
            self.memory.used.add(memory_key)
            if (data := self.memory.entries.get(memory_key)) is not None:
                return data
        data = self._pending.get(key)
        if data is None:
            db = self._open(create=False)
            if db is None:
                return None
            try:
                row = db.execute("SELECT data FROM entries WHERE key = ?", (key,)).fetchone()
            except sqlite3.Error as err:
                self._failed(err)
                return None
            data = bytes(row[0]) if row is not None else None
        if data is not None and self.memory is not None:
            self.memory.entries[memory_key] = data
        return data

    def _decode(self, data: bytes) -> Any | None:
        header_end = len(_MAGIC) + 64 + 1 + 64 + 1
        if not data.startswith(_MAGIC) or len(data) < header_end:
            return None
        header = data[len(_MAGIC) : header_end].decode("ascii", "replace").split("\n")
        payload = data[header_end:]
        if header[0] != self.salt or header[1] != hashlib.sha256(payload).hexdigest():
            return None
        try:
            return pickle.loads(payload)
        except Exception:
            return None

    def put(self, key: str, value: Any) -> None:
        """Store ``value``; a cache that cannot be written is only slower."""
        try:
            payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:
            return
        digest = hashlib.sha256(payload).hexdigest().encode()
        data = b"".join([_MAGIC, self.salt.encode(), b"\n", digest, b"\n", payload])
        self.used.add(key)
        if self.memory is not None:
            self.memory.entries[f"{self.kind}/{key}"] = data
            self.memory.used.add(f"{self.kind}/{key}")
        self._pending[key] = data
        if len(self._pending) >= self.BATCH:
            self.flush()

    def flush(self) -> None:
        """Write what :meth:`put` holds back, in one transaction."""
        if not self._pending:
            return
        rows, self._pending = list(self._pending.items()), {}
        db = self._open(create=True)
        if db is None:
            return
        try:
            with db:
                db.executemany("INSERT OR REPLACE INTO entries (key, data) VALUES (?, ?)", rows)
        except sqlite3.Error as err:
            self._failed(err)

    def prepare(self) -> None:
        """Create the database now (before worker processes share it)."""
        self._open(create=True)
        self.close()

    def close(self) -> None:
        """Write what is held back and let go of the database (reopened when needed)."""
        self.flush()
        if self._db is not None and self._db_pid == os.getpid():
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
        self._db = None

    def count(self) -> int:
        """How many entries this store holds."""
        db = self._open(create=False)
        if db is None:
            return len(self._pending)
        try:
            return int(db.execute("SELECT COUNT(*) FROM entries").fetchone()[0])
        except sqlite3.Error as err:
            self._failed(err)
            return 0

    def prune_unused(self) -> int:
        """Delete the entries this store's build did not read or write; how many went."""
        self.flush()
        db = self._open(create=False)
        if db is None:
            return 0
        try:
            keys = [row[0] for row in db.execute("SELECT key FROM entries")]
            unused = [(key,) for key in keys if key not in self.used]
            with db:
                db.executemany("DELETE FROM entries WHERE key = ?", unused)
        except sqlite3.Error as err:
            self._failed(err)
            return 0
        return len(unused)

    def _open(self, *, create: bool) -> sqlite3.Connection | None:
        """This process' connection (a forked worker opens its own), or None."""
        if self._db is not None and self._db_pid == os.getpid():
            return self._db
        self._db = None
        if not create and not self.path.is_file():
            return None
        try:
            if create:
                self._prune_other_salts()
                self.base.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(self.path, timeout=60, check_same_thread=False)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute(
                "CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, data BLOB NOT NULL)"
            )
        except sqlite3.Error as err:
            self._failed(err)
            return None
        except OSError:
            return None
        self._db, self._db_pid = db, os.getpid()
        return db

    def _failed(self, err: sqlite3.Error) -> None:
        """A busy or locked database is only a miss; one SQLite cannot read is discarded."""
        if isinstance(err, sqlite3.OperationalError) and "not a database" not in str(err):
            return  # another process holds it for now: answer without the cache
        self._discard()

    def _discard(self) -> None:
        """A database SQLite cannot use: delete it (the next write starts a new one)."""
        self.stats.rejected += 1
        if self._db is not None and self._db_pid == os.getpid():
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
        self._db = None
        for suffix in ("", "-wal", "-shm"):
            with contextlib.suppress(OSError):
                os.remove(f"{self.path}{suffix}")

    def _prune_other_salts(self) -> None:
        with self._lock:
            if self._pruned:
                return
            self._pruned = True
            ignore = self.base.parent / ".gitignore"  # git status stays clean without any setup
            if not ignore.exists():
                self.base.parent.mkdir(parents=True, exist_ok=True)
                ignore.write_text("# Proofpress' cache: safe to delete\n*\n", encoding="utf-8")
            if not self.base.is_dir():
                return
            for other in self.base.iterdir():
                if not other.name.startswith(self.path.name):
                    with contextlib.suppress(OSError):
                        if other.is_dir():
                            shutil.rmtree(other)
                        else:
                            other.unlink()


# --- check results -----------------------------------------------------------------------------


@dataclass
class _CheckEntry:
    post: Post | None
    problems: list[Diagnostic]
    exists: dict[str, bool] = field(default_factory=dict)  # docs-relative path -> is a file


CheckPost = Callable[
    ["Path", "SiteConfig", "CheckContext"], tuple["Post | None", "list[Diagnostic]"]
]


class CheckCache:
    """Check results per post file, keyed by the file's bytes and what the check reads besides.

    The key holds the file's bytes and paths, the authors registry as the checks see it, the
    site settings, and (through the salt) the rules' own code. The files a check asked about
    are recorded and compared on every read.
    """

    def __init__(self, store: Store, config: SiteConfig, ctx: CheckContext) -> None:
        self.store = store
        self.context = key_of(
            _fields_repr(ctx),
            _fields_repr(config.settings),
            config.site_url,  # PP112 compares canonical_url with the post's address here
            str(config.root.resolve()),
            str(config.docs_dir),
        )

    @classmethod
    def for_site(cls, config: SiteConfig, ctx: CheckContext) -> CheckCache | None:
        """The cache ``proofpress check`` uses (None when ``PROOFPRESS_CACHE=off``)."""
        if not enabled():
            return None
        return cls(Store(cache_root(config.root), "check"), config, ctx)

    def flush(self) -> None:
        """Write what is held back; called once the check of a site is done."""
        self.store.close()

    def check(
        self, file: Path, config: SiteConfig, ctx: CheckContext, check_post: CheckPost
    ) -> tuple[Post | None, list[Diagnostic]]:
        try:
            data = file.read_bytes()
        except OSError:
            return check_post(file, config, ctx)  # the check reports why it cannot be read
        # The paths messages show follow from these two and the site root (in the context).
        key = key_of(self.context, os.path.abspath(file), os.path.realpath(file), data)
        entry = self.store.get(
            key,
            lambda value: (
                isinstance(value, _CheckEntry)
                and all(config.exists(path) == found for path, found in value.exists.items())
            ),
        )
        if entry is not None:
            return entry.post, list(entry.problems)
        asked: dict[str, bool] = {}
        post, problems = check_post(file, _recording(config, asked), ctx)
        self.store.put(key, _CheckEntry(post, list(problems), asked))
        return post, problems


def _fields_repr(value: Any) -> str:
    """Every field of a dataclass, printed the same in every process (sets sorted)."""
    parts = []
    for item in dataclasses.fields(value):
        field_value = getattr(value, item.name)
        if isinstance(field_value, set | frozenset):
            field_value = sorted(field_value, key=repr)
        parts.append(f"{item.name}={field_value!r}")
    return f"{type(value).__qualname__}({', '.join(parts)})"


def _recording(config: SiteConfig, asked: dict[str, bool]) -> SiteConfig:
    """``config``, but every ``exists`` question and its answer is written to ``asked``."""
    original = config.exists

    def exists(docs_relative: str) -> bool:
        found = asked[docs_relative] = original(docs_relative)
        return found

    recording = copy.copy(config)
    object.__setattr__(recording, "exists", exists)  # SiteConfig is frozen: shadow one method
    return recording


# --- rendered bodies ---------------------------------------------------------------------------

_render_log = logging.getLogger("mkdocs.structure.pages")


@dataclass
class _RenderEntry:
    content: str
    toc: Any
    title: str | None
    anchors: set[str]
    links_to_anchors: dict[str, dict[str, str]] | None  # target src_uri -> anchor -> link
    logs: list[tuple[str, int, str]]  # (logger, level, message) to replay
    # What link resolution looked up: src_uri -> (url, excluded) or None when missing.
    files: dict[str, tuple[str, bool] | None]
    # What the DEV dialect's link tags looked up: (target, what it resolved to).
    links: list[tuple[Any, Any]] = field(default_factory=list)


class _RecordingLinks:
    """The DEV dialect's ``Links`` during one conversion, recording each lookup."""

    def __init__(self, links: Any) -> None:
        self._links = links
        self.seen: list[tuple[Any, Any]] = []

    def local(self, target: Any) -> Any:
        found = self._links.local(target)
        self.seen.append((target, found))
        return found

    def __getattr__(self, name: str) -> Any:  # relative(), page_url, post_page
        return getattr(self._links, name)


class _RecordingFiles:
    """The part of MkDocs' ``Files`` link resolution reads, recording each lookup."""

    def __init__(self, files: Any) -> None:
        self._files = files
        self.seen: dict[str, tuple[str, bool] | None] = {}
        self.unrecorded = False

    def get_file_from_path(self, path: str) -> Any:
        file = self._files.get_file_from_path(path)
        self.seen[path] = None if file is None else (file.url, file.inclusion.is_excluded())
        return file

    def __getattr__(self, name: str) -> Any:
        # Anything else (a third-party extension reading the whole collection): answered, but
        # then the result cannot be cached, since what it depended on was not recorded.
        self.unrecorded = True
        return getattr(self._files, name)


class _Capture(logging.Handler):
    """Collects the records one thread emits while it renders one page.

    It listens on the root logger and on ``mkdocs`` (which MkDocs' command line keeps from
    propagating), once per record.
    """

    _LOGGERS = ("", "mkdocs")

    def __init__(self) -> None:
        super().__init__(logging.NOTSET)
        self.thread = threading.get_ident()
        self.kept: list[logging.LogRecord] = []  # kept alive, so no id is reused meanwhile

    def emit(self, record: logging.LogRecord) -> None:
        if record.thread == self.thread and all(record is not kept for kept in self.kept):
            self.kept.append(record)

    @property
    def records(self) -> list[tuple[str, int, str]]:
        return [(r.name, r.levelno, r.getMessage()) for r in self.kept]

    def __enter__(self) -> _Capture:
        for name in self._LOGGERS:
            logging.getLogger(name).addHandler(self)
        return self

    def __exit__(self, *exc: object) -> None:
        for name in self._LOGGERS:
            logging.getLogger(name).removeHandler(self)


class RenderCache:
    """MkDocs' Markdown conversion of each page (content, toc, anchors, links, warnings).

    :meth:`install` replaces one page's ``render`` with one that looks the conversion up first.
    The key holds the Markdown MkDocs converts (after every ``on_page_markdown``), the Markdown
    extensions and their settings, the link validation settings, the page's source path, URL
    and inclusion; each link lookup and its answer is recorded and compared on read.
    A hit replays the log records the conversion emitted, so a warm build warns (and fails under
    ``strict``) exactly as a cold one.
    """

    def __init__(self, store: Store, mkdocs_config: Any) -> None:
        self.store = store
        self.config = mkdocs_config
        validation = mkdocs_config.get("validation")
        self.context = key_of(
            repr(_plain(validation)), repr(mkdocs_config.get("use_directory_urls"))
        )

    def install(self, page: Any) -> None:
        original = page.render
        page.render = functools.partial(self._render, page, original)

    def extensions(self) -> str:
        """The Markdown extensions and their settings, as they stand for this conversion.

        Extensions named in ``mkdocs.yml`` print as their names and options. An extension
        object (the DEV dialect, added by the site hook) prints as its class and its settings;
        the dialect's ``Links`` as the page being converted (what its link tags resolve to is
        recorded with the entry and checked on every read). Any other value without a stable
        form raises :class:`Unstable`: the page then converts uncached.
        """
        parts = []
        for extension in self.config.get("markdown_extensions") or []:
            if isinstance(extension, str):
                parts.append(repr(extension))
            elif hasattr(extension, "getConfigs"):
                name = f"{type(extension).__module__}.{type(extension).__qualname__}"
                parts.append(name + self._settings(extension.getConfigs()))
            else:
                raise Unstable(type(extension).__name__)
        configs = self.config.get("mdx_configs") or {}
        for name in sorted(configs):
            parts.append(repr(name) + self._settings(configs[name]))
        return "\n".join(parts)

    def _settings(self, settings: Mapping[str, Any]) -> str:
        from proofpress.dialect.extension import Links

        out = []
        for name in sorted(settings):
            value = settings[name]
            if isinstance(value, Links | _RecordingLinks):
                # What its tags resolve to is recorded with the entry and checked on read.
                out.append(f"{name}=Links({value.page_url!r},{value.post_page!r})")
            else:
                out.append(f"{name}={stable(value)}")
        return "(" + ",".join(out) + ")"

    def key(self, page: Any) -> str:
        file = page.file
        return key_of(
            self.context,
            self.extensions(),
            file.src_uri,
            file.url,
            str(file.inclusion.is_excluded()),
            # which records the conversion creates (and so replays) depends on the level
            str(_render_log.getEffectiveLevel()),
            page.markdown or "",
        )

    def _render(
        self, page: Any, original: Callable[[Any, Any], None], config: Any, files: Any
    ) -> None:
        if page.markdown is None:
            original(config, files)
            return
        try:
            key = self.key(page)
        except Unstable:
            original(config, files)
            return
        entry = self.store.get(
            key, lambda value: isinstance(value, _RenderEntry) and self._still_valid(value, files)
        )
        if entry is not None:
            self._apply(page, entry, files)
            return
        recording = _RecordingFiles(files)
        with _Capture() as capture, self._recording_links() as link_recorders:
            original(config, recording)
        if recording.unrecorded:
            return
        links = page.links_to_anchors
        entry = _RenderEntry(
            content=page.content,
            toc=page.toc,
            title=page._title_from_render,
            anchors=set(page.present_anchor_ids or ()),
            links_to_anchors=None
            if links is None
            else {target.src_uri: dict(anchors) for target, anchors in links.items()},
            logs=capture.records,
            files=recording.seen,
            links=[seen for recorder in link_recorders for seen in recorder.seen],
        )
        self.store.put(key, entry)

    @contextlib.contextmanager
    def _recording_links(self) -> Iterator[list[_RecordingLinks]]:
        """Every ``Links`` in the extensions' settings, recording while the page converts."""
        from proofpress.dialect.extension import Links

        swapped: list[tuple[Any, str, Any]] = []  # (settings holder, name, original)
        recorders: list[_RecordingLinks] = []
        for extension in self.config.get("markdown_extensions") or []:
            if hasattr(extension, "getConfigs"):
                for name, value in extension.getConfigs().items():
                    if isinstance(value, Links):
                        recorders.append(_RecordingLinks(value))
                        extension.setConfig(name, recorders[-1])
                        swapped.append((extension, name, value))
        for settings in (self.config.get("mdx_configs") or {}).values():
            for name, value in list(settings.items()):
                if isinstance(value, Links):
                    recorders.append(_RecordingLinks(value))
                    settings[name] = recorders[-1]
                    swapped.append((settings, name, value))
        try:
            yield recorders
        finally:
            for holder, name, value in swapped:
                if isinstance(holder, dict):
                    holder[name] = value
                else:
                    holder.setConfig(name, value)

    def _links(self) -> list[Any]:
        from proofpress.dialect.extension import Links

        found = []
        for extension in self.config.get("markdown_extensions") or []:
            if hasattr(extension, "getConfigs"):
                found += [v for v in extension.getConfigs().values() if isinstance(v, Links)]
        for settings in (self.config.get("mdx_configs") or {}).values():
            found += [v for v in settings.values() if isinstance(v, Links)]
        return found

    def _still_valid(self, entry: _RenderEntry, files: Any) -> bool:
        if entry.links:
            found = self._links()
            links = found[0] if found else None
            if links is None or any(links.local(t) != found for t, found in entry.links):
                return False
        for path, seen in entry.files.items():
            file = files.get_file_from_path(path)
            now = None if file is None else (file.url, file.inclusion.is_excluded())
            if now != seen:
                return False
        if entry.links_to_anchors:
            return all(files.get_file_from_path(uri) is not None for uri in entry.links_to_anchors)
        return True

    @staticmethod
    def _apply(page: Any, entry: _RenderEntry, files: Any) -> None:
        for name, level, message in entry.logs:
            logging.getLogger(name).log(level, message)
        page.content = entry.content
        page.toc = entry.toc  # unpickled afresh by every read
        page._title_from_render = entry.title
        page.present_anchor_ids = set(entry.anchors)
        if entry.links_to_anchors is not None:
            page.links_to_anchors = {
                files.get_file_from_path(uri): dict(anchors)
                for uri, anchors in entry.links_to_anchors.items()
            }


# --- whole pages ---------------------------------------------------------------------------------


class Unstable(Exception):
    """A value with no stable printed form: the page it belongs to is rendered, not reused."""


def stable(value: Any, memo: dict[int, tuple[Any, str]] | None = None) -> str:
    """A printed form of ``value`` that is equal across builds exactly when the value is.

    Only plain data is accepted (text, numbers, dates, lists, mappings, dataclasses of those);
    anything else raises :class:`Unstable`. ``memo`` remembers the form of each frozen
    dataclass by identity (a post's card is printed once per build, not once per page showing
    it); it keeps the objects alive so no identity is reused.
    """
    out: list[str] = []
    _stable(value, out, 0, {} if memo is None else memo)
    return "".join(out)


def _stable(value: Any, out: list[str], depth: int, memo: dict[int, tuple[Any, str]]) -> None:
    if depth > 40:
        raise Unstable("too deep")
    if value is None or isinstance(value, bool | int | float):
        out.append(repr(value))
    elif isinstance(value, str):  # Markup too: it is already-escaped text
        out.append(f"{type(value).__name__}{len(value)}:")  # length-prefixed: no escaping
        out.append(value)
    elif isinstance(value, datetime | date | timedelta):
        out.append(repr(value))
    elif isinstance(value, list | tuple):
        out.append("[")
        for item in value:
            _stable(item, out, depth + 1, memo)
            out.append(",")
        out.append("]")
    elif isinstance(value, dict):
        out.append("{")
        for key, item in value.items():
            _stable(key, out, depth + 1, memo)
            out.append(":")
            _stable(item, out, depth + 1, memo)
            out.append(",")
        out.append("}")
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        frozen = type(value).__dataclass_params__.frozen  # type: ignore[attr-defined]
        if frozen and (known := memo.get(id(value))) is not None and known[0] is value:
            out.append(known[1])
            return
        inner: list[str] = [type(value).__qualname__ + "("]
        for item in dataclasses.fields(value):
            inner.append(item.name + "=")
            _stable(getattr(value, item.name), inner, depth + 1, memo)
            inner.append(",")
        inner.append(")")
        text = "".join(inner)
        if frozen:  # printed once per build: its digest stands for it wherever it is shown
            text = "#" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
            memo[id(value)] = (value, text)
        out.append(text)
    else:
        raise Unstable(type(value).__name__)


def _toc(items: Iterable[Any]) -> list[Any]:
    return [(i.title, i.id, i.level, _toc(i.children)) for i in items]


def _nav_item(item: Any) -> Any:
    if item is None:
        return None
    children = getattr(item, "children", None) or []
    return (
        type(item).__name__,
        str(item.title),
        getattr(item, "url", None),
        [_nav_item(c) for c in children],
    )


def _tree_signature(folder: Path) -> list[tuple[str, int, int]]:
    """Names, sizes and modification times of the files in ``folder`` (hidden folders skipped)."""
    found = []
    for base, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d != "__pycache__")
        for name in sorted(names):
            try:
                info = os.stat(os.path.join(base, name))
            except OSError:
                continue
            found.append((os.path.join(base, name), info.st_size, info.st_mtime_ns))
    return found


# ``nav``, ``pages`` and ``config`` are the same for every page of a build and go into the
# build's own fingerprint. Material's templates and ours read neither ``pages`` (every page of
# the site) nor ``build_date_utc`` (the clock): they join the fingerprint only when a template
# in the theme's folders names them, so that a title edit does not change every page, and a
# preview without SOURCE_DATE_EPOCH can still reuse pages.
_GLOBAL_KEYS = frozenset({"nav", "pages", "config"})
_OPTIONAL_KEYS = ("pages", "build_date_utc")
_JINJA_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)


def _names_used(folders: Iterable[Path], static: Iterable[str] = ()) -> set[str]:
    """Which of :data:`_OPTIONAL_KEYS` the templates in ``folders`` name inside a Jinja tag
    (as a variable: ``nav_item.pages`` is an attribute of something else).

    ``static`` names the theme's static templates (``sitemap.xml``, ``404.html``): MkDocs
    renders them once per build without a page, never through this cache, so what they read
    does not matter here (MkDocs' sitemap reads ``pages``)."""
    used: set[str] = set()
    skip = set(static)
    for folder in folders:
        for base, dirs, names in os.walk(folder):
            dirs[:] = [d for d in dirs if not d.startswith(".") and d != "__pycache__"]
            for name in names:
                if not name.endswith((".html", ".xml", ".j2", ".jinja", ".txt", ".js")):
                    continue
                if Path(base, name).relative_to(folder).as_posix() in skip:
                    continue
                try:
                    text = Path(base, name).read_text(encoding="utf-8", errors="replace")
                except OSError:
                    continue
                for tag in _JINJA_TAG.findall(text):
                    used.update(k for k in _OPTIONAL_KEYS if re.search(rf"(?<![.\w]){k}\b", tag))
    return used


class PageCache:
    """Whole rendered pages, reused when everything their template reads is unchanged.

    A page's fingerprint holds the build's fingerprint (``mkdocs.yml``, the theme's and
    Proofpress' template files, Material's version, the nav, the site URL) and the page's own
    context: its URL, title, content, table of contents, metadata, neighbours, and every value
    plugins and hooks added for it (the post, its author card, Read next, More from, the
    listing's cards and excerpts), each printed with :func:`stable`. A context value without a
    stable form makes the page render afresh. So an edit re-renders exactly the pages that show
    something it changed: the post's page, the listings and boxes that show its card.
    """

    def __init__(self, store: Store, mkdocs_config: Any) -> None:
        self.store = store
        self.config = mkdocs_config
        self.build_key: str | None = None
        self.used: set[str] = set()
        self.pages_key: str | None = None
        self.memo: dict[int, tuple[Any, str]] = {}
        self.rendered = 0
        self.reused = 0

    def start(self, nav: Any) -> None:
        """Fingerprint what every page shares, once the nav is known (``on_nav``)."""
        config = self.config
        config_file = config.get("config_file_path")
        parts: list[str | bytes] = [
            Path(config_file).read_bytes() if config_file and Path(config_file).is_file() else b"",
            repr(config.get("site_url")),
            repr(config.get("extra_css")),
            repr(config.get("extra_javascript")),
            _version("mkdocs-material"),
            repr([_tree_signature(Path(d)) for d in config.theme.dirs if Path(d).is_dir()]),
            repr(_tree_signature(_PACKAGE / "templates")),
            repr([_nav_item(item) for item in getattr(nav, "items", [])]),
        ]
        self.build_key = key_of(*parts)
        self.used = _names_used(
            [Path(d) for d in config.theme.dirs if Path(d).is_dir()],
            config.theme.static_templates,
        )

    def install(self, env: Any) -> None:
        """Route MkDocs' page templates (``env.get_template(name)``) through this cache.

        Compiled templates are kept too (Jinja's bytecode cache, checked against each
        template's source), so a build does not compile Material's templates again.
        """
        if env.bytecode_cache is None:
            folder = self.store.base.parent / "jinja"
            try:
                folder.mkdir(parents=True, exist_ok=True)
                env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(folder))
            except OSError:
                pass
        original = env.get_template

        def get_template(name: Any, parent: Any = None, globals: Any = None) -> Any:
            template = original(name, parent, globals)
            if parent is None and globals is None and self.build_key is not None:
                return _ReusableTemplate(template, name, self)
            return template

        env.get_template = get_template

    def key(self, name: str, context: Mapping[str, Any]) -> str | None:
        page = context.get("page")
        if page is None or getattr(page, "file", None) is None or self.build_key is None:
            return None
        try:
            parts = [self.build_key, str(name), self._page(page)]
            if "pages" in self.used:
                parts.append(self._pages(context.get("pages")))
            for context_key in sorted(context.keys()):
                if context_key in _GLOBAL_KEYS or context_key == "page":
                    continue
                if context_key == "build_date_utc" and context_key not in self.used:
                    continue
                parts.append(context_key + "=" + stable(context[context_key], self.memo))
        except Unstable:
            return None
        return key_of(*parts)

    def _pages(self, files: Any) -> str:
        """Every page's URL, title and metadata, once per build (all pages are read by now)."""
        if self.pages_key is None:
            pages = [getattr(f, "page", None) for f in files or []]
            self.pages_key = stable(
                [
                    None
                    if p is None
                    else (p.url, None if p.title is None else str(p.title), p.meta)
                    for p in pages
                ]
            )
        return self.pages_key

    @staticmethod
    def _page(page: Any) -> str:
        neighbours = [
            (str(p.title), p.url) if p is not None else None
            for p in (page.previous_page, page.next_page, page.parent)
        ]
        return stable(
            [
                page.url,
                page.file.src_uri,
                page.file.dest_uri,
                page.title if page.title is None else str(page.title),
                page.content,
                page.canonical_url,
                page.edit_url,
                page.is_homepage,
                repr(_toc(page.toc)),
                page.meta,
                repr(neighbours),
                repr([(str(a.title), getattr(a, "url", None)) for a in page.ancestors]),
            ]
        )


class _ReusableTemplate:
    def __init__(self, template: Any, name: str, cache: PageCache) -> None:
        self._template = template
        self._name = name
        self._cache = cache

    def render(self, *args: Any, **kwargs: Any) -> str:
        context = args[0] if len(args) == 1 and not kwargs else None
        key = self._cache.key(self._name, context) if isinstance(context, Mapping) else None
        if key is None:
            return str(self._template.render(*args, **kwargs))
        return self.render_keyed(context, key)

    def render_keyed(self, context: Any, key: str | None) -> str:
        """Render ``context``, whose fingerprint (:meth:`PageCache.key`) is ``key``."""
        if key is None:
            return str(self._template.render(context))
        found = self._cache.store.get(key, lambda value: isinstance(value, str))
        if found is not None:
            self._cache.reused += 1
            return str(found)
        output = str(self._template.render(context))
        self._cache.rendered += 1
        self._cache.store.put(key, output)
        return output

    def __getattr__(self, name: str) -> Any:
        return getattr(self._template, name)


class SearchCache:
    """Material's search entries per page, reused when the page's indexed parts are unchanged.

    Material's ``SearchIndex.add_entry_from_context(page)`` reads the page's content, table of
    contents, URL, title and metadata (``search``, ``tags``, ``title``); the same values give
    the same entries.
    """

    def __init__(self, store: Store) -> None:
        self.store = store

    @classmethod
    def install(cls, caches: Caches, mkdocs_config: Any) -> SearchCache | None:
        plugin = next(
            (
                p
                for p in mkdocs_config.plugins.values()
                if type(p).__module__ == "material.plugins.search.plugin"
            ),
            None,
        )
        index = getattr(plugin, "search_index", None)
        if index is None or not isinstance(getattr(index, "entries", None), list):
            return None
        cache = caches.search = cls(Store(caches.root, "search", memory=caches.memory))
        original = index.add_entry_from_context

        def add_entry_from_context(page: Any) -> None:
            try:
                key = key_of(
                    page.url,
                    str(page.title),
                    page.content or "",
                    repr(_toc(page.toc)),
                    stable({k: page.meta.get(k) for k in ("search", "tags", "title")}),
                )
            except Unstable:
                original(page)
                return
            found = cache.store.get(key, lambda value: isinstance(value, list))
            if found is not None:
                index.entries.extend(found)
                return
            before = len(index.entries)
            original(page)
            cache.store.put(key, index.entries[before:])

        index.add_entry_from_context = add_entry_from_context
        return cache


# --- one build's caches ------------------------------------------------------------------------


@dataclass
class Caches:
    """The caches of one build, and the serve session's memory they share between rebuilds."""

    root: Path
    render: RenderCache
    page: PageCache
    memory: Memory | None = None  # only under mkdocs serve
    check: CheckCache | None = None  # set when the check runs
    search: SearchCache | None = None  # set when Material's search plugin is on

    @classmethod
    def open(cls, site_root: Path, mkdocs_config: Any, memory: Memory | None) -> Caches | None:
        if not enabled():
            return None
        root = cache_root(site_root)
        return cls(
            root=root,
            render=RenderCache(Store(root, "render", memory=memory), mkdocs_config),
            page=PageCache(Store(root, "page", memory=memory), mkdocs_config),
            memory=memory,
        )

    def check_cache(self, config: SiteConfig, ctx: CheckContext) -> CheckCache:
        self.check = CheckCache(Store(self.root, "check", memory=self.memory), config, ctx)
        return self.check

    def stores(self) -> list[Store]:
        found = [self.render.store, self.page.store]
        found += [c.store for c in (self.check, self.search) if c is not None]
        return found

    def finish(self) -> str:
        """After a complete build: forget (memory) or delete (disk) what it did not use."""
        for store in self.stores():
            store.flush()
        if self.memory is not None:
            self.memory.sweep()
        else:
            for store in self.stores():
                store.prune_unused()
        for store in self.stores():
            store.close()
        return describe(self.stores()) + (
            f"; pages rendered {self.page.rendered}, reused {self.page.reused}"
        )


def _plain(value: Any) -> Any:
    """MkDocs' config values as plain, deterministically printed data."""
    if isinstance(value, dict) or hasattr(value, "items"):
        return sorted((str(k), _plain(v)) for k, v in value.items())
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def describe(stores: Iterable[Store]) -> str:
    return "; ".join(f"{store.base.name}: {store.stats}" for store in stores)
