"""A local DEV (Forem API v1) contract server for the tests: a real HTTP server, not a mock.

It runs on pytest-httpserver (werkzeug) and enforces what DEV enforces, as documented in
``shared/notes/dev-platform.md`` and Forem's controllers:

- the ``api-key`` header (401 ``{"error": "unauthorized", "status": 401}`` without a known
  key), and the v1 ``Accept`` header (DEV would fall back to its deprecated v0; this server
  answers 400, so a client that forgets it fails loudly);
- ``POST /api/articles`` (201 and ``Location``), ``PUT /api/articles/{id}`` (own articles only,
  else 404), ``GET /api/articles/me/all`` with ``page`` and ``per_page`` (default 30, capped);
- a title (at most 128 characters), at most 4 tags (normalised as DEV does: lowercased,
  stripped to ``[0-9a-z]``), canonical URLs unique among published articles (DEV's rule is
  site-wide; per account follows), a body of at most 800 KB: each a 422
  ``{"error": "...", "status": 422}``;
- the write rate: a write that arrives less than ``write_interval`` seconds after the key's
  previous accepted write gets 429 with ``Retry-After``; any request that arrives inside that
  window is recorded in :attr:`DevContract.violations` (and refused again).

Time on the server is ``clock`` (the real monotonic clock unless a test passes a
:class:`FakeClock`, which the client then sleeps on, so pacing is checked without waiting).

The hostile answers a real server may give (:func:`trickle`, :func:`endless_body`,
:func:`redirect`) are plain responses a test installs where it needs one.

As on DEV, a missing description is generated from the body, the cover is served through an
image proxy that embeds the original URL, and an article without ``canonical_url`` has its
own URL as canonical.
"""

from __future__ import annotations

import json
import math
import re
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

ACCEPT = "application/vnd.forem.api-v1+json"
MAX_PER_PAGE = 1000
IMAGE_PROXY = "https://media2.dev.to/dynamic/image/width=1000,height=420,fit=cover/"


class FakeClock:
    """Time that passes only when someone sleeps on it: in whole nanoseconds, rounded up, so a
    client that waits until a moment is never a hair early."""

    def __init__(self) -> None:
        self.ns = 0

    def now(self) -> float:
        return self.ns / 1e9

    def sleep(self, seconds: float) -> None:
        self.ns += max(0, math.ceil(seconds * 1e9)) + 1


@dataclass
class Logged:
    method: str
    path: str
    at: float  # the contract's clock on arrival
    status: int = 0
    retry_after: int | None = None
    article: dict[str, Any] | None = None


