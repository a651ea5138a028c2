"""DEV's look and accessibility, measured in Debian's Chromium on the built sample blog.

The sample blog (the repository's ``mkdocs.yml``) follows the reader's colour scheme, so each
page is opened in a light and a dark browser context, on a desktop and on a touch phone (a
phone that cannot hover, as Playwright's ``has_touch`` and ``is_mobile`` emulate it). axe-core
comes with the axe-playwright-python package (its ``axe.min.js`` is injected into the page):
nothing is fetched, and every request to another host is aborted and recorded.

The site is served where its ``site_url`` puts it (``/proofpress/``): MkDocs writes the 404
page's links from that path. Each page is loaded once per device and scheme; axe runs on it and
one ``page.evaluate`` reads every computed style and box the look tests compare (``measure``).
"""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe
from conftest import REPO, build_site
from test_browser import DESKTOP, PHONE, browser, open_page, serve

from proofpress.site.views import tag_colors

pytestmark = pytest.mark.browser
__all__ = ["browser"]  # the shared Chromium fixture

# the sample post with inline code, a table, links, a long heading, code in five languages
ARTICLE = "larissacaldwell/retry-budgets/"
PAGES = {
    "article": ARTICLE,
    "home": "",
    "tag": "t/backend/",
    "author": "larissacaldwell/",
    "series": "series/failure-modes-in-practice/",
}
EVERY_PAGE = {**PAGES, "404": "404.html"}
SCHEMES = {"light": "default", "dark": "slate"}
SITE_DESCRIPTION = "DEV-style articles kept in git and proven before they ship."
# Tokens of the article's code blocks (Python, JavaScript, SQL, YAML, shell) and DEV's colour
# for each (Forem's syntax.scss), the same in both schemes
TOKENS = {
    "class": "#f39c12",  # keyword
    "function": "#f39c12",  # keyword, JavaScript
    "SELECT": "#f39c12",  # keyword, SQL
    "RetryBudget": "#7ed07e",  # class name
    "fetchWithBudget": "#7ed07e",  # name, JavaScript
    "'minute'": "#f2ca27",  # string, SQL
    '"""Retries may be at most `ratio` of recent calls, plus a small floor."""': "#f2ca27",
    "0.1": "#dda0dd",  # number
    ">=": "#f9690e",  # operator
    "retries": "#f9690e",  # YAML key (a tag to Pygments, as to Rouge)
    "// full jitter, in ms": "#808080",  # comment
    "# watch the budget while the flag rolls out": "#808080",  # comment, shell
    "float": "#f8f8f2",  # a builtin: plain text on DEV
}
VIEWPORTS = {"desktop": DESKTOP, "phone": PHONE}
TOUCH_PHONE = {"width": 375, "height": 812}
DEVICES: dict[str, dict[str, Any]] = {
    "desktop": {"viewport": DESKTOP},
    "phone": {"viewport": TOUCH_PHONE, "has_touch": True, "is_mobile": True},
}


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The sample blog's URL (under its site_url's path) and the folder served as ``/``."""
    root = tmp_path_factory.mktemp("browser-sample")
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    base = urlsplit(config["site_url"]).path.strip("/")
    build_site(REPO / "mkdocs.yml", root / base)
    for url in serve(root):
        yield f"{url}{base}/", root


def open_in(
    browser: Any, origin: str, viewport: dict[str, int], mode: str, **options: Any
) -> tuple[Any, Any]:
    page, watch = open_page(browser, origin, viewport, **options)
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


# One evaluate per page: name -> [selector, what], what being a CSS property, "@top" (and
# bottom, left, right, width, height: the first match's box, top and bottom in page
# coordinates), "count", "text" (every match's rendered text), "space below" (the box's
# bottom less the lowest bottom of its children: the empty space it keeps at its end) or
# "token" (the selector is a code token's text: the colour of the post's first such token) or
# "extra height" (each match's height less its text's lines times its line height: a heading
# whose hidden ¶ wrapped onto a line of its own is one line taller than its words), "space
# above" or "space below" each (the gap to each match's previous or next element).
MEASURE = """
(probes) => {
  const box = (element) => {
    const r = element.getBoundingClientRect();
    return {top: r.top + scrollY, bottom: r.bottom + scrollY, left: r.left, right: r.right,
            width: r.width, height: r.height};
  };
  const round = (value) => Math.round(value * 100) / 100;
  const out = {};
  for (const [name, [selector, what]] of Object.entries(probes)) {
    if (what === "token") {
      const token = [...document.querySelectorAll(".pp-body pre code span")]
        .find((span) => span.textContent === selector);
      out[name] = token ? getComputedStyle(token).color : null;
      continue;
    }
    const all = [...document.querySelectorAll(selector)];
    if (what === "count") { out[name] = all.length; continue; }
    if (what === "space above each" || what === "space below each") {
      out[name] = all.map((element) => what === "space above each"
        ? round(box(element).top - box(element.previousElementSibling).bottom)
        : round(box(element.nextElementSibling).top - box(element).bottom));
      continue;
    }
    if (what === "extra height") {
      out[name] = all.map((element) => {
        const tops = new Set();
        const words = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
        while (words.nextNode()) {
          if (words.currentNode.parentElement.closest(".headerlink")) continue;
          const range = document.createRange();
          range.selectNodeContents(words.currentNode);
          for (const rect of range.getClientRects()) {
            if (rect.width > 0) tops.add(Math.round(rect.top));
          }
        }
        const lineHeight = parseFloat(getComputedStyle(element).lineHeight);
        return round(box(element).height - tops.size * lineHeight);
      });
      continue;
    }
    if (!all.length) { out[name] = null; continue; }
    const element = all[0];
    if (what === "text") out[name] = all.map((e) => e.innerText.trim());
    else if (what === "space below") {
      const lowest = Math.max(...[...element.children].map((c) => box(c).bottom));
      out[name] = round(box(element).bottom - lowest);
    } else if (what.startsWith("@")) out[name] = round(box(element)[what.slice(1)]);
    else out[name] = getComputedStyle(element).getPropertyValue(what);
  }
  return out;
}
"""


def measure(page: Any, probes: dict[str, tuple[str, str]]) -> dict[str, Any]:
    return dict(page.evaluate(MEASURE, probes))


def look(page: Any, name: str, device: str) -> dict[str, Any]:
    """What a reader of ``name`` sees, as the names in ``expected_look`` list it."""
    phone = device == "phone"
    got = measure(
        page,
        {
            "content top": (".pp-content > *", "@top"),
            "logo": (".md-header .pp-logo", "text"),
            "logo width": (".md-header .pp-logo", "@width"),
            "logo height": (".md-header .pp-logo", "@height"),
            "logo colours": (".md-header .pp-logo", "background-color"),
            "logo text": (".md-header .pp-logo", "color"),
            "logo right": (".md-header .pp-logo", "@right"),
            "Material's logo and title": (".md-header .md-logo, .md-header__title", "count"),
            "search left": (".md-header .md-search__inner", "@left"),
            "search width": (".md-header .md-search__inner", "@width"),
            "search button": (".md-header .pp-search-button", "display"),
            "menu button": (".md-header .pp-menu", "display"),
            "footer room": (".md-footer-meta__inner", "padding"),
            "footer colours": (".md-footer-meta", "background-color"),
            "footer size": (".pp-footer", "font-size"),
            "footer gap": (".pp-footer", "row-gap"),
            "footer site": (".pp-footer__site", "text"),
            "footer links": (".pp-footer__links a", "text"),
        },
    )
    bar = {
        "content top": got["content top"],
        "logo": [
            got["logo"],
            got["logo width"],
            got["logo height"],
            got["logo colours"],
            got["logo text"],
        ],
        "Material's logo and title": got["Material's logo and title"],
        "search box": [
            got["search width"] and got["search left"] - got["logo right"],
            got["search width"],
        ],
        "buttons (search, menu)": [got["search button"], got["menu button"]],
        "footer": [
            got["footer room"],
            got["footer colours"],
            got["footer size"],
            got["footer gap"],
            got["footer site"],
            got["footer links"],
        ],
    }
    return bar | look_of(page, name, phone)


def look_of(page: Any, name: str, phone: bool) -> dict[str, Any]:
    if name == "article":
        got = measure(
            page,
            {
                "card ring": (".pp-article", "box-shadow"),
                "article left": (".pp-article", "@left"),
                "article right": (".pp-article", "@right"),
                "read next left": (".pp-read-next", "@left"),
                "read next right": (".pp-read-next", "@right"),
                "bar position": (".pp-rail", "position"),
                "bar height": (".pp-rail", "@height"),
                "bar shadow": (".pp-rail", "box-shadow"),
                "bar reserve": (".pp-bar-reserve", "display"),
                "code size": (".pp-body pre > code", "font-size"),
                "code padding": (".pp-body pre > code", "padding"),
                "inline code": (".pp-body p > code", "background-color"),
                "inline code size": (".pp-body p > code", "font-size"),
                "inline code colour": (".pp-body p > code", "color"),
                "inline code radius": (".pp-body p > code", "border-radius"),
                "inline code padding": (".pp-body p > code", "padding"),
                **{f"token {text}": (text, "token") for text in TOKENS},
                "link": (".pp-body p > a", "text-decoration-line"),
                "link colour": (".pp-body p > a", "color"),
                "table size": (".pp-body table", "font-size"),
                "table borders": (".pp-body table", "border-collapse"),
                "cell padding": (".pp-body td", "padding"),
                "cell border": (".pp-body td", "border-top"),
                "head cell border": (".pp-body th", "border-bottom"),
                "head cell": (".pp-body th", "background-color"),
                "permalink": (".pp-body .headerlink", "display"),
                "headings' extra height": (".pp-body h2", "extra height"),
                "space above headings": (".pp-body h2", "space above each"),
                "space below headings": (".pp-body h2", "space below each"),
            },
        )
        found = {
            "card ring": got["card ring"],
            # Read next sits in the article's column: both edges are the article's
            "read next edges less the article's": [
                got["read next left"] - got["article left"],
                got["read next right"] - got["article right"],
            ],
            "bar reserve": got["bar reserve"],
            "code": [got["code size"], got["code padding"]],
            "inline code": [
                got["inline code"],
                got["inline code size"],
                got["inline code colour"],
                got["inline code radius"],
                got["inline code padding"],
            ],
            "tokens": {text: got[f"token {text}"] for text in TOKENS},
            "link": [got["link"], got["link colour"]],
            "table": [
                got["table size"],
                got["table borders"],
                got["cell padding"],
                got["cell border"],
                got["head cell border"],
                got["head cell"],
            ],
            "permalink": got["permalink"],
            "headings' extra height": got["headings' extra height"],
            "space around headings": [got["space above headings"], got["space below headings"]],
        }
        if phone:
            found["bar"] = [got["bar position"], got["bar height"], got["bar shadow"]]
        return found
    if name == "404":
        got = measure(
            page,
            {
                "Material's nav": (".md-nav", "count"),
                "heading": ("h1", "text"),
                "card": (".pp-not-found__card", "background-color"),
                "card ring": (".pp-not-found__card", "box-shadow"),
                "home link": (".pp-not-found__home", "count"),
            },
        )
        got["home link"] = page.locator(".pp-not-found__home").evaluate("a => a.href")
        return got
    got = measure(
        page,
        {
            "space below the content": (".pp-content", "space below"),
            "bar reserve": (".pp-bar-reserve", "count"),
        },
    )
    got |= listing_look(page, name, phone)
    if name == "author":
        got |= measure(
            page,
            {
                "facts shown": (".pp-facts--inline dd", "text"),
                "fact labels": (".pp-facts--inline dt", "count"),
                "fact label width": (".pp-facts--inline dt", "@width"),
            },
        )
    return got


def listing_look(page: Any, name: str, phone: bool) -> dict[str, Any]:
    """A listing's header, cards and columns."""
    got = measure(
        page,
        {
            "card summaries": (".pp-card__summary", "count"),
            "cards": (".pp-card", "count"),
            "saves": (".pp-card .pp-card__save", "count"),
            "first title": (".pp-card__title", "font-size"),
            "second title": (".pp-card + .pp-card .pp-card__title", "font-size"),
            "side left": (".pp-side", "@left"),
            "side right": (".pp-side", "@right"),
            "side top": (".pp-side", "@top"),
            "side width": (".pp-side", "@width"),
            "feed left": (".pp-feed-column", "@left"),
            "feed top": (".pp-feed-column", "@top"),
            "feed bottom": (".pp-feed-column", "@bottom"),
            "feed width": (".pp-feed-column", "@width"),
            "header width": (".pp-listing__header", "@width"),
            "tabs": (".pp-tabs a", "text"),
            "current tab": (".pp-tabs__item--current", "font-weight"),
            "h1": ("h1", "text"),
            "h1 width": ("h1", "@width"),
            "intro": (".pp-home__left .pp-intro h2", "text"),
        },
    )
    found: dict[str, Any] = {
        "cards": [got["card summaries"], got["saves"] == got["cards"] > 1],
        "card titles": [got["first title"], got["second title"]],
    }
    if name == "home":
        found["home header"] = [
            got["tabs"],
            got["current tab"],
            got["h1"],
            got["h1 width"],
            got["intro"],
        ]
    if name in ("tag", "author"):
        widths = [got["side width"], got["feed width"], got["header width"]]
        found["columns"] = widths + (
            [got["side top"] - got["feed bottom"]]  # the side under the feed
            if phone
            else [got["feed left"] - got["side right"], got["feed top"] - got["side top"]]
        )
    return found


