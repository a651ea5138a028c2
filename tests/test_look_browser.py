"""DEV's look and accessibility, measured in Debian's Chromium on the built sample blog.

The sample blog (the repository's ``mkdocs.yml``) follows the reader's colour scheme, so each
page is opened in a light and a dark browser context. axe-core comes with the
axe-playwright-python package (its ``axe.min.js`` is injected into the page): nothing is
fetched, and every request to another host is aborted and recorded.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import REPO, build_site
from test_browser import DESKTOP, PHONE, browser, open_page, serve

from proofpress.site.views import tag_colors

pytestmark = pytest.mark.browser
__all__ = ["browser"]  # the shared Chromium fixture

ARTICLE = "larissacaldwell/idempotency-keys-in-practice/"
PAGES = {
    "article": ARTICLE,
    "home": "",
    "tag": "t/backend/",
    "author": "larissacaldwell/",
    "series": "series/failure-modes-in-practice/",
}
SCHEMES = {"light": "default", "dark": "slate"}
VIEWPORTS = {"desktop": DESKTOP, "phone": PHONE}


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    site_dir = tmp_path_factory.mktemp("browser-sample") / "site"
    build_site(REPO / "mkdocs.yml", site_dir)
    for url in serve(site_dir):
        yield url, site_dir


def open_in(browser: Any, origin: str, viewport: dict[str, int], mode: str) -> tuple[Any, Any]:
    page, watch = open_page(browser, origin, viewport)
    page.emulate_media(color_scheme=mode)
    return page, watch


def style(page: Any, selector: str, prop: str) -> str:
    return str(
        page.evaluate(
            "([s, p]) => getComputedStyle(document.querySelector(s)).getPropertyValue(p)",
            [selector, prop],
        )
    )


def rgb(hex_colour: str) -> str:
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgb({r}, {g}, {b})"


@pytest.mark.parametrize("mode", SCHEMES)
@pytest.mark.parametrize("width", VIEWPORTS)
def test_axe_finds_no_violation(
    browser: Any, sample: tuple[str, Path], width: str, mode: str
) -> None:
    origin, _ = sample
    page, watch = open_in(browser, origin, VIEWPORTS[width], mode)
    axe = Axe()
    found = {}
    for name, path in PAGES.items():
        page.goto(origin + path, wait_until="networkidle")
        assert page.evaluate("document.body.dataset.mdColorScheme") == SCHEMES[mode]
        results = axe.run(page).response
        assert results["testEngine"]["version"].startswith("4.")
        found[name] = [
            (v["id"], [node["target"] for node in v["nodes"]]) for v in results["violations"]
        ]
    assert found == {name: [] for name in PAGES}
    assert watch.foreign() == []
    assert watch.errors == []
    assert watch.missing == []


def test_dev_look_on_a_desktop(browser: Any, sample: tuple[str, Path]) -> None:
    origin, _ = sample
    light, dark = tag_colors("backend")
    for mode, canvas, card, bar, hash_colour in [
        ("light", "rgb(245, 245, 245)", "rgb(255, 255, 255)", "rgb(255, 255, 255)", light),
        ("dark", "rgb(0, 0, 0)", "rgb(23, 23, 23)", "rgb(23, 23, 23)", dark),
    ]:
        page, watch = open_in(browser, origin, DESKTOP, mode)
        page.goto(origin + ARTICLE, wait_until="networkidle")
        # the top bar: DEV's 56 px, its colour, a bottom shadow; no menu for an empty drawer
        assert style(page, ".md-header", "background-color") == bar, mode
        assert style(page, ".md-header__inner", "height") == "56px"
        assert style(page, ".md-header", "box-shadow") != "none"
        assert page.locator('.md-header label[for="__drawer"]').count() == 0
        # the canvas and the cards
        assert style(page, "body", "background-color") == canvas, mode
        assert style(page, ".pp-article", "background-color") == card, mode
        assert style(page, ".pp-author-card", "background-color") == card, mode
        # type: the system font stack, body 20 px / 1.5, title 48 px at 800
        assert style(page, "body", "font-family").startswith(
            '-apple-system, BlinkMacSystemFont, "Segoe UI"'
        )
        assert style(page, ".pp-body p", "font-size") == "20px"
        assert style(page, ".pp-body p", "line-height") == "30px"
        assert style(page, ".pp-title", "font-size") == "48px"
        assert style(page, ".pp-title", "font-weight") == "800"
        assert style(page, ".pp-body h2", "font-weight") == "700"
        # code blocks: DEV's dark theme in both modes, with a copy button
        assert style(page, ".pp-body pre > code", "background-color") == "rgb(8, 9, 10)", mode
        assert style(page, ".pp-body pre > code", "color") == "rgb(248, 248, 242)"
        copy = page.locator('.pp-body pre .md-code__button[data-md-type="copy"]')
        assert copy.get_attribute("title") == "Copy to clipboard"
        # tags: the # in the tag's own colour, readable on the card
        assert style(page, ".pp-article__header .pp-tag__hash", "color") == rgb(hash_colour)
        # the series box sits above the body
        series = page.locator(".pp-series").bounding_box()
        body = page.locator(".pp-body").bounding_box()
        assert series["y"] + series["height"] <= body["y"]
        # the footer: quiet grey, the site's own text
        assert style(page, ".md-footer-meta", "background-color") == (
            "rgb(229, 229, 229)" if mode == "light" else "rgb(23, 23, 23)"
        )
        assert page.locator(".pp-footer__site").inner_text().startswith("Proofpress Sample Blog")
        assert watch.foreign() == []
        assert watch.errors == []


def test_dev_look_on_a_phone(browser: Any, sample: tuple[str, Path]) -> None:
    origin, _ = sample
    page, watch = open_in(browser, origin, PHONE, "light")
    page.goto(origin + ARTICLE, wait_until="networkidle")
    assert style(page, ".pp-body p", "font-size") == "18px"
    assert style(page, ".pp-body p", "line-height") == "27px"
    assert style(page, ".pp-title", "font-size") == "30px"
    assert style(page, ".pp-rail", "position") == "fixed"
    bar = page.locator(".pp-rail").bounding_box()
    assert (bar["x"], bar["width"], bar["y"] + bar["height"]) == (
        0,
        PHONE["width"],
        PHONE["height"],
    )
    assert page.locator('.pp-rail a[href="#comments"]').is_visible()
    assert page.locator('.md-header label[for="__drawer"]').count() == 0
    # the home page's three columns collapse to one: the feed first
    page.goto(origin, wait_until="networkidle")
    feed, left, right = (
        page.locator(sel).bounding_box()
        for sel in (".pp-feed-column", ".pp-home__left", ".pp-home__right")
    )
    assert feed["width"] == left["width"] == right["width"] == PHONE["width"]
    assert feed["y"] < left["y"] < right["y"]
    assert page.evaluate("document.documentElement.scrollWidth") == PHONE["width"]
    assert watch.foreign() == []
    assert watch.errors == []


def test_home_has_three_columns_on_a_desktop(browser: Any, sample: tuple[str, Path]) -> None:
    origin, _ = sample
    page, _ = open_in(browser, origin, DESKTOP, "light")
    page.goto(origin, wait_until="networkidle")
    left, feed, right = (
        page.locator(sel).bounding_box()
        for sel in (".pp-home__left", ".pp-feed-column", ".pp-home__right")
    )
    assert left["x"] + left["width"] < feed["x"] < feed["x"] + feed["width"] < right["x"]
    assert abs(left["y"] - feed["y"]) < 1
    assert abs(right["y"] - feed["y"]) < 1
    assert style(page, ".pp-listing__title, .pp-intro h1", "font-weight") == "800"


@pytest.mark.parametrize("name", PAGES)
def test_skip_link_reaches_the_main_content_with_visible_focus(
    browser: Any, sample: tuple[str, Path], name: str
) -> None:
    origin, _ = sample
    page, _ = open_in(browser, origin, DESKTOP, "light")
    page.goto(origin + PAGES[name], wait_until="networkidle")
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    assert skip.evaluate("element => element.matches('a.md-skip.pp-skip')")
    assert skip.get_attribute("href") == "#pp-main"
    assert skip.is_visible()
    # it fades in (Material's transition) and ends fully opaque
    page.wait_for_function("getComputedStyle(document.querySelector('.pp-skip')).opacity === '1'")
    # the target holds the page's one h1: the skip lands before the title, not after it
    assert page.locator("#pp-main h1").count() == 1
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#pp-main"
    # every control the keyboard reaches next shows where focus is
    page.goto(origin + PAGES[name], wait_until="networkidle")
    seen = 0
    for _ in range(40):
        page.keyboard.press("Tab")
        outline = page.evaluate(
            "(() => { const s = getComputedStyle(document.activeElement);"
            " return [document.activeElement.tagName, s.outlineStyle, s.outlineWidth]; })()"
        )
        if outline[0] == "BODY":
            break
        seen += 1
        assert outline[1] != "none", outline
        assert outline[2] != "0px", outline
    assert seen >= 5


def test_article_page_weighs_under_100_kb_compressed(
    browser: Any, sample: tuple[str, Path]
) -> None:
    origin, site_dir = sample
    page, watch = open_in(browser, origin, DESKTOP, "light")
    page.goto(origin + ARTICLE, wait_until="networkidle")
    total = 0
    for url in set(watch.requests):
        path = unquote(urlsplit(url).path).lstrip("/")
        file = site_dir / path
        if file.is_dir():
            file = file / "index.html"
        total += len(gzip.compress(file.read_bytes(), compresslevel=9))
    assert watch.foreign() == []
    assert 0 < total < 100_000, total