@dataclass
class DevContract:
    keys: dict[str, str]  # api key -> username
    write_interval: float = 1.0
    max_per_page: int = MAX_PER_PAGE
    clock: Callable[[], float] = time.monotonic
    articles: dict[int, dict[str, Any]] = field(default_factory=dict)
    log: list[Logged] = field(default_factory=list)
    violations: list[str] = field(default_factory=list)
    _last_write: dict[str, float] = field(default_factory=dict)
    _not_before: dict[str, float] = field(default_factory=dict)
    _next_id: int = 1001
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def install(self, server: HTTPServer) -> str:
        """Serve the API on ``server``; returns the API's base URL."""
        server.expect_request("/api/articles/me/all", method="GET").respond_with_handler(
            self._guarded(self._list, write=False)
        )
        server.expect_request("/api/articles", method="POST").respond_with_handler(
            self._guarded(self._create, write=True)
        )
        server.expect_request(
            re.compile(r"^/api/articles/\d+$"), method="PUT"
        ).respond_with_handler(self._guarded(self._update, write=True))
        return server.url_for("/api")

    # --- test helpers -----------------------------------------------------------------------

    def seed(self, username: str, **article: Any) -> dict[str, Any]:
        """An article already on DEV (another account's, or one to import)."""
        stored = self._store(username, article, self._new_id())
        if article.get("slug"):
            stored["slug"] = article["slug"]
            stored["path"] = f"/{username}/{article['slug']}"
            stored["url"] = f"https://dev.to{stored['path']}"
            stored["canonical_url"] = article.get("canonical_url") or stored["url"]
        return stored

    def mine(self, username: str) -> list[dict[str, Any]]:
        return [a for a in self.articles.values() if a["username"] == username]

    def writes(self) -> list[Logged]:
        return [entry for entry in self.log if entry.method in ("POST", "PUT")]

    # --- the rules --------------------------------------------------------------------------

    def _guarded(self, handler: Any, *, write: bool) -> Any:
        def respond(request: Request) -> Response:
            with self._lock:
                now = self.clock()
                entry = Logged(request.method, request.path, now)
                self.log.append(entry)
                response = self._admit(request, entry, write) or handler(request, entry)
                entry.status = response.status_code
                return response

        return respond

    def _admit(self, request: Request, entry: Logged, write: bool) -> Response | None:
        username = self.keys.get(request.headers.get("api-key", ""))
        if username is None:
            return _error(401, "unauthorized")
        if request.headers.get("Accept") != ACCEPT:
            return _error(400, f"send Accept: {ACCEPT}")
        key = request.headers["api-key"]
        not_before = self._not_before.get(key, 0.0)
        if entry.at < not_before:
            self.violations.append(
                f"{entry.method} {entry.path} {not_before - entry.at:.3f} s inside Retry-After"
            )
            return self._too_many(key, entry, not_before - entry.at)
        last = self._last_write.get(key)
        if write and last is not None and entry.at - last < self.write_interval:
            return self._too_many(key, entry, last + self.write_interval - entry.at)
        if write:
            self._last_write[key] = entry.at
        return None

    def _too_many(self, key: str, entry: Logged, remaining: float) -> Response:
        seconds = max(1, math.ceil(remaining))
        self._not_before[key] = entry.at + seconds
        entry.retry_after = seconds
        response = _error(429, f"Rate limit reached, try again in {seconds} seconds")
        response.headers["Retry-After"] = str(seconds)
        return response

    def _username(self, request: Request) -> str:
        return self.keys[request.headers["api-key"]]

    def _list(self, request: Request, entry: Logged) -> Response:
        page = max(1, int(request.args.get("page", 1)))
        per_page = min(self.max_per_page, max(1, int(request.args.get("per_page", 30))))
        mine = sorted(self.mine(self._username(request)), key=lambda a: -a["id"])
        chunk = mine[(page - 1) * per_page : page * per_page]
        return _json(200, [self._as_listed(article) for article in chunk])

    def _create(self, request: Request, entry: Logged) -> Response:
        fields, problem = self._article_fields(request, entry)
        if problem:
            return problem
        username = self._username(request)
        refused = self._validate(fields, None)
        if refused:
            return refused
        article = self._store(username, fields, self._new_id())
        response = _json(201, self._as_single(article))
        response.headers["Location"] = article["url"]
        return response

    def _update(self, request: Request, entry: Logged) -> Response:
        article_id = int(request.path.rsplit("/", 1)[1])
        current = self.articles.get(article_id)
        if current is None or current["username"] != self._username(request):
            return _error(404, "not found")
        fields, problem = self._article_fields(request, entry)
        if problem:
            return problem
        merged = {**current["given"], **fields}
        refused = self._validate(merged, article_id)
        if refused:
            return refused
        article = self._store(current["username"], merged, article_id)
        return _json(200, self._as_single(article))

    def _article_fields(
        self, request: Request, entry: Logged
    ) -> tuple[dict[str, Any], Response | None]:
        try:
            body = json.loads(request.get_data(as_text=True))
        except ValueError:
            return {}, _error(400, "the body is not JSON")
        article = body.get("article") if isinstance(body, dict) else None
        if not isinstance(article, dict):
            return {}, _error(422, "param is missing or the value is empty: article")
        entry.article = article
        return article, None

    def _validate(self, fields: dict[str, Any], article_id: int | None) -> Response | None:
        title = str(fields.get("title") or "").strip()
        if not title:
            return _error(422, "Title can't be blank")
        if len(title) > 128:
            return _error(422, "Title is too long (maximum is 128 characters)")
        if len(_tags(fields.get("tags"))) > 4:
            return _error(422, "Tag list exceed the maximum of 4 tags")
        if len(str(fields.get("body_markdown") or "").encode()) > 800_000:
            return _error(422, "Body markdown is too long (maximum is 800000 characters)")
        canonical = fields.get("canonical_url")
        if canonical and fields.get("published"):
            for other in self.articles.values():
                if (
                    other["id"] != article_id
                    and other["published"]
                    and (other["given"].get("canonical_url") == canonical)
                ):
                    return _error(422, "Canonical url has already been taken")
        return None

    # --- storage and DEV's response shapes --------------------------------------------------

    def _new_id(self) -> int:
        self._next_id += 1
        return self._next_id

    def _store(self, username: str, given: dict[str, Any], article_id: int) -> dict[str, Any]:
        title = str(given.get("title") or "")
        slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-") + f"-{article_id:x}"
        url = f"https://dev.to/{username}/{slug}"
        body = str(given.get("body_markdown") or "")
        main_image = given.get("main_image")
        article = {
            "id": article_id,
            "username": username,
            "given": dict(given),
            "title": title,
            "description": given.get("description") or body[:100].strip(),
            "body_markdown": body,
            "published": given.get("published") is True,
            "tag_list": _tags(given.get("tags")),
            "canonical_url": given.get("canonical_url") or url,
            "cover_image": IMAGE_PROXY + quote(main_image, safe="") if main_image else None,
            "series": given.get("series"),
            "slug": slug,
            "path": f"/{username}/{slug}",
            "url": url,
            "published_at": given.get("published_at"),
            "created_at": given.get("created_at"),
        }
        self.articles[article_id] = article
        return article

    @staticmethod
    def _as_listed(article: dict[str, Any]) -> dict[str, Any]:
        shown = {k: v for k, v in article.items() if k not in ("username", "given", "series")}
        shown["user"] = {"username": article["username"]}
        return shown

    def _as_single(self, article: dict[str, Any]) -> dict[str, Any]:
        shown = self._as_listed(article)
        shown["tags"] = shown["tag_list"]
        shown["tag_list"] = ", ".join(shown["tag_list"])
        return shown


