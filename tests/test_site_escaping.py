"""Front matter and authors-file values full of markup show literally, everywhere.

The hostile fixture's title, description, series, author name, bio, location and work, and its
body's raw HTML, ``javascript:`` link and ``on*=`` handlers, must never become markup, in pages,
feeds, the search index or JSON-LD.
"""

from __future__ import annotations

import json
from html import unescape as html_unescape
from pathlib import Path

import pytest
from conftest import Built, build_site
from lxml import etree, html
from markupsafe import escape

HOSTILE = Path(__file__).resolve().parent / "fixtures" / "sites" / "hostile" / "mkdocs.yml"
TITLE = "Vec<T> & \"quotes\" </title><script>alert('title')</script>"
DESCRIPTION = "\"><img src=x onerror=alert('description')> & more"
NAME = 'Eve <img src=x onerror="alert(\'name\')"> & "Co"'
SERIES = "</script><script>alert('series')</script>"
SITE = 'Hostile <Site> & "Co"'
BIO = "<script>alert('bio')</script> writes & tests"
POST = "eve/hostile/"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Built:
    site_dir = tmp_path_factory.mktemp("hostile") / "site"
    build_site(HOSTILE, site_dir)
    return Built(site_dir)


def pages(built: Built) -> list[Path]:
    return sorted(built.site_dir.rglob("*.html"))


def words(element: html.HtmlElement) -> str:
    return " ".join(element.text_content().split())


def test_title_shows_literally_in_title_h1_header_and_meta(hostile: Built) -> None:
    page = hostile.page(POST)
    assert page.findtext(".//title") == f"{TITLE} - {SITE}"
    assert [words(h) for h in page.xpath("//h1")] == [TITLE]
    # DEV's bar shows the site, never the post's title (Material's header topic is gone)
    assert page.xpath('//div[@data-md-component="header-topic"]') == []
    assert TITLE not in words(page.xpath("//header")[0])
    for key, value in [("property", "og:title"), ("name", "twitter:title")]:
        assert page.xpath(f'//meta[@{key}="{value}"]/@content') == [TITLE]
    for key, value in [("name", "description"), ("property", "og:description")]:
        assert page.xpath(f'//meta[@{key}="{value}"]/@content') == [DESCRIPTION]
    assert page.xpath('//meta[@name="author"]/@content') == [NAME]


def test_json_ld_stays_valid_json(hostile: Built) -> None:
    [script] = hostile.page(POST).xpath('//script[@type="application/ld+json"]')
    data = json.loads(script.text)
    assert (data["headline"], data["description"], data["author"]["name"]) == (
        TITLE,
        DESCRIPTION,
        NAME,
    )
    assert "</" not in script.text


def test_author_values_show_literally(hostile: Built) -> None:
    page = hostile.page(POST)
    [card] = page.xpath('//section[@class="pp-author-card"]')
    assert words(card.xpath('.//*[@class="pp-author-card__name"]')[0]) == NAME
    assert words(card.xpath('.//p[@class="pp-author-card__bio"]')[0]) == (
        "<script>alert('bio')</script> writes & tests"
    )
    assert [words(dd) for dd in card.xpath(".//dd")] == [
        "\"><svg onload=alert('location')>",
        "</dd><b onmouseover=\"alert('work')\">work</b>",
        "Jan 1, 2024",
    ]
    profile = hostile.page("eve/")
    assert [words(h) for h in profile.xpath("//h1")] == [NAME]
    assert profile.findtext(".//title") == f"{NAME} - {SITE}"


def test_series_and_canonical_show_literally(hostile: Built) -> None:
    page = hostile.page(POST)
    [title] = page.xpath('//p[@class="pp-series__title"]')
    assert words(title) == f"{SERIES} (2 Part Series)"
    assert page.xpath('//link[@rel="canonical"]/@href') == [
        'https://evil.example/a?b="c"onmouseover="alert(\'canonical\')'
    ]
    series = html.fromstring(
        next((hostile.site_dir / "series").iterdir()).joinpath("index.html").read_bytes()
    )
    assert [words(h) for h in series.xpath("//h1")] == [f"{SERIES} (2 Part Series)"]


def test_listing_cards_show_literally(hostile: Built) -> None:
    for url in ("", "eve/", "t/rust/"):
        page = hostile.page(url)
        titles = [words(a) for a in page.xpath('//article[contains(@class, "pp-card")]//h2/a')]
        assert titles == [TITLE, "A plain neighbour"], url
        names = {words(a) for a in page.xpath('//a[@class="pp-byline__name"]')}
        assert names == {NAME}, url


