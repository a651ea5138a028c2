"""The dialect post in a real browser: nothing leaves localhost until a reader clicks an embed
card; the click loads the provider's player (intercepted locally) in a sandboxed iframe.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import build_site
from test_browser import DESKTOP, SITES, browser, open_page, serve

from proofpress.dialect.extension import FRAME_ALLOW, FRAME_SANDBOX

pytestmark = pytest.mark.browser
__all__ = ["browser"]  # the shared Chromium fixture

TOUR = "larissacaldwell/liquid-tour/"
PLAYER = "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"


@pytest.fixture(scope="module")
def dialect_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    site_dir = tmp_path_factory.mktemp("browser-devdialect") / "site"
    build_site(SITES / "devdialect" / "mkdocs.yml", site_dir)
    yield from serve(site_dir)


def test_embed_loads_only_after_a_click(browser: Any, dialect_url: str, tmp_path: Path) -> None:
    page, watch = open_page(browser, dialect_url, DESKTOP)
    served: list[str] = []

    def player(route: Any) -> None:  # the provider, played locally
        served.append(route.request.url)
        route.fulfill(status=200, content_type="text/html", body="<title>player</title><p>ok")

    page.route("https://www.youtube-nocookie.com/**", player)
    page.goto(dialect_url + TOUR, wait_until="networkidle")
    assert watch.foreign() == []
    assert page.locator("iframe").count() == 0
    page.screenshot(path=str(tmp_path / "dialect-before-click.png"), full_page=True)

    card = page.locator(f'a[data-pp-embed="{PLAYER}"]')
    with page.expect_request(PLAYER):
        card.click()
    frame = page.locator("iframe.pp-embed__frame")
    frame.wait_for()
    assert frame.get_attribute("src") == PLAYER
    assert frame.get_attribute("sandbox") == FRAME_SANDBOX
    assert frame.get_attribute("allow") == FRAME_ALLOW
    page.wait_for_load_state("networkidle")
    assert served == [PLAYER]
    assert watch.foreign() == [PLAYER]
    assert page.locator("a[data-pp-embed]").count() == 14  # the other cards wait for a click
    page.screenshot(path=str(tmp_path / "dialect-after-click.png"), full_page=True)

    assert page.locator("details.pp-details").first.evaluate("d => d.open") is False
    page.locator("details.pp-details summary").first.click()
    assert page.locator("details.pp-details").first.evaluate("d => d.open") is True

    assert watch.errors == []
    assert watch.missing == []
    assert watch.dialogs == []