def expected_look(name: str, device: str, mode: str, origin: str) -> dict[str, Any]:
    phone = device == "phone"
    bar = {
        # DEV's content starts 16 px under its 56 px bar; on a phone, right under it
        "content top": 56 if phone else 72,
        # the site's initials in DEV's black logo box (the sample sets no logo), in both schemes
        "logo": [["PSB"], 50, 40, "rgb(0, 0, 0)", "rgb(255, 255, 255)"],
        "Material's logo and title": 0,  # no book icon, no site name that turns into the title
        # DEV's search box: 16 px after the logo, 420 px at most; on a phone an icon opens it
        "search box": [0, 0] if phone else [16, 420],
        # both shown on a phone only ("block": items of the bar's flex row)
        "buttons (search, menu)": ["block", "block"] if phone else ["none", "none"],
        # DEV's footer: 48 px of room (20 on a phone), 14 px lines 8 px apart, the site and its
        # description, then its links and feeds
        "footer": [
            "20px 16px" if phone else "48px 16px",
            "rgb(23, 23, 23)" if mode == "dark" else "rgb(229, 229, 229)",
            "14px",
            "8px",
            [f"Proofpress Sample Blog — {SITE_DESCRIPTION}"],
            ["Home", "RSS feed", "Larissa Caldwell", "Larissa Caldwell's feed"],
        ],
    }
    return bar | expected_look_of(name, phone, mode, origin)


