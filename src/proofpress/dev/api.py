"""A small client for DEV's API v1 (Forem), on httpx.

What DEV documents and enforces (see ``shared/notes/dev-platform.md``): the key goes in an
``api-key`` header with ``Accept: application/vnd.forem.api-v1+json``; bodies are
``{"article": {...}}``; errors are ``{"error": "...", "status": N}``; about one write a second
per key (429 with ``Retry-After`` beyond it), three reads a second.

The client keeps to those limits itself: writes are spaced at least :data:`WRITE_INTERVAL`
seconds apart, counted from the end of the previous write (so a slow response can never make
two writes arrive closer than that), reads :data:`READ_INTERVAL` apart; a 429 is waited out
for its ``Retry-After`` and retried, a few times at most.

Every answer is hostile until read: each response must arrive whole within
:attr:`Bounds.response_seconds` (checked as bytes arrive, so a trickled body ends too), hold at
most :attr:`Bounds.max_body_bytes` (counted while streaming), and the article list ends after
:attr:`Bounds.max_pages` pages. Only a 2xx answer counts (a redirect to a write wrote nothing),
and no message ever shows the API key, whatever the server echoes.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from typing import Any

import httpx

DEV_API_URL = "https://dev.to/api"
ACCEPT = "application/vnd.forem.api-v1+json"
WRITE_INTERVAL = 1.0  # seconds between writes: DEV allows about one a second
READ_INTERVAL = 1 / 3  # DEV allows about three reads a second
PER_PAGE = 1000  # the most DEV returns in one page of /me/all
MAX_RETRIES = 5  # 429s waited out for one request before giving up
MAX_RETRY_AFTER = 300.0  # seconds; a longer wait is reported instead of slept through


@dataclass(frozen=True)
class Bounds:
    """How long and how much one answer may take; tests pass small ones."""

    response_seconds: float = 30.0  # one whole response, headers and body
    max_body_bytes: int = 64 * 1024 * 1024
    max_pages: int = 1000  # of /articles/me/all: a million articles at PER_PAGE


class DevError(Exception):
    """DEV refused a request, or could not be reached."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


class AuthError(DevError):
    """DEV refused the API key (401): nothing else can work."""


@dataclass
class _Pace:
    """Keeps requests of one kind at least ``interval`` seconds apart."""

    interval: float
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    ready_at: float = 0.0

    def wait(self) -> None:
        delay = self.ready_at - self.clock()
        if delay > 0:
            self.sleep(delay)

    def done(self, extra: float = 0.0) -> None:
        """A request just finished; the next may start ``interval`` (or ``extra``) from now."""
        self.ready_at = self.clock() + max(self.interval, extra)


