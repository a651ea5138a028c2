"""Downloading a remote image into a post's folder, carefully.

Each download is capped in size (:data:`MAX_IMAGE_BYTES`, checked against ``Content-Length``
and again while streaming) and time (:data:`TIMEOUT` for the whole download, checked as bytes
arrive, so a body trickled a byte at a time ends too), must be served as one of the raster
types in :data:`IMAGE_TYPES` and start with that type's magic bytes (an HTML error page served
as ``image/png`` is refused), and gets a file name made only of ``[a-z0-9._-]`` with the
extension its type implies. SVG is refused: an SVG served from the site can run script.
"""

from __future__ import annotations

import posixpath
import re
import time
from collections.abc import Callable, Container
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

import httpx

MAX_IMAGE_BYTES = 10 * 1024 * 1024
TIMEOUT = 20.0  # seconds for one whole download
MAX_NAME = 64

IMAGE_TYPES = {
    "image/png": ".png",
    "image/jpeg": ".jpg",
    "image/gif": ".gif",
    "image/webp": ".webp",
    "image/avif": ".avif",
}


class DownloadError(Exception):
    """The image was not downloaded; the message says why."""


@dataclass(frozen=True, slots=True)
class Image:
    url: str
    data: bytes
    content_type: str

    @property
    def extension(self) -> str:
        return IMAGE_TYPES[self.content_type]


def fetch(
    client: httpx.Client,
    url: str,
    seconds: float = TIMEOUT,
    clock: Callable[[], float] = time.monotonic,
) -> Image:
    """Download ``url`` within ``seconds`` or raise :class:`DownloadError`."""
    deadline = clock() + seconds
    late = DownloadError(f"not downloaded within {seconds:g} s")
    try:
        with client.stream("GET", url, timeout=seconds, follow_redirects=True) as response:
            if response.status_code != 200:
                raise DownloadError(f"HTTP {response.status_code}")
            content_type = _content_type(response)
            declared = response.headers.get("Content-Length", "")
            if declared.isdigit() and int(declared) > MAX_IMAGE_BYTES:
                raise DownloadError(f"{int(declared):,} bytes; the limit is {MAX_IMAGE_BYTES:,}")
            data = bytearray()
            for chunk in response.iter_bytes():
                data.extend(chunk)
                if len(data) > MAX_IMAGE_BYTES:
                    raise DownloadError(f"more than {MAX_IMAGE_BYTES:,} bytes")
                if clock() > deadline:
                    raise late
    except httpx.TimeoutException:
        raise late from None
    except httpx.HTTPError as err:
        raise DownloadError(f"cannot download: {err}") from None
    if not _looks_like(content_type, bytes(data[:16])):
        raise DownloadError(f"served as {content_type}, but the bytes are not that format")
    return Image(url, bytes(data), content_type)


def _content_type(response: httpx.Response) -> str:
    content_type = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
    if content_type not in IMAGE_TYPES:
        accepted = ", ".join(IMAGE_TYPES)
        raise DownloadError(f"served as '{content_type or 'no type'}', not one of: {accepted}")
    return content_type


def _looks_like(content_type: str, head: bytes) -> bool:
    if content_type == "image/png":
        return head.startswith(b"\x89PNG\r\n\x1a\n")
    if content_type == "image/jpeg":
        return head.startswith(b"\xff\xd8\xff")
    if content_type == "image/gif":
        return head.startswith((b"GIF87a", b"GIF89a"))
    if content_type == "image/webp":
        return head.startswith(b"RIFF") and head[8:12] == b"WEBP"
    return head[4:8] == b"ftyp"  # avif


def file_name(url: str, extension: str, taken: Container[str]) -> str:
    """A safe, unused file name for the image at ``url``: ``[a-z0-9._-]``, no leading dot."""
    stem = posixpath.splitext(posixpath.basename(unquote(urlsplit(url).path)))[0]
    stem = re.sub(r"[^a-z0-9._-]+", "-", stem.lower())
    stem = re.sub(r"[-.]{2,}", "-", stem).strip("-._")[:MAX_NAME].rstrip("-._") or "image"
    name, number = f"{stem}{extension}", 2
    while name in taken:
        name, number = f"{stem}-{number}{extension}", number + 1
    return name