def expected_look_of(name: str, phone: bool, mode: str, origin: str) -> dict[str, Any]:
    dark = mode == "dark"
    card = "rgb(23, 23, 23)" if dark else "rgb(255, 255, 255)"
    # Crayons' card ring: a black hairline would vanish on the black canvas, so white in dark
    ring = (
        "rgba(255, 255, 255, 0.1) 0px 0px 0px 1px"
        if dark
        else "rgba(23, 23, 23, 0.05) 0px 0px 0px 1px"
    )
    border = "rgb(61, 61, 61)" if dark else "rgb(214, 214, 215)"
    if name == "article":
        found: dict[str, Any] = {
            "card ring": ring,
            "read next edges less the article's": [0, 0],
            "bar reserve": "block" if phone else "none",
            # DEV's code: 80% of the body text (20 px, 18 px on a phone), 24 px padding (8)
            "code": ["14.4px", "8px"] if phone else ["16px", "24px"],
            # DEV's inline code: translucent black (white in dark), 80%, the body's colour
            "inline code": [
                "rgba(255, 255, 255, 0.1)" if dark else "rgba(0, 0, 0, 0.1)",
                "14.4px" if phone else "16px",
                "rgb(245, 245, 245)" if dark else "rgb(23, 23, 23)",
                "6px",
                "1.44px 3.6px" if phone else "1.6px 4px",
            ],
            "tokens": {text: rgb(colour) for text, colour in TOKENS.items()},
            # DEV underlines a body's links, in the brand colour
            "link": ["underline", "rgb(165, 180, 252)" if dark else "rgb(59, 73, 223)"],
            # DEV's tables: the body's size, collapsed 1 px borders (Crayons' base-20), 8 px
            # cells, the head on the canvas colour
            "table": [
                "18px" if phone else "20px",
                "collapse",
                "8px",
                f"1px solid {border}",
                f"1px solid {border}",
                "rgb(0, 0, 0)" if dark else "rgb(245, 245, 245)",
            ],
            "permalink": "none",  # DEV shows no ¶
            "headings' extra height": [0, 0, 0, 0],  # four h2, each exactly its lines tall
            # DEV's rhythm is the body's size: a block ends with one, a heading has half of one
            # above and below (after a paragraph, a code block, the table's text: the same)
            "space around headings": [[20] * 4, [10] * 4] if not phone else [[18] * 4, [9] * 4],
        }
        if phone:
            found["bar"] = [
                "fixed",
                48,
                "rgba(255, 255, 255, 0.1) 0px -1px 0px 0px"
                if dark
                else "rgba(0, 0, 0, 0.1) 0px -1px 1px 0px",
            ]
        return found
    if name == "404":
        return {
            "Material's nav": 0,
            "heading": ["This page does not exist"],
            "card": card,
            "card ring": ring,
            "home link": origin,
        }
    found = {"space below the content": 32, "bar reserve": 0}  # no bar, no room kept for one
    # DEV's cards: no summary, a Save; titles 24 px (the first, featured on the home page,
    # 30 px), 20 px on a phone
    found["cards"] = [0, True]
    featured = "30px" if name == "home" else "24px"
    found["card titles"] = ["20px", "20px"] if phone else [featured, "24px"]
    if name == "home":
        # DEV's feed tabs where the site's name and intro were; the h1 is for screen readers,
        # docs/index.md's text leads the left column
        found["home header"] = [
            ["Latest", "RSS feed"],
            "700",
            ["Proofpress Sample Blog"],
            1,
            ["Proofpress sample blog"],
        ]
    if name in ("tag", "author"):
        # the header across the page, DEV's 240 px left column beside the feed, 16 px apart and
        # level with it (under it on a phone, 8 px down): side, feed and header widths, then
        # the side's place
        found["columns"] = [375, 375, 375, 8] if phone else [240, 992, 1248, 16, 0]
    if name == "author":
        # DEV shows an icon, not a label: the labels are for screen readers only
        found |= {
            "facts shown": ["Remote", "Backend Developer", "Joined on Mar 14, 2024"],
            "fact labels": 3,
            "fact label width": 1,
        }
    return found


