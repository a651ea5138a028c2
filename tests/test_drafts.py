"""Drafts (``published: false``) and scheduled posts (a future ``date``).

``mkdocs build`` emits nothing of them: no page, card, tag/author/series page, feed item,
sitemap or search entry, and no image that only they use. ``mkdocs serve`` shows them, marked.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import Built, build_site
from lxml import html
from mkdocs.commands.build import build
from mkdocs.config import load_config

DEVBLOG = Path(__file__).resolve().parent / "fixtures" / "sites" / "devblog" / "mkdocs.yml"
MARKERS = ("zanzibarquokka", "xylophonewombat")  # only the draft and the scheduled post use them


def every_file(site_dir: Path) -> Iterator[tuple[Path, str]]:
    for path in sorted(site_dir.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            if path.suffix == ".gz":
                data = gzip.decompress(data)
            yield path, data.decode("utf-8", errors="replace").lower()


def test_build_leaks_no_draft_or_scheduled_post(tmp_path: Path) -> None:
    site_dir = tmp_path / "site"
    build_site(DEVBLOG, site_dir)
    files = list(every_file(site_dir))
    names = {p.relative_to(site_dir).as_posix() for p, _ in files}
    assert {"search/search_index.json", "sitemap.xml", "sitemap.xml.gz", "feed.xml"} <= names
    leaks = [
        (path.relative_to(site_dir).as_posix(), marker)
        for path, text in files
        for marker in MARKERS
        if marker in text or marker in path.as_posix().lower()
    ]
    assert leaks == []
    assert not (site_dir / "larissacaldwell/draft").exists()
    assert not (site_dir / "omarh/scheduled").exists()
    assert (site_dir / "assets/covers/queues.svg").is_file()  # a live post's cover stays


@pytest.fixture
def served(tmp_path: Path) -> Built:
    """A build the way ``mkdocs serve`` makes it (drafts included), into a temporary folder."""
    config = load_config(config_file=str(DEVBLOG), site_dir=str(tmp_path / "site"))
    config.plugins.on_startup(command="serve", dirty=False)
    try:
        build(config, serve_url="http://127.0.0.1:8000/")
    finally:
        config.plugins.on_shutdown()  # hooks outlive the serve session in this process
    return Built(tmp_path / "site")


def test_serve_shows_a_draft_with_its_banner(served: Built) -> None:
    page = served.page("larissacaldwell/draft/")
    [banner] = page.xpath('//p[contains(@class, "pp-status--draft")]')
    assert " ".join(banner.text_content().split()) == (
        "Draft — published: false: shown only by mkdocs serve; mkdocs build leaves it out."
    )
    assert [h.text_content() for h in page.xpath("//h1")] == ["Zanzibarquokka draft title"]


def test_serve_shows_a_scheduled_post_with_its_banner(served: Built) -> None:
    page = served.page("omarh/scheduled/")
    [banner] = page.xpath('//p[contains(@class, "pp-status--scheduled")]')
    assert " ".join(banner.text_content().split()) == (
        "Scheduled for Jan 1, 2099: shown only by mkdocs serve until then."
    )


def test_serve_lists_previews_on_the_home_page_only(served: Built) -> None:
    home = served.page("")
    previews = home.xpath('//section[@class="pp-previews"]//li')
    assert [" ".join(li.text_content().split()) for li in previews] == [
        "Xylophonewombat scheduled title (scheduled)",
        "Zanzibarquokka draft title (draft)",
    ]
    cards = home.xpath('//article[contains(@class, "pp-card")]//h2/a/text()')
    assert "Zanzibarquokka draft title" not in cards
    tag = html.fromstring((served.site_dir / "t/queues/index.html").read_bytes())
    assert "zanzibarquokka" not in tag.text_content().lower()