def test_nothing_from_the_post_runs_on_any_page(hostile: Built) -> None:
    for path in pages(hostile):
        page = html.fromstring(path.read_bytes())
        handlers = [
            (el.tag, name) for el in page.iter() for name in el.attrib if name.startswith("on")
        ]
        assert handlers == [], path
        scripts = [s.text or "" for s in page.xpath("//script")]
        assert [s for s in scripts if "alert" in s and not s.lstrip().startswith("{")] == [], path
        hrefs = page.xpath("//@href | //@src")
        assert [h for h in hrefs if h.strip().lower().startswith(("javascript:", "data:"))] == []
        clobbering = "//*[@id='__config'][not(self::script)]"
        assert page.xpath(f"//iframe | //svg[@onload] | {clobbering}") == []


def test_body_html_is_sanitized(hostile: Built) -> None:
    [body] = hostile.page(POST).xpath('//div[contains(@class, "pp-body")]')
    assert body.xpath(".//script | .//iframe | .//*[@style]") == []
    assert [a.get("href") for a in body.xpath(".//p//a")] == [None, None]
    assert [(img.get("src"), img.get("onerror")) for img in body.xpath(".//img")] == [("x", None)]
    assert words(body.xpath(".//h2")[0]) == "Vec heading"  # <T> reads as an unknown HTML tag


def test_feeds_carry_every_text_as_escaped_html(hostile: Built) -> None:
    """RSS readers read descriptions (and titles) as HTML: each text is HTML-escaped, then XML."""
    channels = {"feed.xml": (SITE, ""), "eve/feed.xml": (f"{NAME} - {SITE}", BIO)}
    for path, (channel_title, channel_description) in channels.items():
        feed = etree.fromstring((hostile.site_dir / path).read_bytes())
        texts = {
            "channel title": feed.findtext("channel/title"),
            "channel description": feed.findtext("channel/description"),
            "title": feed.findtext("channel/item/title"),
            "description": feed.findtext("channel/item/description"),
            "creator": feed.findtext("channel/item/{http://purl.org/dc/elements/1.1/}creator"),
        }
        assert texts == {
            "channel title": str(escape(channel_title)),
            "channel description": str(escape(channel_description)),
            "title": str(escape(TITLE)),
            "description": str(escape(DESCRIPTION)),
            "creator": str(escape(NAME)),
        }, path
        for name, text in texts.items():  # as a feed reader renders it: text, no element
            if text:
                fragment = html.fragment_fromstring(text, create_parent="div")
                assert (len(fragment), fragment.text_content()) == (0, html_unescape(text)), name


def test_search_index_holds_the_title_escaped(hostile: Built) -> None:
    raw = (hostile.site_dir / "search/search_index.json").read_text()
    index = json.loads(raw)
    titles = [doc["title"] for doc in index["docs"] if doc["location"] == POST]
    assert titles == [str(escape(TITLE))]  # Material shows index titles as HTML
    assert "<script" not in raw.lower()
    assert "<img" not in raw.lower()


# --- every value of mkdocs.yml, .authors.yml and proofpress init, in every built file ----------

PAYLOAD = "<img src=x onerror=alert(1)>"


def live_markup(site_dir: Path, payload: str = PAYLOAD) -> list[str]:
    """Built files (HTML, feeds, sitemap, search index; .gz decompressed) holding ``payload``
    as live markup, that is unescaped."""
    import gzip

    hits = []
    for file in sorted(site_dir.rglob("*")):
        if file.is_file():
            data = file.read_bytes()
            data = gzip.decompress(data) if file.suffix == ".gz" else data
            if payload.encode() in data:
                hits.append(file.relative_to(site_dir).as_posix())
    return hits