def scrolled(page: Any, device: str) -> dict[str, Any]:
    """The article page scrolled: on a desktop, halfway down the article, the author card is
    still 16 px under the bar; on a phone, at the very bottom, the bar covers none of the
    footer."""
    if device == "desktop":
        page.evaluate("window.scrollTo(0, document.querySelector('.pp-article').offsetHeight / 2)")
        return dict(
            page.evaluate(
                """() => ({
                  "scrolled by": Math.round(scrollY),
                  "author card's top in the window":
                    Math.round(document.querySelector(".pp-author-card")
                      .getBoundingClientRect().top),
                })"""
            )
        )
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    return dict(
        page.evaluate(
            """() => {
              const footer = document.querySelector(".md-footer").getBoundingClientRect();
              const bar = document.querySelector(".pp-rail").getBoundingClientRect();
              // whole pixels: the page's height is fractional, a scroll position is not
              return {"footer's bottom less the bar's top": Math.round(footer.bottom - bar.top),
                      "sidebar": getComputedStyle(document.querySelector(".pp-sidebar")).position};
            }"""
        )
    )


def opened_menu(page: Any) -> dict[str, Any]:
    """On a phone: the bar's menu button opens the site's drawer, its close button shuts it;
    opened from the keyboard, the drawer takes the focus and Escape shuts it and gives the focus
    back to the menu button; the search button opens Material's search across the window."""
    page.evaluate("window.scrollTo(0, 0)")
    page.locator(".md-header .pp-menu").click()
    panel = page.locator(".pp-drawer__panel")
    panel.wait_for(state="visible")
    found = {
        "drawer": panel.evaluate("e => getComputedStyle(e.parentElement).display"),
        "links": [
            " ".join(t.split()) for t in panel.locator(".pp-links a:not(.pp-tag)").all_inner_texts()
        ],
        "tags": panel.locator("a.pp-tag").count(),
    }
    page.locator(".pp-drawer__close").press("Enter")  # a label made a button: keys press it
    panel.wait_for(state="hidden")
    page.locator(".md-header .pp-menu").press("Enter")  # from the keyboard, as a dialog opens
    panel.wait_for(state="visible")
    found["focus when open"] = page.evaluate(
        "document.activeElement.matches('.pp-drawer__panel .pp-drawer__close')"
    )
    page.keyboard.press("Escape")
    panel.wait_for(state="hidden")
    found["focus after Escape"] = page.evaluate(
        "document.activeElement.matches('.md-header .pp-menu')"
    )
    page.locator(".md-header .pp-search-button").click()
    page.locator(".md-search__input").wait_for(state="visible")
    page.wait_for_function(
        "document.querySelector('.md-search__inner').getBoundingClientRect().width === 375"
    )
    found["search box width"] = page.evaluate(
        "document.querySelector('.md-search__inner').getBoundingClientRect().width"
    )
    return found


