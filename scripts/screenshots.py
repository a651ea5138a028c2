"""Screenshots of the sample blog as a reader sees it: the article, home, tag, author, series
and 404 pages, on a desktop (1280 px) and a touch phone (375 px), light and dark, in Debian's
Chromium.

Usage: python scripts/screenshots.py [OUT]   (``make screenshots``; OUT defaults to screenshots/)

It builds the sample blog into a temporary folder, serves it on 127.0.0.1 under its site_url's
path (MkDocs writes the 404 page's links from it) and refuses every request to another host,
so the pictures show exactly what the site itself ships.
"""

from __future__ import annotations

import functools
import http.server
import os
import sys
import tempfile
import threading
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config
from playwright.sync_api import Route, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
PAGES = {
    "article": "larissacaldwell/retry-budgets/",
    "home": "",
    "tag": "t/backend/",
    "author": "larissacaldwell/",
    "series": "series/failure-modes-in-practice/",
    "404": "404.html",
}
DEVICES = {
    "desktop": {"viewport": {"width": 1280, "height": 900}},
    "phone": {"viewport": {"width": 375, "height": 812}, "has_touch": True, "is_mobile": True},
}
MODES = ("light", "dark")  # the sample's palette follows prefers-color-scheme


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def shoot(root: Path, base: str, out: Path) -> list[Path]:
    handler = functools.partial(_Quiet, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    host = f"http://127.0.0.1:{server.server_address[1]}/"
    origin = f"{host}{base}"

    def local_only(route: Route) -> None:
        url = route.request.url
        if url.startswith(host) or urlsplit(url).scheme in ("data", "blob"):
            route.continue_()
        else:
            route.abort()

    written = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu"]
            )
            for width, options in DEVICES.items():
                for mode in MODES:
                    context = browser.new_context(color_scheme=mode, **options)
                    context.route("**/*", local_only)
                    page = context.new_page()
                    for name, path in PAGES.items():
                        page.goto(origin + path, wait_until="networkidle")
                        target = out / f"{name}-{width}-{mode}.png"
                        page.screenshot(path=str(target), full_page=True)
                        written.append(target)
                    context.close()
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return written


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    base = urlsplit(config["site_url"]).path.lstrip("/")
    with tempfile.TemporaryDirectory() as tmp:
        site_dir = Path(tmp) / base
        build(load_config(config_file=str(ROOT / "mkdocs.yml"), site_dir=str(site_dir)))
        for path in shoot(Path(tmp), base, out):
            print(path.relative_to(out.parent) if out.parent in path.parents else path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