def test_every_setting_a_template_prints_is_escaped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import yaml
    from conftest import GOOD_FRONT_MATTER, write_site

    authors = (
        f"larissa:\n  name: 'Lar {PAYLOAD}'\n  username: larissacaldwell\n"
        f"  bio: '{PAYLOAD}'\n  location: '{PAYLOAD}'\n  work: '{PAYLOAD}'\n"
    )
    about = "---\ntitle: About\n---\n\nAbout us.\n"
    config = write_site(
        tmp_path, {"good.md": GOOD_FRONT_MATTER + "Text.\n"}, authors, {"about.md": about}
    )
    settings = yaml.safe_load(config.read_text(encoding="utf-8"))
    settings.update(
        site_name=f"Site {PAYLOAD}",
        site_description=f"Described {PAYLOAD}",
        site_author=f"Author {PAYLOAD}",
        copyright=f"Copyright {PAYLOAD}",
        repo_name=f"Repo {PAYLOAD}",
        repo_url="https://git.example/blog",
        nav=[{f"Section {PAYLOAD}": ["index.md", "about.md"]}, {PAYLOAD: "https://e.example/"}],
    )
    settings["extra"]["social"] = [
        {"icon": "fontawesome/brands/github", "link": "https://e.example/", "name": PAYLOAD}
    ]
    settings["extra"]["consent"] = {"title": f"Consent {PAYLOAD}", "description": PAYLOAD}
    config.write_text(yaml.safe_dump(settings, sort_keys=False), encoding="utf-8")
    site_dir = tmp_path / "site"
    build_site(config, site_dir)
    assert live_markup(site_dir) == []
    build_site(config, site_dir)  # warm: the cached conversions change nothing
    assert live_markup(site_dir) == []
    # The values did reach the templates, as text: nothing passes by being left out.
    shown = {
        page: " ".join(html.fromstring((site_dir / page).read_bytes()).text_content().split())
        for page in (
            "404.html",
            "about/index.html",
            "index.html",
            "larissacaldwell/good/index.html",
        )
    }
    for page, text in shown.items():
        for value in ("Site", "Copyright", "Repo", "Consent"):
            assert f"{value} {PAYLOAD}" in text, (page, value)
    # the page that shows the nav (404.html, DEV's way, has none since issue 25)
    assert f"Section {PAYLOAD}" in shown["about/index.html"]
    assert "Section" not in shown["404.html"]
    assert f"Lar {PAYLOAD}" in shown["larissacaldwell/good/index.html"]
    head = html.fromstring((site_dir / "about/index.html").read_bytes())
    assert head.xpath('//meta[@name="description"]/@content') == [f"Described {PAYLOAD}"]
    assert head.xpath('//meta[@name="author"]/@content') == [f"Author {PAYLOAD}"]
    assert head.findtext(".//title") == f"About - Site {PAYLOAD}"
    feed = etree.fromstring((site_dir / "feed.xml").read_bytes())
    assert feed.findtext("channel/title") == str(escape(f"Site {PAYLOAD}"))


def test_proofpress_init_values_are_escaped_in_every_built_file(tmp_path: Path) -> None:
    from conftest import run_module

    done = run_module(
        tmp_path,
        "proofpress",
        "init",
        "blog",
        *("--name", f"Ada {PAYLOAD}", "--username", "ada", "--site-name", f"Notes {PAYLOAD}"),
        *("--site-url", "https://ada.example.org/", "--bio", PAYLOAD),
    )
    assert done.returncode == 0, done.stderr
    site_dir = tmp_path / "site"
    build_site(tmp_path / "blog/mkdocs.yml", site_dir)
    assert live_markup(site_dir) == []
    for page in ("404.html", "index.html", "ada/index.html"):
        text = html.fromstring((site_dir / page).read_bytes()).text_content()
        assert f"Notes {PAYLOAD}" in text, page
    assert (
        f"Ada {PAYLOAD}"
        in html.fromstring((site_dir / "ada/index.html").read_bytes()).text_content()
    )


BREAKOUT = '"><img src=x onerror=alert(1)>'


def test_every_theme_setting_material_prints_is_escaped(tmp_path: Path) -> None:
    """The palette toggles' names, the logo, the favicon, the icons and extra_css reach
    Material's templates as escaped text; extra_javascript is escaped by MkDocs' own filter."""
    import yaml
    from conftest import GOOD_FRONT_MATTER, write_site

    config = write_site(tmp_path, {"good.md": GOOD_FRONT_MATTER + "Text.\n"})
    settings = yaml.safe_load(config.read_text(encoding="utf-8"))
    theme = settings["theme"]
    for number, entry in enumerate(theme["palette"]):
        entry["toggle"]["name"] = f"Mode {number}{BREAKOUT}"
    theme.update(logo=f"logo.png{BREAKOUT}", favicon=f"icon.png{BREAKOUT}")
    settings.update(extra_css=[f"extra.css{BREAKOUT}"], extra_javascript=[f"x.js{BREAKOUT}"])
    config.write_text(yaml.safe_dump(settings, sort_keys=False), encoding="utf-8")
    site_dir = tmp_path / "site"
    build_site(config, site_dir)
    assert live_markup(site_dir, "<img src=x onerror") == []
    page = html.fromstring((site_dir / "larissacaldwell/good/index.html").read_bytes())
    labels = {label for label in page.xpath("//@aria-label | //@title") if "Mode" in label}
    assert labels == {f"Mode 0{BREAKOUT}", f"Mode 1{BREAKOUT}"}  # text, not markup
    assert f"icon.png{BREAKOUT}" in page.xpath("//link[@rel='icon']/@href")[0]
    # the logo goes in DEV's logo box, in place of the site's initials, on the 404 page too
    for shown in (page, html.fromstring((site_dir / "404.html").read_bytes())):
        [logo] = shown.xpath('//header//a[contains(@class, "pp-logo")]')
        assert logo.get("class") == "pp-logo pp-logo--image"
        assert logo.xpath("./img/@src")[0].endswith(f"logo.png{BREAKOUT}")
        assert logo.xpath(".//span") == []
    assert any(href.endswith(f"extra.css{BREAKOUT}") for href in page.xpath("//link/@href"))