def _tags(value: Any) -> list[str]:
    items = value.split(",") if isinstance(value, str) else (value or [])
    tags = []
    for item in items:
        tag = re.sub(r"[^0-9a-z]", "", str(item).lower())
        if tag and tag not in tags:
            tags.append(tag)
    return tags


def _json(status: int, data: Any) -> Response:
    return Response(json.dumps(data), status=status, content_type="application/json")


def _error(status: int, message: str) -> Response:
    return _json(status, {"error": message, "status": status})


# --- hostile answers ----------------------------------------------------------------------------


def trickle(head: bytes, every: float, content_type: str = "application/json") -> Response:
    """200 with ``head``, then one more space every ``every`` seconds, for ever."""

    def body() -> Iterator[bytes]:
        yield head
        while True:
            time.sleep(every)
            yield b" "

    return Response(body(), status=200, content_type=content_type)


def endless_body(chunk: int = 64 * 1024) -> Response:
    """200 with a chunked JSON body that never ends."""

    def body() -> Iterator[bytes]:
        yield b"["
        while True:
            yield b"0," * (chunk // 2)

    return Response(body(), status=200, content_type="application/json")


def redirect(status: int, location: str, data: Any) -> Response:
    """A redirect that carries a JSON body that looks like success."""
    response = _json(status, data)
    response.headers["Location"] = location
    return response
