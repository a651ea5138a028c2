"""``mkdocs serve`` shows a post's findings at the top of its preview instead of stopping."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from conftest import GOOD_FRONT_MATTER, write_site
from lxml import html

FALSE_CLAIM = GOOD_FRONT_MATTER + (
    "## Summary\n\nThree short words.\n\n## Notes\n\nSummary length: 5 words.\n"
)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str, deadline: float) -> bytes:
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read()
        except urllib.error.HTTPError:
            raise  # the server is up and answered: no point waiting
        except (urllib.error.URLError, ConnectionError):
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def test_serve_shows_findings_on_the_previewed_page(tmp_path: Path) -> None:
    config = write_site(tmp_path, {"claims.md": FALSE_CLAIM})
    mount = urlsplit(yaml.safe_load(config.read_text())["site_url"]).path  # serve mounts here
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--no-livereload", "-a", f"127.0.0.1:{port}"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    try:
        page = html.fromstring(
            _get(f"http://127.0.0.1:{port}{mount}{PREVIEW_PATH}", time.monotonic() + 60)
        )
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0]
    banner = page.xpath('//div[contains(@class, "pp-findings")]')
    assert len(banner) == 1
    items = [" ".join(li.text_content().split()) for li in banner[0].xpath(".//li")]
    assert items == [
        "docs/posts/claims.md:16:17 PP403 claim says Summary has 5 words; counted 3 "
        "Hint: write 3, or change the text to match the claim"
    ]
    assert "docs/posts/claims.md:16:17: PP403" in output
    assert "Traceback" not in output


PREVIEW_PATH = "larissacaldwell/claims/"
