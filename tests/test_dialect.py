"""DEV's dialect on the built site: a blog written the dev-to-git way, built strictly by MkDocs
and read with lxml. Every Liquid tag renders offline; code keeps its tags; hard breaks, emoji,
details, math and DEV's heading anchors render as DEV renders them.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from conftest import Built, build_site
from lxml import html

from proofpress.dialect.extension import FRAME_ALLOW, FRAME_SANDBOX

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "sites" / "devdialect"
TOUR = "larissacaldwell/liquid-tour/"
SECOND = "larissacaldwell/second-post/"
REMOTE_COVER = (
    "https://raw.githubusercontent.com/larissacaldwell/blog/master/blog-posts/second-post/"
    "assets/cover.png"
)
# Each embed card: (the provider's page, the player its click loads).
EMBEDS = [
    (
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
    ),
    ("https://vimeo.com/76979871", "https://player.vimeo.com/video/76979871"),
    (
        "https://twitter.com/i/status/1234567890123456789",
        "https://platform.twitter.com/embed/Tweet.html?id=1234567890123456789",
    ),
    (
        "https://twitter.com/i/status/1234567890123456790",
        "https://platform.twitter.com/embed/Tweet.html?id=1234567890123456790",
    ),
    (
        "https://codepen.io/larissa/pen/abcXYZ",
        "https://codepen.io/larissa/embed/abcXYZ?default-tab=js%2Cresult",
    ),
    (
        "https://codesandbox.io/s/retry-queue-2j4k",
        "https://codesandbox.io/embed/retry-queue-2j4k?initialpath=%2Fsrc%2Findex.js",
    ),
    (
        "https://stackblitz.com/edit/retry-queue",
        "https://stackblitz.com/edit/retry-queue?embed=1&view=preview&file=index.ts",
    ),
    (
        "https://jsfiddle.net/larissa/a1b2c3/",
        "https://jsfiddle.net/larissa/a1b2c3/embedded/result,js/",
    ),
    (
        "https://replit.com/@larissa/retry-queue",
        "https://replit.com/@larissa/retry-queue?embed=true",
    ),
    (
        "https://glitch.com/~retry-queue",
        "https://glitch.com/embed/#!/embed/retry-queue?path=server.js&previewSize=100",
    ),
    (
        "https://speakerdeck.com/player/0123456789abcdef",
        "https://speakerdeck.com/player/0123456789abcdef",
    ),
    (
        "https://www.slideshare.net/slideshow/embed_code/key/5xJ7u2bH",
        "https://www.slideshare.net/slideshow/embed_code/key/5xJ7u2bH",
    ),
    (
        "https://open.spotify.com/episode/5V4XZWqZQJvbddd31n56mf",
        "https://open.spotify.com/embed/episode/5V4XZWqZQJvbddd31n56mf",
    ),
    ("https://www.instagram.com/p/CKu7yS8JnR7/", "https://www.instagram.com/p/CKu7yS8JnR7/embed/"),
    (
        "https://www.youtube.com/watch?v=9bZkp7q19f0",
        "https://www.youtube-nocookie.com/embed/9bZkp7q19f0",
    ),
]
# Each link card: (its title, where it points). Posts, users and tags of this site stay here.
LINKS = [
    ("@larissacaldwell", "../"),
    ("@ben", "https://dev.to/ben"),
    ("#python", "../../t/python/"),
    ("#rust", "https://dev.to/t/rust"),
    ("Retries, Briefly", "../second-post/"),
    ("ben/welcome-thread", "https://dev.to/ben/welcome-thread"),
    ("Retries, Briefly", "../second-post/"),  # a DEV URL: the slug has DEV's suffix
    ("proofpress/proofpress", "https://github.com/proofpress/proofpress"),
    ("proofpress/proofpress#8", "https://github.com/proofpress/proofpress/issues/8"),
    (
        "gist larissacaldwell/0123abcd (retry.py)",
        "https://gist.github.com/larissacaldwell/0123abcd",
    ),
    ("example.com/articles/queues", "https://example.com/articles/queues?ref=dev"),
]
RAW_SENTENCE = "Write {% youtube id %} to embed a video."


def _build(
    tmp_path_factory: pytest.TempPathFactory,
    name: str,
    extensions: tuple[object, ...] = (),
    **settings: object,
) -> Built:
    root = tmp_path_factory.mktemp(name)
    site = root / "blog"
    shutil.copytree(FIXTURE, site)
    config = site / "mkdocs.yml"
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    data["hooks"] = [str(FIXTURE.parent.parent.parent.parent / h[12:]) for h in data["hooks"]]
    # Without DEV's ids, a link written for DEV (#dayone-plan…) does not resolve.
    data["validation"]["anchors"] = settings.pop("anchors", "warn")
    data["extra"]["proofpress"].update(settings)
    data["markdown_extensions"].extend(extensions)
    config.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    build_site(config, root / "site")
    return Built(root / "site")


@pytest.fixture(scope="module")
def dialect_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    site_dir = tmp_path_factory.mktemp("devdialect") / "site"
    build_site(FIXTURE / "mkdocs.yml", site_dir)
    return Built(site_dir)


@pytest.fixture(scope="module")
def body(dialect_site: Built) -> html.HtmlElement:
    (found,) = dialect_site.page(TOUR).xpath('//div[contains(@class, "pp-body")]')
    return found


def _text_outside_code(element: html.HtmlElement) -> str:
    return "".join(
        str(text) for text in element.xpath(".//text()[not(ancestor::code or ancestor::pre)]")
    )


def test_no_liquid_is_left_outside_code(dialect_site: Built, body: html.HtmlElement) -> None:
    assert _text_outside_code(body).count("{%") == 1  # only the {% raw %} example
    assert RAW_SENTENCE in [" ".join(p.text_content().split()) for p in body.iter("p")]
    (second,) = dialect_site.page(SECOND).xpath('//div[contains(@class, "pp-body")]')
    assert "{%" not in _text_outside_code(second)


def test_code_keeps_its_tags_literally(body: html.HtmlElement) -> None:
    inline = [c.text_content() for c in body.xpath(".//p/code | .//td/code")]
    assert inline == ["{% embed https://dev.to %}", "{% github %}"]
    (fence,) = body.xpath('.//div[contains(@class, "highlight")]//code')
    assert fence.text_content() == "{% youtube dQw4w9WgXcQ %}\n{% details Summary %}\n"


def test_embeds_are_click_to_load_cards(body: html.HtmlElement) -> None:
    cards = body.xpath('.//div[@class="pp-liquid pp-embed"]/a[@data-pp-embed]')
    assert [(a.get("href"), a.get("data-pp-embed")) for a in cards] == EMBEDS
    assert body.xpath(".//iframe") == []
    first = " ".join(cards[0].text_content().split())
    assert first == (
        "▶YouTube video www.youtube.com/watch?v=dQw4w9WgXcQ Click to load the YouTube player "
        "(content from www.youtube-nocookie.com)"
    )


def test_link_tags_are_cards_pointing_here_or_to_dev(body: html.HtmlElement) -> None:
    cards = body.xpath('.//div[@class="pp-liquid pp-linkcard"]/a')
    found = [(a.xpath('string(.//*[@class="pp-linkcard__title"])'), a.get("href")) for a in cards]
    assert found == LINKS
    (inline,) = body.xpath(".//p/a[@class='pp-liquid-link']")  # inside a sentence: a link
    assert (inline.get("href"), inline.text) == ("../second-post/", "Retries, Briefly")


def test_local_link_targets_exist(dialect_site: Built) -> None:
    for target in ("", "../second-post/", "../../t/python/"):
        page = (dialect_site.site_dir / TOUR / target / "index.html").resolve()
        assert page.is_file(), target


def test_details_blocks(body: html.HtmlElement) -> None:
    details = body.xpath('.//details[@class="pp-liquid pp-details"]')
    assert [d.find("summary").text for d in details] == [
        "Why retry at all?",
        "The answer",
        "More notes",
    ]
    first = details[0].find("p")
    assert html.tostring(first, encoding="unicode") == (
        "<p>Because networks <em>fail</em> briefly<br>\nand then recover.</p>\n"
    )


def test_hard_breaks_where_dev_has_them(body: html.HtmlElement) -> None:
    paragraphs = body.findall("p")
    assert html.tostring(paragraphs[0], encoding="unicode") == (
        "<p>Hello DEV \U0001f44b this post was written for dev.to first.<br>\n"
        "A single newline is a line break here, as on DEV.</p>\n"
    )
    assert html.tostring(paragraphs[1], encoding="unicode") == "<p>Sincerely,<br>\nLucibit</p>\n"
    items = body.xpath(".//ul/li")
    assert [li.text for li in items] == [
        "a list item\ncontinued without a break",
        "another \U0001f680",
    ]
    assert body.xpath(".//li//br | .//td//br | .//h2//br | .//pre//br") == []


def test_emoji_aliases_are_characters(body: html.HtmlElement) -> None:
    assert body.xpath("string(.//ul/li[2])") == "another \U0001f680"
    assert ":wave:" not in body.text_content()
    assert body.xpath(".//img") == []  # no emoji picture from a CDN


def test_katex_is_mathml(body: html.HtmlElement) -> None:
    (math,) = body.xpath('.//div[@class="pp-liquid pp-katex"]/math')
    assert math.get("display") == "block"
    assert [el.tag for el in math.iter()][:5] == ["math", "mrow", "mi", "mo", "mi"]
    assert math.xpath("string(.//msqrt)") == "a2+b2"


def test_dev_heading_anchors_resolve(body: html.HtmlElement) -> None:
    (heading,) = body.xpath('.//h2[@id="day-one-plan-for-cafe-queues"]')
    (anchor,) = heading.xpath('span[@class="pp-dev-anchor"]')
    assert anchor.get("id") == "dayone-plan-for-café-queues"
    links = [a.get("href") for a in body.xpath(".//p/a[starts-with(@href, '#')]")]
    assert links == ["#tags-in-code-stay-as-written", "#dayone-plan-for-café-queues"]
    ids = set(body.xpath(".//@id"))
    assert all(link[1:] in ids for link in links)
    # a heading whose DEV slug equals Python-Markdown's gets no second anchor
    assert body.xpath('.//h2[@id="math-and-folds"]/span') == []


def test_pages_other_than_posts_read_as_python_markdown(dialect_site: Built) -> None:
    (intro,) = dialect_site.page("").xpath("//p[starts-with(., 'Posts written for DEV')]")
    assert intro.text_content() == "Posts written for DEV,\nkept in git."
    assert intro.findall("br") == []


def test_remote_cover_and_empty_optional_keys(dialect_site: Built) -> None:
    page = dialect_site.page(SECOND)
    assert page.xpath('//img[contains(@class, "pp-cover")]/@src') == [REMOTE_COVER]
    assert page.xpath('//*[contains(@class, "pp-series")]') == []
    assert "Originally published" not in page.text_content()


def test_only_first_party_scripts_on_the_post(dialect_site: Built) -> None:
    sources = dialect_site.page(TOUR).xpath("//script/@src")
    assert "../../assets/javascripts/pp-embeds.js" in sources
    assert [s for s in sources if "://" in s or s.startswith("//")] == []
    script = dialect_site.site_dir / "assets/javascripts/pp-embeds.js"
    assert f'"{FRAME_SANDBOX}"' in script.read_text(encoding="utf-8")
    assert f'"{FRAME_ALLOW}"' in script.read_text(encoding="utf-8")


def test_embeds_setting_renders_sandboxed_players(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    built = _build(tmp_path_factory, "embeds", embeds=True)
    (body,) = built.page(TOUR).xpath('//div[contains(@class, "pp-body")]')
    frames = body.xpath(".//iframe")
    assert [f.get("src") for f in frames] == [frame for _, frame in EMBEDS]
    assert {f.get("sandbox") for f in frames} == {FRAME_SANDBOX}
    assert {f.get("allow") for f in frames} == {FRAME_ALLOW}
    assert body.xpath(".//a[@data-pp-embed]") == []


def test_listing_the_extension_by_name_changes_nothing(
    tmp_path_factory: pytest.TempPathFactory, body: html.HtmlElement
) -> None:
    built = _build(tmp_path_factory, "listed", extensions=("proofpress.dialect",))
    (listed,) = built.page(TOUR).xpath('//div[contains(@class, "pp-body")]')
    assert html.tostring(listed) == html.tostring(body)


def test_markdown_dialect_leaves_posts_as_python_markdown_reads_them(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    built = _build(tmp_path_factory, "plain", dialect="markdown", anchors="info")
    (body,) = built.page(TOUR).xpath('//div[contains(@class, "pp-body")]')
    assert "{% youtube dQw4w9WgXcQ %}" in _text_outside_code(body)
    assert ":wave:" in body.text_content()
    assert body.xpath(".//br | .//details | .//*[@data-pp-embed]") == []


def test_each_post_s_liquid_is_found_once(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The check's scan of a post's Liquid is the renderer's too."""
    from proofpress.body import liquid
    from proofpress.check.engine import check_site
    from proofpress.hooks.config import load_site_config

    scanned: list[str] = []
    real_scan = liquid.scan

    def counting_scan(body: str, *args: object) -> liquid.Scan:
        scanned.append(body)
        return real_scan(body, *args)  # type: ignore[arg-type]

    monkeypatch.setenv("PROOFPRESS_CACHE", "off")  # the check reads every post
    monkeypatch.setattr(liquid, "scan", counting_scan)
    built = _build(tmp_path_factory, "once")
    config = load_site_config(FIXTURE / "mkdocs.yml")
    monkeypatch.setattr(liquid, "scan", real_scan)
    live = [p for p in check_site(config).posts if p.published and "{%" in p.body]
    assert live  # a real test: a post holds Liquid
    for post in live:
        assert scanned.count(post.body) == 1, post.src_uri
    assert built.page(TOUR).xpath('//div[contains(@class, "pp-body")]')
