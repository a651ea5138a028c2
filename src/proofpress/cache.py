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

import copy
import functools
import hashlib
import logging
import os
import pickle
import shutil
import sys
import tempfile
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

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


class Store:
    """One kind of entry (``check``, ``render``) in one cache folder, for one salt."""

    def __init__(self, root: Path, kind: str, salt_value: str | None = None) -> None:
        self.salt = salt_value or salt()
        self.base = root / kind
        self.dir = self.base / self.salt[:16]
        self.stats = Stats()
        self._pruned = False
        self._lock = threading.Lock()

    def _path(self, key: str) -> Path:
        return self.dir / key[:2] / key

    def get(self, key: str, valid: Callable[[Any], bool] = lambda value: True) -> Any | None:
        """The value stored under ``key``, or None when absent, corrupt or stale.

        ``valid`` says whether what the value depends on besides its key is unchanged; when it
        is not, that is a miss.
        """
        try:
            data = self._path(key).read_bytes()
        except OSError:
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
        """Store ``value`` atomically; a cache that cannot be written is only slower."""
        try:
            payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:
            return
        data = b"".join(
            [
                _MAGIC,
                self.salt.encode(),
                b"\n",
                hashlib.sha256(payload).hexdigest().encode(),
                b"\n",
                payload,
            ]
        )
        target = self._path(key)
        try:
            self._prune_other_salts()
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            os.replace(tmp, target)
        except OSError:
            return

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
                if other.is_dir() and other.name != self.dir.name:
                    shutil.rmtree(other, ignore_errors=True)


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
            repr(ctx), repr(config.settings), str(config.root.resolve()), str(config.docs_dir)
        )

    @classmethod
    def for_site(cls, config: SiteConfig, ctx: CheckContext) -> CheckCache | None:
        if not enabled():
            return None
        return cls(Store(cache_root(config.root), "check"), config, ctx)

    def check(
        self, file: Path, config: SiteConfig, ctx: CheckContext, check_post: CheckPost
    ) -> tuple[Post | None, list[Diagnostic]]:
        try:
            data = file.read_bytes()
        except OSError:
            return check_post(file, config, ctx)  # the check reports why it cannot be read
        key = key_of(self.context, config.display(file), str(file.resolve()), data)
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
        validation = mkdocs_config.get("validation")
        self.context = key_of(
            repr(_plain(mkdocs_config.get("markdown_extensions"))),
            repr(_plain(mkdocs_config.get("mdx_configs"))),
            repr(_plain(validation)),
            repr(mkdocs_config.get("use_directory_urls")),
        )

    @classmethod
    def for_config(cls, site_root: Path, mkdocs_config: Any) -> RenderCache | None:
        if not enabled():
            return None
        return cls(Store(cache_root(site_root), "render"), mkdocs_config)

    def install(self, page: Any) -> None:
        original = page.render
        page.render = functools.partial(self._render, page, original)

    def key(self, page: Any) -> str:
        file = page.file
        return key_of(
            self.context,
            file.src_uri,
            file.url,
            str(file.inclusion.is_excluded()),
            str(_render_log.getEffectiveLevel() > logging.DEBUG),
            page.markdown or "",
        )

    def _render(
        self, page: Any, original: Callable[[Any, Any], None], config: Any, files: Any
    ) -> None:
        if page.markdown is None:
            original(config, files)
            return
        key = self.key(page)
        entry = self.store.get(
            key, lambda value: isinstance(value, _RenderEntry) and self._still_valid(value, files)
        )
        if entry is not None:
            self._apply(page, entry, files)
            return
        recording = _RecordingFiles(files)
        with _Capture() as capture:
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
        )
        self.store.put(key, entry)

    @staticmethod
    def _still_valid(entry: _RenderEntry, files: Any) -> bool:
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


def _plain(value: Any) -> Any:
    """MkDocs' config values as plain, deterministically printed data."""
    if isinstance(value, dict) or hasattr(value, "items"):
        return sorted((str(k), _plain(v)) for k, v in value.items())
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def describe(stores: Iterable[Store]) -> str:
    return "; ".join(f"{store.base.name}: {store.stats}" for store in stores)