@pytest.mark.parametrize("mode", SCHEMES)
@pytest.mark.parametrize("device", DEVICES)
def test_every_page_looks_like_dev_and_axe_finds_no_violation(
    browser: Any, sample: tuple[str, Path], device: str, mode: str
) -> None:
    origin, _ = sample
    options = dict(DEVICES[device])
    page, watch = open_in(browser, origin, options.pop("viewport"), mode, **options)
    if device == "phone":  # a phone that cannot hover: what Material's scripts see on one
        assert page.evaluate("matchMedia('(hover: hover)').matches") is False
    axe = Axe()
    violations, found, expected = {}, {}, {}
    for name, path in EVERY_PAGE.items():
        page.goto(origin + path, wait_until="networkidle")
        assert page.evaluate("document.body.dataset.mdColorScheme") == SCHEMES[mode]
        results = axe.run(page).response
        assert results["testEngine"]["version"].startswith("4.")
        violations[name] = [
            (v["id"], [node["target"] for node in v["nodes"]]) for v in results["violations"]
        ]
        found[name] = look(page, name, device)
        expected[name] = expected_look(name, device, mode, origin)
    page.goto(origin + ARTICLE, wait_until="networkidle")
    found["article, scrolled"] = scrolled(page, device)
    expected["article, scrolled"] = (
        {"footer's bottom less the bar's top": 0, "sidebar": "static"}
        if device == "phone"
        else {
            "scrolled by": found["article, scrolled"]["scrolled by"],
            "author card's top in the window": 72,
        }
    )
    if device == "desktop":  # far enough down that an unstuck card would have left the window
        assert found["article, scrolled"]["scrolled by"] > 1000
        # the bar still shows the site, never the post's title (Material's swapped them)
        shown = page.evaluate(
            "[...document.querySelector('.md-header__inner').children]"
            ".filter((part) => !part.matches('.md-search'))"
            ".map((part) => part.innerText.trim()).filter(Boolean)"
        )
        assert shown == ["PSB"]
    else:
        found["menu"], expected["menu"] = (
            opened_menu(page),
            {
                "drawer": "block",
                "links": ["Home", "RSS feed", "Larissa Caldwell"],
                "tags": 9,
                "focus when open": True,
                "focus after Escape": True,
                "search box width": 375,
            },
        )
    assert violations == {name: [] for name in EVERY_PAGE}
    assert found == expected
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
        # the top bar: DEV's 56 px, its colour, a bottom shadow; the menu is for phones
        assert style(page, ".md-header", "background-color") == bar, mode
        assert style(page, ".md-header__inner", "height") == "56px"
        assert style(page, ".md-header", "box-shadow") != "none"
        assert page.locator('.md-header label[for="__drawer"]').is_hidden()
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
        assert [button.get_attribute("title") for button in copy.all()] == [
            "Copy to clipboard"
        ] * page.locator(".pp-body pre").count()
        assert copy.count() == 5  # the article's five code blocks, each with its button
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
    # DEV's menu button, for the site's drawer (test_every_page_looks_like_dev… opens it)
    assert page.locator('.md-header label[for="__drawer"]').is_visible()
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
    origin, root = sample  # root is served as /, the site under its site_url's path
    page, watch = open_in(browser, origin, DESKTOP, "light")
    page.goto(origin + ARTICLE, wait_until="networkidle")
    total = 0
    for url in set(watch.requests):
        path = unquote(urlsplit(url).path).lstrip("/")
        file = root / path
        if file.is_dir():
            file = file / "index.html"
        total += len(gzip.compress(file.read_bytes(), compresslevel=9))
    assert watch.foreign() == []
    assert 0 < total < 100_000, total
