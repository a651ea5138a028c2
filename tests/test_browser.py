"""The built site in a real browser: Debian's Chromium, headless, driven by Playwright.

Each site is served from a local ``http.server`` thread. Every request is recorded and anything
not bound for that server is aborted, so a stray third-party request fails the test without
leaving the machine. Screenshots land in the test's temporary folder.

Whether the browser is there is the ``browser`` fixture's business: without Chromium or
Playwright these tests (and only these) fail with what to install; the rest of the suite runs.
"""

from __future__ import annotations

import functools
import http.server
import struct
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from conftest import SITES, build_site

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
POST = "larissacaldwell/queues-part-2/"
LOAD_ERROR = "Failed to load resource: the server responded with a status of 404 (File not found)"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def serve(site_dir: Path) -> Iterator[str]:
    handler = functools.partial(_Quiet, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's Chromium under Playwright; a missing piece fails the test, never skips it."""
    if not CHROMIUM.exists():
        pytest.fail(
            f"chromium not found at {CHROMIUM}: apt-get install chromium (or run 'make chromium')",
            pytrace=False,
        )
    try:
        from playwright import sync_api
    except ImportError:
        pytest.fail(
            "playwright is not installed: make test installs it from requirements-test.lock",
            pytrace=False,
        )
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=ARGS
        )
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def devblog_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    site_dir = tmp_path_factory.mktemp("browser-devblog") / "site"
    build_site(SITES / "devblog" / "mkdocs.yml", site_dir)
    yield from serve(site_dir)


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    site_dir = tmp_path_factory.mktemp("browser-hostile") / "site"
    build_site(SITES / "hostile" / "mkdocs.yml", site_dir)
    yield from serve(site_dir)


@dataclass
class Watch:
    """What a page did: every request, console errors, uncaught exceptions, dialogs."""

    origin: str
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # responses with a 4xx/5xx status

    def foreign(self) -> list[str]:
        return [
            url
            for url in self.requests
            if not url.startswith(self.origin) and urlsplit(url).scheme not in ("data", "blob")
        ]


def open_page(
    browser: Any, origin: str, viewport: dict[str, int], **options: Any
) -> tuple[Any, Watch]:
    """A page in a fresh context; ``options`` go to the context (``has_touch``, ``is_mobile``)."""
    context = browser.new_context(viewport=viewport, service_workers="block", **options)
    watch = Watch(origin)

    def route(route: Any) -> None:
        url = route.request.url
        if url.startswith(origin) or urlsplit(url).scheme in ("data", "blob"):
            route.continue_()
        else:
            route.abort()

    context.set_default_timeout(10_000)
    context.route("**/*", route)
    page = context.new_page()
    page.on("request", lambda request: watch.requests.append(request.url))
    page.on(
        "console",
        lambda message: watch.errors.append(message.text) if message.type == "error" else None,
    )
    page.on("pageerror", lambda error: watch.errors.append(str(error)))
    page.on(
        "response",
        lambda response: watch.missing.append(response.url) if response.status >= 400 else None,
    )

    def on_dialog(dialog: Any) -> None:
        watch.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    return page, watch


def png_size(path: Path) -> tuple[int, int]:
    """Width and height from a PNG's header (the IHDR chunk follows the 8-byte signature)."""
    width, height = struct.unpack(">II", path.read_bytes()[16:24])
    return width, height


def visible_text(page: Any, selector: str) -> list[str]:
    return [" ".join(t.split()) for t in page.locator(selector).all_inner_texts()]


def test_article_page_on_desktop(browser: Any, devblog_url: str, tmp_path: Path) -> None:
    page, watch = open_page(browser, devblog_url, DESKTOP)
    page.goto(devblog_url + POST, wait_until="networkidle")

    assert page.title() == "Queues in Practice: Dead Letters - Fixture DEV Blog"
    assert visible_text(page, "h1") == ["Queues in Practice: Dead Letters"]
    assert page.locator(".pp-article .pp-byline__name").is_visible()
    assert visible_text(page, ".pp-posted") == ["Posted on Feb 10, 2025"]
    assert visible_text(page, ".pp-updated") == ["• Updated on Feb 15, 2025"]
    assert visible_text(page, ".pp-readtime") == ["• 1 min read"]
    assert visible_text(page, ".pp-article__header .pp-tag") == ["#queues", "#python"]
    assert visible_text(page, ".pp-rail .pp-reaction__count") == ["0", "0", "0", "0"]
    assert visible_text(page, ".pp-series__title") == ["Queues in Practice (3 Part Series)"]
    assert visible_text(page, "#comments h2") == ["Top comments (0)"]
    assert page.locator("#comments textarea").is_disabled()
    assert page.locator(".pp-author-card").is_visible()
    assert visible_text(page, ".pp-read-next h2") == ["Read next"]
    # three columns side by side: rail, article, sidebar
    rail, article, sidebar = (
        page.locator(sel).bounding_box() for sel in (".pp-rail", ".pp-article", ".pp-sidebar")
    )
    assert rail["x"] + rail["width"] <= article["x"] < sidebar["x"]
    page.screenshot(path=str(tmp_path / "article-desktop.png"), full_page=True)

    page.locator('label[for="__palette_1"]').click()  # Material's dark palette (slate)
    page.wait_for_function("document.body.dataset.mdColorScheme === 'slate'")
    background = page.evaluate(
        "getComputedStyle(document.querySelector('.pp-article')).backgroundColor"
    )
    assert background != "rgb(255, 255, 255)"
    page.screenshot(path=str(tmp_path / "article-desktop-dark.png"))

    assert watch.foreign() == []
    assert watch.errors == []
    assert watch.missing == []
    assert watch.dialogs == []


