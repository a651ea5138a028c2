"""The DEV-style site, built for real from fixture sites and read with lxml.

``devblog`` has two authors, a three-part series, a cover image, a canonical URL, a post with
comments off, a draft and a scheduled post (``per_page: 2``, so every listing paginates).
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from conftest import GOOD_FRONT_MATTER, REPO, SITES, Built, build_site, write_site
from lxml import etree, html

SITE_URL = "https://blog.example.org/"
PART_1 = "larissacaldwell/queues-part-1/"
PART_2 = "larissacaldwell/queues-part-2/"
PART_3 = "larissacaldwell/queues-part-3/"
RETRIES = "omarh/retries/"
ON_CALL = "omarh/humane-on-call/"


@pytest.fixture(scope="module")
def devblog(tmp_path_factory: pytest.TempPathFactory) -> Built:
    handler = _Records()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        site_dir = tmp_path_factory.mktemp("devblog") / "site"
        build_site(SITES / "devblog" / "mkdocs.yml", site_dir)
    finally:
        logger.removeHandler(handler)
    return Built(site_dir, handler.records)


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def texts(page: html.HtmlElement, xpath: str) -> list[str]:
    return [" ".join(el.text_content().split()) for el in page.xpath(xpath)]


def attr(page: html.HtmlElement, xpath: str) -> list[str]:
    return [str(value) for value in page.xpath(xpath)]


def card_titles(page: html.HtmlElement) -> list[str]:
    return texts(page, '//article[contains(@class, "pp-card")]//h2/a')


# --- the build as a whole -------------------------------------------------------------------


def test_devblog_builds_without_warnings(devblog: Built) -> None:
    assert devblog.messages(logging.WARNING) == []


def test_every_page_lives_at_its_dev_url(devblog: Built) -> None:
    pages = sorted(
        p.parent.relative_to(devblog.site_dir).as_posix() + "/"
        for p in devblog.site_dir.rglob("index.html")
    )
    assert pages == [
        "./",
        "larissacaldwell/",
        "larissacaldwell/page/2/",
        "larissacaldwell/queues-part-1/",
        "larissacaldwell/queues-part-2/",
        "larissacaldwell/queues-part-3/",
        "omarh/",
        "omarh/humane-on-call/",
        "omarh/retries/",
        "page/2/",
        "page/3/",
        "series/queues-in-practice/",
        "series/queues-in-practice/page/2/",
        "t/backend/",
        "t/career/",
        "t/python/",
        "t/python/page/2/",
        "t/queues/",
        "t/queues/page/2/",
    ]
    assert not (devblog.site_dir / "posts").exists()


def test_posts_stay_out_of_the_nav(devblog: Built) -> None:
    page = devblog.page("")
    nav_links = attr(page, '//nav[contains(@class, "md-nav--primary")]//a/@href')
    assert not [href for href in nav_links if "queues" in href]


# --- the article page -----------------------------------------------------------------------


def test_post_head_title_description_canonical(devblog: Built) -> None:
    page = devblog.page(PART_1)
    assert page.findtext(".//title") == "Queues in Practice: Why Backpressure - Fixture DEV Blog"
    assert attr(page, '//meta[@name="description"]/@content') == [
        "The first part, on backpressure."
    ]
    assert attr(page, '//link[@rel="canonical"]/@href') == [SITE_URL + PART_1]


def test_post_open_graph_and_twitter(devblog: Built) -> None:
    page = devblog.page(PART_1)

    def meta(key: str, value: str) -> list[str]:
        return attr(page, f'//meta[@{key}="{value}"]/@content')

    assert meta("property", "og:type") == ["article"]
    assert meta("property", "og:title") == ["Queues in Practice: Why Backpressure"]
    assert meta("property", "og:description") == ["The first part, on backpressure."]
    assert meta("property", "og:url") == [SITE_URL + PART_1]
    assert meta("property", "og:image") == [SITE_URL + "assets/covers/queues.svg"]
    assert meta("property", "og:site_name") == ["Fixture DEV Blog"]
    assert meta("property", "article:tag") == ["queues", "python", "backend"]
    assert meta("name", "twitter:card") == ["summary_large_image"]
    assert meta("name", "twitter:title") == ["Queues in Practice: Why Backpressure"]
    assert meta("name", "twitter:image") == [SITE_URL + "assets/covers/queues.svg"]


def test_post_json_ld_article(devblog: Built) -> None:
    page = devblog.page(PART_2)
    [script] = page.xpath('//script[@type="application/ld+json"]')
    assert json.loads(script.text) == {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": "Queues in Practice: Dead Letters",
        "description": "The second part, on dead letters.",
        "author": {
            "@type": "Person",
            "name": "Larissa Caldwell",
            "url": SITE_URL + "larissacaldwell/",
        },
        "datePublished": "2025-02-10T00:00:00+00:00",
        "dateModified": "2025-02-15T00:00:00+00:00",
        "keywords": ["queues", "python"],
        "mainEntityOfPage": SITE_URL + PART_2,
        "url": SITE_URL + PART_2,
    }


def test_post_has_one_h1_the_title(devblog: Built) -> None:
    page = devblog.page(PART_1)
    assert texts(page, "//h1") == ["Queues in Practice: Why Backpressure"]


def test_post_byline_dates_and_reading_time(devblog: Built) -> None:
    page = devblog.page(PART_1)
    assert texts(page, '//article[@class="pp-article"]//a[@class="pp-byline__name"]') == [
        "Larissa Caldwell"
    ]
    assert attr(page, '//span[@class="pp-posted"]/time/@datetime') == ["2025-01-10T00:00:00+00:00"]
    assert texts(page, '//span[@class="pp-posted"]') == ["Posted on Jan 10, 2025"]
    # 600 + 12 words by DEV's count (\W+ over the raw Markdown): ceil(612 / 275) = 3
    assert texts(page, '//span[@class="pp-readtime"]') == ["• 3 min read"]
    assert page.xpath('//span[@class="pp-updated"]') == []
    avatar = attr(page, '//article[@class="pp-article"]//img[contains(@class, "pp-avatar")]/@src')
    assert avatar == ["../../assets/avatars/larissa.svg"]


def test_updated_shows_only_a_day_or_more_later(devblog: Built) -> None:
    page = devblog.page(PART_2)
    assert texts(page, '//span[@class="pp-updated"]') == ["• Updated on Feb 15, 2025"]
    assert attr(page, '//span[@class="pp-updated"]/time/@datetime') == ["2025-02-15T00:00:00+00:00"]
    assert devblog.page(PART_3).xpath('//span[@class="pp-updated"]') == []  # 12 hours later


def test_post_cover_and_tags(devblog: Built) -> None:
    page = devblog.page(PART_1)
    assert attr(page, '//img[@class="pp-cover"]/@src') == ["../../assets/covers/queues.svg"]
    tags = page.xpath('//header[@class="pp-article__header"]//a[@class="pp-tag"]')
    assert [t.text_content() for t in tags] == ["#queues", "#python", "#backend"]
    assert [t.get("href") for t in tags] == [
        "../../t/queues/",
        "../../t/python/",
        "../../t/backend/",
    ]


def test_reaction_rail_is_inert_and_at_zero(devblog: Built) -> None:
    page = devblog.page(PART_1)
    [rail] = page.xpath('//aside[@class="pp-rail"]')
    assert texts(rail, './/*[@class="pp-reaction__count"]') == ["0", "0", "0", "0"]
    assert texts(rail, './/*[@class="pp-sr-only"]') == [
        "hearts",
        "unicorns",
        "bookmarks",
        "comments",
    ]
    assert rail.xpath(".//button | .//form | .//input") == []
    assert attr(rail, ".//a/@href") == ["#comments"]


def test_body_is_rendered_and_links_follow_moved_posts(devblog: Built) -> None:
    page = devblog.page(PART_1)
    assert texts(page, '//div[contains(@class, "pp-body")]//h2') == ["Where it bends¶"]
    assert attr(page, '//div[contains(@class, "pp-body")]//a[. = "the retries post"]/@href') == [
        "../../omarh/retries/"
    ]


def test_series_box(devblog: Built) -> None:
    page = devblog.page(PART_2)
    [box] = page.xpath('//nav[@class="pp-series"]')
    assert texts(box, './p[@class="pp-series__title"]') == ["Queues in Practice (3 Part Series)"]
    assert attr(box, './p[@class="pp-series__title"]/a/@href') == [
        "../../series/queues-in-practice/"
    ]
    assert texts(box, ".//li") == [
        "Queues in Practice: Why Backpressure",
        "Queues in Practice: Dead Letters",
        "Queues in Practice: Idempotency",
    ]
    assert attr(box, ".//li/@value") == ["1", "2", "3"]
    assert attr(box, './/li[@aria-current="page"]/span/text()') == [
        "Queues in Practice: Dead Letters"
    ]
    assert attr(box, ".//li/a/@href") == ["../queues-part-1/", "../queues-part-3/"]


def test_originally_published_at(devblog: Built) -> None:
    page = devblog.page(RETRIES)
    assert texts(page, '//p[@class="pp-origin"]') == ["Originally published at omar.example.com"]
    assert attr(page, '//p[@class="pp-origin"]/a/@href') == [
        "https://omar.example.com/posts/retries"
    ]
    assert attr(page, '//link[@rel="canonical"]/@href') == [
        "https://omar.example.com/posts/retries"
    ]
    assert devblog.page(PART_1).xpath('//p[@class="pp-origin"]') == []


def test_comments_placeholder(devblog: Built) -> None:
    page = devblog.page(PART_1)
    [section] = page.xpath('//section[@id="comments"]')
    assert texts(section, ".//h2") == ["Top comments (0)"]
    [box] = section.xpath(".//textarea")
    assert box.get("placeholder") == "Add to the discussion"
    assert box.get("disabled") is not None
    assert texts(section, './/p[@class="pp-comments__note"]') == [
        "Comments are not enabled on this site."
    ]


def test_comments_false_hides_the_section(devblog: Built) -> None:
    page = devblog.page(ON_CALL)
    assert page.xpath('//*[@id="comments"] | //textarea') == []
    assert attr(page, '//aside[@class="pp-rail"]//a/@href') == []


def test_author_card_and_more_from(devblog: Built) -> None:
    page = devblog.page(PART_1)
    [card] = page.xpath('//section[@class="pp-author-card"]')
    assert texts(card, './/*[@class="pp-author-card__name"]') == ["Larissa Caldwell"]
    assert texts(card, './/p[@class="pp-author-card__bio"]') == [
        "Backend developer who writes about queues."
    ]
    assert texts(card, ".//dt") == ["Location", "Work", "Joined"]
    assert texts(card, ".//dd") == ["Remote", "Backend Developer", "Mar 14, 2024"]
    assert attr(card, ".//time/@datetime") == ["2024-03-14"]
    assert texts(page, '//section[@class="pp-more-from"]/h2') == ["More from Larissa Caldwell"]
    assert texts(page, '//section[@class="pp-more-from"]//li/a[@class="pp-more-from__link"]') == [
        "Queues in Practice: Idempotency",
        "Queues in Practice: Dead Letters",
    ]


def test_author_without_avatar_gets_initials(devblog: Built) -> None:
    page = devblog.page(RETRIES)
    assert texts(
        page, '//section[@class="pp-author-card"]//span[contains(@class, "pp-avatar")]'
    ) == ["OH"]


def test_read_next_by_shared_tags_then_recency(devblog: Built) -> None:
    # part 1 has queues, python, backend: part 2 shares 2 (queues, python), retries 2
    # (python, backend; older), part 3 shares 1, on-call none.
    page = devblog.page(PART_1)
    assert texts(page, '//section[@class="pp-read-next"]//a') == [
        "Queues in Practice: Dead Letters",
        "Retries Without Regret",
        "Queues in Practice: Idempotency",
        "On-Call Without Burnout",
    ]


# --- listings -------------------------------------------------------------------------------


def test_home_feed_is_paginated_newest_first(devblog: Built) -> None:
    assert [card_titles(devblog.page(url)) for url in ("", "page/2/", "page/3/")] == [
        ["On-Call Without Burnout", "Queues in Practice: Idempotency"],
        ["Queues in Practice: Dead Letters", "Retries Without Regret"],
        ["Queues in Practice: Why Backpressure"],
    ]
    home = devblog.page("")
    assert home.findtext(".//title") == "Fixture DEV Blog"
    # DEV's tabs lead the feed; docs/index.md's text leads the left column, a level down
    assert texts(home, "//h1") == ["Fixture DEV Blog"]
    assert attr(home, "//h1/@class") == ["pp-listing__title pp-sr-only"]
    assert texts(home, '//nav[@class="pp-tabs"]//a') == ["Latest", "RSS feed"]
    assert texts(
        home, '//aside[@class="pp-home__left"]/section[contains(@class, "pp-intro")]//h2'
    ) == ["Fixture DEV Blog¶"]
    assert texts(home, '//nav[@class="pp-pagination"]') == ["Page 1 of 3 Older posts"]
    assert attr(devblog.page("page/2/"), '//nav[@class="pp-pagination"]/a/@href') == [
        "../..",
        "../3/",
    ]


def test_home_card_holds_dev_card_elements(devblog: Built) -> None:
    page = devblog.page("page/3/")
    [card] = page.xpath('//article[contains(@class, "pp-card")]')
    assert texts(card, './/a[@class="pp-byline__name"]') == ["Larissa Caldwell"]
    assert attr(card, ".//time/@datetime") == ["2025-01-10T00:00:00+00:00"]
    assert texts(card, ".//time") == ["Jan 10, 2025"]
    assert attr(card, ".//h2/a/@href") == ["../../larissacaldwell/queues-part-1/"]
    assert texts(card, './/a[@class="pp-tag"]') == ["#queues", "#python", "#backend"]
    # DEV's card shows no summary; it has a Save (static: bookmarks are not enabled)
    assert card.xpath('.//*[@class="pp-card__summary"]') == []
    assert "The first part, on backpressure." not in card.text_content()
    assert attr(card, './/span[@class="pp-card__save"]/@title') == ["Bookmarks are not enabled"]
    assert texts(card, './/p[@class="pp-card__footer"]') == ["3 min read"]
    assert attr(card, './/img[contains(@class, "pp-avatar")]/@src') == [
        "../../assets/avatars/larissa.svg"
    ]


def test_first_home_card_is_featured_and_shows_no_cover_when_its_post_has_none(
    devblog: Built,
) -> None:
    home = devblog.page("")
    classes = attr(home, '//article[contains(@class, "pp-card")]/@class')
    assert classes == ["pp-card pp-card--featured", "pp-card"]
    assert home.xpath('//img[@class="pp-card__cover"]') == []  # On-Call has no cover
    # part 1 has a cover, but its cards are never the featured one: no page shows a card cover
    pages = devblog.site_dir.rglob("*.html")
    assert [p for p in pages if b"pp-card__cover" in p.read_bytes()] == []


def test_featured_home_card_shows_its_cover(tmp_path: Path) -> None:
    cover = "cover_image: ../assets/covers/{}.svg\npublished: true"
    older = GOOD_FRONT_MATTER.replace("published: true", cover.format("older"))
    newest = older.replace("2026-11-02", "2026-11-03").replace("older", "newest")
    svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="4"/>'
    config = write_site(
        tmp_path,
        {"older.md": older + "Older.\n", "newest.md": newest + "Newest.\n"},
        files={"assets/covers/older.svg": svg, "assets/covers/newest.svg": svg},
    )
    build_site(config, tmp_path / "site")
    site = Built(tmp_path / "site")
    [featured, other] = site.page("").xpath('//article[contains(@class, "pp-card")]')
    assert featured.get("class") == "pp-card pp-card--featured"
    [link] = featured.xpath("./a[img]")
    assert (link.get("href"), link.get("tabindex"), link.get("aria-hidden")) == (
        "larissacaldwell/newest/",
        "-1",
        "true",
    )
    assert attr(link, './img[@class="pp-card__cover"]/@src') == ["assets/covers/newest.svg"]
    assert other.get("class") == "pp-card"
    assert other.xpath(".//img[@class='pp-card__cover']") == []
    assert site.page("larissacaldwell/").xpath('//img[@class="pp-card__cover"]') == []


def test_tag_page(devblog: Built) -> None:
    page = devblog.page("t/queues/")
    assert page.findtext(".//title") == "#queues - Fixture DEV Blog"
    assert texts(page, "//h1") == ["#queues"]
    assert texts(page, '//p[@class="pp-listing__count"]') == ["3 posts"]
    assert card_titles(page) == [
        "Queues in Practice: Idempotency",
        "Queues in Practice: Dead Letters",
    ]
    assert card_titles(devblog.page("t/queues/page/2/")) == ["Queues in Practice: Why Backpressure"]
    assert card_titles(devblog.page("t/career/")) == ["On-Call Without Burnout"]


def test_author_page(devblog: Built) -> None:
    page = devblog.page("omarh/")
    assert page.findtext(".//title") == "Omar Haddad - Fixture DEV Blog"
    [profile] = page.xpath('//div[@class="pp-profile"]')
    assert texts(profile, ".//h1") == ["Omar Haddad"]
    assert texts(profile, './/p[@class="pp-profile__username"]') == ["@omarh"]
    assert texts(profile, './/p[@class="pp-profile__bio"]') == ["Writes about retries."]
    assert texts(profile, ".//dd") == ["Lisbon", "SRE at Example", "Joined on Jul 1, 2023"]
    assert card_titles(page) == ["On-Call Without Burnout", "Retries Without Regret"]
    assert attr(page, '//p[@class="pp-listing__feed"]/a/@href') == ["feed.xml"]


def test_series_page_lists_parts_in_order(devblog: Built) -> None:
    page = devblog.page("series/queues-in-practice/")
    assert texts(page, "//h1") == ["Queues in Practice (3 Part Series)"]
    assert texts(page, "//article//h2") == [
        "Part 1: Queues in Practice: Why Backpressure",
        "Part 2: Queues in Practice: Dead Letters",
    ]
    assert texts(devblog.page("series/queues-in-practice/page/2/"), "//article//h2") == [
        "Part 3: Queues in Practice: Idempotency"
    ]


# --- feeds, sitemap, search ------------------------------------------------------------------


def read_feed(built: Built, path: str) -> etree._Element:
    return etree.fromstring((built.site_dir / path).read_bytes())


def test_site_feed_is_rss_newest_first_with_absolute_links(devblog: Built) -> None:
    feed = read_feed(devblog, "feed.xml")
    assert feed.tag == "rss"
    assert feed.get("version") == "2.0"
    assert feed.findtext("channel/title") == "Fixture DEV Blog"
    assert feed.findtext("channel/link") == SITE_URL
    assert feed.findtext("channel/description") == "Posts for the site tests."
    # when the content last changed (the newest post), not the build's clock: builds repeat
    assert feed.findtext("channel/lastBuildDate") == "Tue, 01 Apr 2025 00:00:00 +0000"
    assert [i.findtext("link") for i in feed.iterfind("channel/item")] == [
        SITE_URL + ON_CALL,
        SITE_URL + PART_3,
        SITE_URL + PART_2,
        SITE_URL + RETRIES,
        SITE_URL + PART_1,
    ]
    first = feed.find("channel/item")
    assert first is not None
    assert first.findtext("title") == "On-Call Without Burnout"
    assert first.findtext("guid") == SITE_URL + ON_CALL
    assert first.findtext("pubDate") == "Tue, 01 Apr 2025 00:00:00 +0000"
    assert first.findtext("description") == "A rota that people can live with."
    assert first.findtext("{http://purl.org/dc/elements/1.1/}creator") == "Omar Haddad"
    assert [c.text for c in first.iterfind("category")] == ["career"]


def test_a_feed_changed_when_its_newest_post_was_updated(devblog: Built) -> None:
    feed = read_feed(devblog, "larissacaldwell/feed.xml")
    assert feed.findtext("channel/lastBuildDate") == "Mon, 10 Mar 2025 12:00:00 +0000"


def test_author_feed(devblog: Built) -> None:
    feed = read_feed(devblog, "omarh/feed.xml")
    assert feed.findtext("channel/title") == "Omar Haddad - Fixture DEV Blog"
    assert feed.findtext("channel/link") == SITE_URL + "omarh/"
    assert [i.findtext("title") for i in feed.iterfind("channel/item")] == [
        "On-Call Without Burnout",
        "Retries Without Regret",
    ]


def test_sitemap_lists_live_pages(devblog: Built) -> None:
    sitemap = read_feed(devblog, "sitemap.xml")
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locations = [loc.text for loc in sitemap.iterfind("s:url/s:loc", ns)]
    posts = [SITE_URL + url for url in (PART_1, PART_2, PART_3, RETRIES, ON_CALL)]
    assert set(posts) <= set(locations)
    assert len(locations) == 19  # the 19 pages of test_every_page_lives_at_its_dev_url


def test_search_index_holds_posts_only(devblog: Built) -> None:
    index = json.loads((devblog.site_dir / "search/search_index.json").read_text())
    pages = sorted({doc["location"].split("#")[0] for doc in index["docs"]})
    assert pages == sorted([PART_1, PART_2, PART_3, ON_CALL, RETRIES])
    titles = {doc["title"] for doc in index["docs"] if "#" not in doc["location"]}
    assert "Retries Without Regret" in titles


def test_build_writes_nothing_into_docs(tmp_path: Path) -> None:
    docs = SITES / "devblog" / "docs"
    before = {p: p.stat().st_mtime_ns for p in docs.rglob("*")}
    build_site(SITES / "devblog" / "mkdocs.yml", tmp_path / "site")
    assert {p: p.stat().st_mtime_ns for p in docs.rglob("*")} == before


def test_no_third_party_request_by_default(devblog: Built) -> None:
    for page_file in devblog.site_dir.rglob("*.html"):
        page = html.fromstring(page_file.read_bytes())
        loaded = attr(page, "//script/@src | //link[@rel='stylesheet']/@href | //img/@src")
        assert [u for u in loaded if u.startswith(("http:", "https:", "//"))] == [], page_file
        assert "giscus" not in page_file.read_text()


# --- giscus ---------------------------------------------------------------------------------

GISCUS = {
    "provider": "giscus",
    "repo": "proofpress/proofpress",
    "repo_id": "R_kgDOExample",
    "category": "Comments",
    "category_id": "DIC_kwDOExample",
}


def test_giscus_replaces_the_placeholder_when_configured(tmp_path: Path) -> None:
    config = SITES / "devblog" / "mkdocs.yml"
    import yaml

    extra = yaml.safe_load(config.read_text())["extra"]
    build_site(config, tmp_path / "site", extra={**extra, "comments": GISCUS})
    built = Built(tmp_path / "site")
    page = built.page(PART_1)
    [script] = page.xpath('//section[@id="comments"]//script')
    assert script.get("src") == "https://giscus.app/client.js"
    assert {k: v for k, v in script.attrib.items() if k.startswith("data-")} == {
        "data-repo": "proofpress/proofpress",
        "data-repo-id": "R_kgDOExample",
        "data-category": "Comments",
        "data-category-id": "DIC_kwDOExample",
        "data-mapping": "pathname",
        "data-strict": "1",
        "data-reactions-enabled": "1",
        "data-emit-metadata": "0",
        "data-input-position": "top",
        "data-theme": "preferred_color_scheme",
        "data-lang": "en",
        "data-loading": "lazy",
    }
    assert page.xpath('//section[@id="comments"]//textarea') == []
    assert built.page(ON_CALL).xpath("//script[contains(@src, 'giscus')]") == []  # comments: false
    assert built.page("").xpath("//script[contains(@src, 'giscus')]") == []


def test_incomplete_giscus_settings_fail_a_strict_build(
    tmp_path: Path, mkdocs_logs: list[logging.LogRecord]
) -> None:
    from mkdocs.exceptions import Abort

    with pytest.raises(Abort):
        build_site(
            SITES / "devblog" / "mkdocs.yml",
            tmp_path / "site",
            extra={"comments": {"provider": "giscus", "repo": "a/b"}},
        )
    hint = "\n    hint: complete the settings from giscus.app, or remove extra.comments"
    assert [r.getMessage() for r in mkdocs_logs if r.levelno == logging.WARNING] == [
        "mkdocs.yml:26:1: PP602 extra.comments: giscus needs category (the Discussions "
        "category for comments)" + hint,
        "mkdocs.yml:26:1: PP602 extra.comments: giscus needs category_id (that category's id "
        "from giscus.app)" + hint,
        "mkdocs.yml:26:1: PP602 extra.comments: giscus needs repo_id (the repository id "
        "giscus.app gives)" + hint,
    ]


def test_the_sample_blog_uses_the_repository_hooks() -> None:
    import yaml

    config = yaml.safe_load((REPO / "mkdocs.yml").read_text())
    assert config["hooks"] == ["hooks/check.py", "hooks/site.py"]
    assert config["nav"] == [{"Home": "index.md"}]


def test_a_docs_page_in_a_generated_place_fails_a_strict_build(
    tmp_path: Path, mkdocs_logs: list[logging.LogRecord]
) -> None:
    from conftest import GOOD_FRONT_MATTER, write_site
    from mkdocs.exceptions import Abort

    config = write_site(
        tmp_path,
        {"good.md": GOOD_FRONT_MATTER + "Some text.\n"},
        files={"t/web/index.md": "# Web\n"},
    )
    with pytest.raises(Abort):
        build_site(config, tmp_path / "site")
    # The check finds the clash before anything renders (PP504), as `proofpress check` does.
    assert [r.getMessage() for r in mkdocs_logs if r.levelno == logging.WARNING] == [
        "docs/t/web/index.md:1:1: PP504 the page's address /t/web/ is the page of the tag #web\n"
        "    hint: rename the page"
    ]


@pytest.mark.parametrize(
    ("options", "finding"),
    [
        (
            {"per_page": 0},
            "mkdocs.yml:28:5: PP602 extra.proofpress: per_page: expected a whole number from 1 "
            "to 500, found the number 0\n    hint: give the setting a value of the type the "
            "message names",
        ),
        (
            {"feed_size": "ten"},
            "mkdocs.yml:27:3: PP602 extra.proofpress: feed_size: expected a whole number from 1 "
            "to 1000, found 'ten'\n    hint: give the setting a value of the type the message "
            "names",
        ),
        (
            {"remote_images": "yes"},
            "mkdocs.yml:27:3: PP602 extra.proofpress: remote_images: expected true or false, "
            "found 'yes'\n    hint: write true or false unquoted",
        ),
        (
            {"pre_page": 3},
            "mkdocs.yml:27:3: PP601 extra.proofpress: unknown setting 'pre_page'; did you mean "
            "'per_page'?\n    hint: rename it to 'per_page'",
        ),
        (
            {"posts_dir": "../.."},
            "mkdocs.yml:27:3: PP602 extra.proofpress: posts_dir: expected a folder inside docs/, "
            "found '../..'\n    hint: name a folder relative to docs_dir, such as posts",
        ),
        (
            {"posts_dir": "articles"},
            "mkdocs.yml:27:3: PP602 extra.proofpress: posts_dir: docs/articles is not a folder\n"
            "    hint: create the folder, or name the folder your posts are in",
        ),
    ],
)
def test_bad_site_options_are_findings_located_in_mkdocs_yml(
    tmp_path: Path, mkdocs_logs: list[logging.LogRecord], options: dict, finding: str
) -> None:
    from mkdocs.exceptions import Abort

    with pytest.raises(Abort):
        build_site(
            SITES / "devblog" / "mkdocs.yml", tmp_path / "site", extra={"proofpress": options}
        )
    assert [r.getMessage() for r in mkdocs_logs if r.levelno == logging.WARNING] == [finding]


@pytest.mark.parametrize("extra", [{"comments": True}, {"proofpress": ["per_page", 3]}])
def test_settings_that_are_not_mappings_are_findings(
    tmp_path: Path, mkdocs_logs: list[logging.LogRecord], extra: dict
) -> None:
    from mkdocs.exceptions import Abort

    with pytest.raises(Abort):
        build_site(SITES / "devblog" / "mkdocs.yml", tmp_path / "site", extra=extra)
    [name] = extra
    found = "a list" if name == "proofpress" else "the boolean true"
    assert [r.getMessage() for r in mkdocs_logs if r.levelno == logging.WARNING] == [
        f"mkdocs.yml:{27 if name == 'proofpress' else 26}:{3 if name == 'proofpress' else 1}: "
        f"PP602 extra.{name}: expected a mapping of settings, found {found}\n"
        f"    hint: write one setting per line under extra.{name}:, or remove it"
    ]


def test_the_site_hook_refuses_to_run_without_the_check_hook(
    tmp_path: Path, mkdocs_logs: list[logging.LogRecord]
) -> None:
    from mkdocs.exceptions import Abort

    with pytest.raises(Abort):
        build_site(
            SITES / "devblog" / "mkdocs.yml",
            tmp_path / "site",
            hooks=[str(REPO / "hooks" / "site.py")],
        )
    assert [r.getMessage() for r in mkdocs_logs if r.levelno == logging.ERROR] == [
        "proofpress: the site hook needs the check hook: add '- hooks/check.py' before "
        "'- hooks/site.py' under hooks: in mkdocs.yml (a site is only built from proven posts)"
    ]
    assert list(tmp_path.glob("site/**/*.html")) == []


def test_dev_look_in_the_markup(devblog: Built) -> None:
    page = devblog.page(PART_2)
    # the series box comes before the body, inside the article
    [article] = page.xpath('//article[@class="pp-article"]')
    order = [el.get("class") for el in article.xpath("./*")]
    assert order.index("pp-series") < order.index("pp-body md-typeset")
    # Follow is a plain link to the author's feed
    [follow] = page.xpath('//a[@class="pp-follow"]')
    assert follow.get("href") == "../feed.xml"
    assert follow.text_content() == "Follow Larissa Caldwell by RSS"
    # the skip link goes to the article's header (title included), on every generated page
    for url in (PART_2, "", "t/queues/", "omarh/", "series/queues-in-practice/", "404.html"):
        listing = devblog.page(url)
        assert attr(listing, '//a[contains(@class, "pp-skip")]/@href') == ["#pp-main"], url
        assert len(listing.xpath('//*[@id="pp-main"]')) == 1, url
    assert page.xpath('//*[@id="pp-main"]//h1/text()') == ["Queues in Practice: Dead Letters"]
    # the menu button (shown on phones) opens the site's drawer: never an empty one
    assert attr(page, '//header//label[@for="__drawer"]/@class') == [
        "md-header__button md-icon pp-menu pp-menu--site"
    ]
    assert texts(page, '//nav[@class="pp-drawer__panel"]//a[not(@class)]') == [
        "Home",
        "RSS feed",
        "Omar Haddad",
        "Larissa Caldwell",
    ]
    # each tag carries its colours
    styles = attr(page, '//header[@class="pp-article__header"]//a[@class="pp-tag"]/@style')
    from proofpress.site.views import tag_colors

    assert styles == [
        f"--pp-tag-light: {light}; --pp-tag-dark: {dark}"
        for light, dark in (tag_colors("queues"), tag_colors("python"))
    ]
    # the footer, DEV's: the site and its description, its links and feeds, a small credit
    assert texts(page, '//p[@class="pp-footer__site"]') == [
        "Fixture DEV Blog — Posts for the site tests."
    ]
    footer = '//ul[@class="pp-footer__links"]//a'
    assert texts(page, footer) == [
        "Home",
        "RSS feed",
        "Omar Haddad",
        "Omar Haddad's feed",
        "Larissa Caldwell",
        "Larissa Caldwell's feed",
    ]
    assert attr(page, f"{footer}/@href") == [
        "../..",
        "../../feed.xml",
        "../../omarh/",
        "../../omarh/feed.xml",
        "../",  # this post's author: the page is inside larissacaldwell/
        "../feed.xml",
    ]
    for url in ("", "404.html"):  # on every page, the 404 page too
        assert texts(devblog.page(url), footer)[:2] == ["Home", "RSS feed"], url


def test_home_columns_and_tag_header(devblog: Built) -> None:
    home = devblog.page("")
    # popular tags: most live posts first, ties by name
    assert texts(home, '//aside[@class="pp-home__left"]//a[@class="pp-tag"]') == [
        "#python",
        "#queues",
        "#backend",
        "#career",
    ]
    assert texts(home, '//aside[@class="pp-home__right"]//section[1]//li/a') == [
        "Queues in Practice"
    ]
    assert devblog.page("page/2/").xpath('//aside[@class="pp-home__left"]') == []
    tag = devblog.page("t/queues/")
    [header] = tag.xpath('//div[@class="pp-tag-header"]')
    assert header.get("style").startswith("--pp-tag-light: #")
    assert texts(header, ".//h1") == ["#queues"]