@dataclass
class DevClient:
    base_url: str
    api_key: str
    write_interval: float = WRITE_INTERVAL
    bounds: Bounds = field(default_factory=Bounds)
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    _http: httpx.Client = field(init=False, repr=False)
    _writes: _Pace = field(init=False, repr=False)
    _reads: _Pace = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._http = httpx.Client(
            base_url=self.base_url.rstrip("/") + "/",
            headers={"api-key": self.api_key, "Accept": ACCEPT},
            timeout=self.bounds.response_seconds,
        )
        # The paces sleep through the client's ``sleep`` as it is then (the CLI wraps it).
        self._writes = _Pace(self.write_interval, self.clock, lambda s: self.sleep(s))
        self._reads = _Pace(READ_INTERVAL, self.clock, lambda s: self.sleep(s))

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> DevClient:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    # --- the calls --------------------------------------------------------------------------

    def my_articles(self, per_page: int = PER_PAGE) -> Iterator[dict[str, Any]]:
        """Every article of the key's account, published or not, page by page."""
        for page in range(1, self.bounds.max_pages + 1):
            params = {"page": page, "per_page": per_page}
            batch = self._request("GET", "articles/me/all", self._reads, params=params)
            if not isinstance(batch, list):
                raise DevError("DEV answered /articles/me/all with something other than a list")
            if not batch:  # a short page may still not be the last: servers cap per_page
                return
            yield from (item for item in batch if isinstance(item, dict))
        raise DevError(
            f"the list of your articles did not end within {self.bounds.max_pages:,} pages"
        )

    def create(self, article: dict[str, Any]) -> dict[str, Any]:
        return self._object(self._request("POST", "articles", self._writes, article=article))

    def update(self, article_id: int, article: dict[str, Any]) -> dict[str, Any]:
        path = f"articles/{article_id}"
        return self._object(self._request("PUT", path, self._writes, article=article))

    # --- the plumbing -----------------------------------------------------------------------

    def _request(
        self,
        method: str,
        path: str,
        pace: _Pace,
        *,
        params: dict[str, Any] | None = None,
        article: dict[str, Any] | None = None,
    ) -> Any:
        try:
            return self._paced(method, path, pace, params, article)
        except DevError as err:
            err.message = err.message.replace(self.api_key, "[DEV_API_KEY]")
            err.args = (err.message,)
            raise

    def _paced(
        self,
        method: str,
        path: str,
        pace: _Pace,
        params: dict[str, Any] | None,
        article: dict[str, Any] | None,
    ) -> Any:
        body = None if article is None else {"article": article}
        for _attempt in range(MAX_RETRIES + 1):
            pace.wait()
            try:
                answer = self._fetch(method, path, params, body)
            except DevError:
                pace.done()
                raise
            if answer.status != 429:
                pace.done()
                return answer.result()
            wait = retry_after(answer.headers)
            if wait is None or wait > MAX_RETRY_AFTER:
                pace.done()
                raise DevError(f"DEV's rate limit: {answer.error()}", 429)
            pace.done(extra=wait)
        raise DevError(f"DEV's rate limit: still refused after {MAX_RETRIES} waits", 429)

    def _fetch(self, method: str, path: str, params: dict[str, Any] | None, body: Any) -> _Answer:
        """One response, read whole within the bounds."""
        bounds = self.bounds
        deadline = self.clock() + bounds.response_seconds
        data = bytearray()
        late = DevError(f"DEV did not answer within {bounds.response_seconds:g} s ({path})")
        try:
            with self._http.stream(method, path, params=params, json=body) as response:
                for chunk in response.iter_bytes():
                    data.extend(chunk)
                    if len(data) > bounds.max_body_bytes:
                        raise DevError(
                            f"DEV's answer was larger than {bounds.max_body_bytes:,} bytes"
                        )
                    if self.clock() > deadline:
                        raise late
        except httpx.TimeoutException:
            raise late from None
        except httpx.HTTPError as err:
            raise DevError(f"cannot reach DEV at {self.base_url}: {err}") from None
        except (UnicodeError, ValueError):  # a key httpx cannot send, a header it cannot read
            raise DevError(f"cannot send the request to DEV at {self.base_url}") from None
        return _Answer(response.status_code, response.reason_phrase, response.headers, bytes(data))

    @staticmethod
    def _object(value: Any) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise DevError("DEV answered with something other than an article")
        return value


@dataclass(frozen=True)
class _Answer:
    status: int
    reason: str
    headers: httpx.Headers
    body: bytes

    def json(self) -> Any:
        """The body as JSON; ValueError when it is not JSON Python can hold."""
        try:
            return json.loads(self.body)
        except RecursionError:
            raise ValueError("nested too deeply") from None

    def result(self) -> Any:
        status = self.status
        if status == 401:
            raise AuthError(f"DEV refused the API key: {self.error()}", status)
        if 300 <= status < 400:
            where = self.headers.get("Location", "")
            raise DevError(
                f"DEV answered with a redirect ({self.error()}{' to ' + where if where else ''}); "
                "nothing was done",
                status,
            )
        if not 200 <= status < 300:
            raise DevError(self.error(), status)
        try:
            return self.json()
        except ValueError:
            raise DevError(f"DEV answered {status} with a body that is not JSON") from None

    def error(self) -> str:
        """DEV's ``error`` text, or the status line when the body has none."""
        try:
            data = self.json()
        except ValueError:
            data = None
        if isinstance(data, dict) and isinstance(data.get("error"), str):
            return f"{data['error']} ({self.status})"
        return f"HTTP {self.status} {self.reason}".rstrip()


def retry_after(headers: httpx.Headers) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (seconds or an HTTP date)."""
    value = headers.get("Retry-After", "").strip()
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, moment.timestamp() - time.time())