def test_article_page_on_a_phone_stacks_columns(
    browser: Any, devblog_url: str, tmp_path: Path
) -> None:
    page, watch = open_page(browser, devblog_url, PHONE)
    page.goto(devblog_url + POST, wait_until="networkidle")
    article, rail, sidebar = (
        page.locator(sel).bounding_box() for sel in (".pp-article", ".pp-rail", ".pp-sidebar")
    )
    assert article["y"] + article["height"] <= sidebar["y"]
    # the rail is DEV's bottom action bar on a phone: fixed, one phone wide, at the bottom
    assert page.evaluate("getComputedStyle(document.querySelector('.pp-rail')).position") == (
        "fixed"
    )
    assert (rail["x"], rail["width"]) == (0, PHONE["width"])
    assert rail["y"] + rail["height"] == PHONE["height"]
    assert article["width"] <= PHONE["width"]
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"]  # nothing forces a sideways scroll
    # what the reader sees first: the whole title on the first screen, text at a readable size
    title = page.locator(".pp-article .pp-title").bounding_box()
    assert title["x"] >= 0
    assert title["x"] + title["width"] <= PHONE["width"]
    assert title["y"] >= 0
    assert title["y"] + title["height"] <= PHONE["height"]
    text_px = page.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('.pp-body p')).fontSize)"
    )
    assert text_px >= 16
    shot = tmp_path / "article-phone.png"
    page.screenshot(path=str(shot), full_page=True)
    # the full-page picture is exactly one phone wide (no sideways scroll) and the page's height
    assert png_size(shot) == (
        PHONE["width"],
        page.evaluate("document.documentElement.scrollHeight"),
    )
    assert watch.foreign() == []
    assert watch.errors == []
    assert watch.missing == []


def test_listings_in_the_browser(browser: Any, devblog_url: str, tmp_path: Path) -> None:
    page, watch = open_page(browser, devblog_url, DESKTOP)
    for path, heading in [
        ("", "Fixture DEV Blog"),
        ("t/queues/", "#queues"),
        ("omarh/", "Omar Haddad"),
        ("series/queues-in-practice/", "Queues in Practice (3 Part Series)"),
    ]:
        page.goto(devblog_url + path, wait_until="networkidle")
        assert [h.rstrip("¶") for h in visible_text(page, "h1")] == [heading], path
        assert page.locator(".pp-card").count() == 2, path
    page.screenshot(path=str(tmp_path / "series-desktop.png"))
    assert watch.foreign() == []
    assert watch.errors == []
    assert watch.missing == []


def test_script_payloads_in_front_matter_fire_nothing(
    browser: Any, hostile_url: str, tmp_path: Path
) -> None:
    page, watch = open_page(browser, hostile_url, DESKTOP)
    for path in ("eve/hostile/", "", "eve/", "t/rust/", "eve/neighbour/"):
        page.goto(hostile_url + path, wait_until="networkidle")
        page.mouse.move(400, 400)
        # the title; the home page's h1 is for screen readers (DEV's tabs show instead), so
        # there the first card's title
        heading = page.locator("h1:not(.pp-sr-only)")
        (heading if heading.count() else page.locator(".pp-card__title")).first.hover()
    page.goto(hostile_url + "eve/hostile/", wait_until="networkidle")
    assert visible_text(page, "h1") == [
        "Vec<T> & \"quotes\" </title><script>alert('title')</script>"
    ]
    page.screenshot(path=str(tmp_path / "hostile-desktop.png"), full_page=True)

    # Material shows search results as HTML: the hostile title must come back as text
    search = page.locator("input.md-search__input")
    search.click()
    search.press_sequentially("Vec", delay=50)
    result = page.locator(".md-search-result__item").first
    result.wait_for()
    assert "Vec<T>" in result.inner_text()
    page.wait_for_timeout(300)

    assert watch.dialogs == []
    assert watch.foreign() == []
    # the post's own <img src="x" onerror=...> loses its handler and stays a broken image
    broken = hostile_url + "eve/hostile/x"
    assert set(watch.missing) == {broken}
    assert watch.errors == [LOAD_ERROR] * len(watch.missing)
