"""The site's pure parts without MkDocs: catalog indexes, media ownership, sanitizing."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest

from proofpress.records.authors import Author
from proofpress.records.model import Post
from proofpress.site import media, sanitize
from proofpress.site.catalog import Catalog

NOW = datetime(2026, 1, 1, tzinfo=UTC)
AUTHORS = {
    "a": Author(key="a", name="A", username="a"),
    "b": Author(key="b", name="B", username="b"),
}


def post(n: int, tags: tuple[str, ...] = (), **values: object) -> Post:
    fields: dict[str, object] = {
        "src_uri": f"posts/p{n}.md",
        "path": f"docs/posts/p{n}.md",
        "title": f"Post {n}",
        "date": NOW - timedelta(days=1000 - n),
        "author": "a",
        "slug": f"p{n}",
        "body": "Text.",
        "body_line": 5,
        "tags": tags,
        "published": True,
    }
    fields.update(values)
    return Post(**fields)  # type: ignore[arg-type]


def brute_read_next(target: Post, posts: list[Post], limit: int = 4) -> list[str]:
    """The definition: every other post ranked by shared tags, then date, then path."""
    others = [p for p in posts if p.src_uri != target.src_uri]
    ranked = sorted(
        others,
        key=lambda p: (len(set(p.tags) & set(target.tags)), p.date, p.src_uri),
        reverse=True,
    )
    return [p.src_uri for p in ranked[:limit]]


@pytest.mark.parametrize("seed", range(20))
def test_read_next_matches_the_definition(seed: int) -> None:
    rng = random.Random(seed)
    pool = ["python", "rust", "web", "db", "ops", "ai"]
    posts = [
        post(
            n,
            tuple(rng.sample(pool, rng.randint(0, 4))),
            date=NOW - timedelta(days=rng.randint(1, 40)),
        )
        for n in range(rng.randint(1, 60))
    ]
    catalog = Catalog.build(posts, AUTHORS, NOW)
    for target in posts:
        assert [p.src_uri for p in catalog.read_next(target)] == brute_read_next(target, posts)


def test_hidden_posts_are_kept_apart() -> None:
    draft = post(1, ("python",), published=False)
    scheduled = post(2, ("python",), date=NOW + timedelta(days=1))
    live = post(3, ("python",))
    catalog = Catalog.build([draft, scheduled, live], AUTHORS, NOW)
    assert catalog.live == [live]
    assert catalog.hidden == [scheduled, draft]
    assert catalog.by_tag == {"python": [live]}
    assert catalog.read_next(draft) == [live]


def test_more_from_skips_the_post_and_other_authors() -> None:
    posts = [post(n, author="a" if n % 2 else "b") for n in range(10)]
    catalog = Catalog.build(posts, AUTHORS, NOW)
    assert [p.slug for p in catalog.more_from(posts[9])] == ["p7", "p5", "p3"]
    assert [p.slug for p in catalog.more_from(posts[1])] == ["p9", "p7", "p5"]


def test_series_window_is_bounded_and_centred() -> None:
    parts = [post(n, series="Long") for n in range(12)]
    catalog = Catalog.build(parts, AUTHORS, NOW)
    assert catalog.series_slugs == {"Long": "long"}
    total, window, start = catalog.series_parts(parts[6])
    assert (total, [p.slug for p in window], start) == (12, ["p4", "p5", "p6", "p7", "p8"], 4)
    total, window, start = catalog.series_parts(parts[0])
    assert ([p.slug for p in window], start) == (["p0", "p1", "p2", "p3", "p4"], 0)
    total, window, start = catalog.series_parts(parts[11])
    assert ([p.slug for p in window], start) == (["p7", "p8", "p9", "p10", "p11"], 7)


def test_series_slugs_stay_unique() -> None:
    posts = [post(1, series="Go & Rust"), post(2, series="Go Rust"), post(3, series="日本語")]
    catalog = Catalog.build(posts, AUTHORS, NOW)
    slugs = catalog.series_slugs
    assert sorted(slugs.values()) == sorted(["go-rust", "go-rust-2", slugs["日本語"]])
    assert slugs["日本語"].startswith("s-")


# --- media ----------------------------------------------------------------------------------


def test_addresses_in_rendered_html_resolve_like_a_browser() -> None:
    body = (
        '<p><img src="img/one.png"> <a href="../assets/two.pdf" title="t">b</a> '
        '<img src="/assets/three.svg"> <img src="&#46;&#46;/four.png"> '
        '<a href="https://example.com/x.png">web</a> <a href="#top">anchor</a> '
        '<img src=" //host/x.png"> <img src="/\\host/y.png"> '
        '<picture><source srcset="five.png 1x, six.png 2x"></picture> '
        '<video poster="seven.png"></video> <span style="background: url(\'eight.png\')">'
        "</span></p>"
    )
    ledger = media.Ledger()
    ledger.use(body, "posts/x/")
    assert ledger.used == {
        "posts/x/img/one.png",
        "posts/assets/two.pdf",
        "assets/three.svg",
        "posts/four.png",
        "posts/x/five.png",
        "posts/x/six.png",
        "posts/x/seven.png",
        "posts/x/eight.png",
    }


def test_files_only_hidden_texts_use_are_dropped() -> None:
    ledger = media.Ledger()
    # a draft at posts/secret/index.md, would-be URL larissa/secret/
    ledger.claim(
        '<img src="../shared.png"><img src="diagram.png">', ["posts/secret/", "larissa/secret/"]
    )
    ledger.candidates.add("assets/draft-cover.png")
    files = [
        "posts/shared.png",
        "posts/live.png",
        "assets/cover.png",
        "assets/draft-cover.png",
        "posts/secret/diagram.png",
        "posts/secret/unreferenced.txt",
        "assets/logo.png",
    ]
    folders = media.own_folders(["posts/live.md"], ["posts/secret/index.md"], "posts")
    assert folders == {"posts/secret"}
    for folder in folders:
        ledger.claim_folder(folder, files)
    ledger.use('<img src="../../posts/shared.png"><img src="../../posts/live.png">', "l/live/")
    ledger.used.add("assets/cover.png")
    ledger.use('<img src="assets/logo.png">', "")
    assert ledger.unused(files) == {
        "assets/draft-cover.png",
        "posts/secret/diagram.png",
        "posts/secret/unreferenced.txt",
    }


# --- sanitizing -----------------------------------------------------------------------------

CASES = [
    ("script", "<p>a<script>alert(1)</script>b</p>", "<p>ab</p>"),
    ("handler", '<p onclick="x()">a</p>', "<p>a</p>"),
    (
        "javascript link",
        '<a href="javascript:alert(1)">a</a>',
        '<a rel="noopener noreferrer nofollow ugc">a</a>',
    ),
    ("style attribute", '<p style="color:red">a</p>', "<p>a</p>"),
    ("clobbering id", '<h2 id="__config">a</h2>', "<h2>a</h2>"),
    ("heading id kept", '<h2 id="intro">a</h2>', '<h2 id="intro">a</h2>'),
    ("remote image", '<img src="https://t.example/p.gif" alt="p">', '<img alt="p">'),
    ("local image", '<img src="../a.png" alt="a">', '<img src="../a.png" alt="a">'),
    ("code class", '<code class="language-py">x</code>', '<code class="language-py">x</code>'),
    ("iframe", '<iframe src="https://e.example"></iframe>', ""),
    (
        "task box",
        '<input type="checkbox" disabled checked><input type="text">',
        '<input type="checkbox" disabled="" checked=""><input>',
    ),
]


@pytest.mark.parametrize(("name", "given", "expected"), CASES, ids=[c[0] for c in CASES])
def test_clean(name: str, given: str, expected: str) -> None:
    assert sanitize.clean(given) == expected


def test_remote_images_when_allowed() -> None:
    given = '<img src="https://i.example/p.png">'
    assert sanitize.clean(given, remote_images=True) == given


def test_headings_shift_down_only_when_the_body_has_an_h1() -> None:
    assert sanitize.demote_headings("<h1>a</h1><h2>b</h2><h6>c</h6>") == (
        "<h2>a</h2><h3>b</h3><h6>c</h6>"
    )
    assert sanitize.demote_headings("<h2>b</h2>") == "<h2>b</h2>"


def test_excerpt_is_the_first_paragraph_as_text() -> None:
    assert sanitize.excerpt("<h2>x</h2><p>One <em>two</em> &amp; three.</p><p>no</p>") == (
        "One two & three."
    )
    assert sanitize.excerpt("<p>" + "word " * 100 + "</p>", limit=20) == "word word word word…"


def test_tag_colours_are_stable_per_name_and_readable_on_both_cards() -> None:
    from proofpress.site.views import DARK_CARD, LIGHT_CARD, TAG_CONTRAST, contrast, tag_colors

    def rgb(colour: str) -> tuple[float, float, float]:
        return (
            int(colour[1:3], 16) / 255,
            int(colour[3:5], 16) / 255,
            int(colour[5:7], 16) / 255,
        )

    names = ["python", "rust", "go", "javascript", "webdev", "a", "zz", "beginners"]
    colours = {name: tag_colors(name) for name in names}
    assert colours == {name: tag_colors(name) for name in names}  # the same on every build
    assert len({light for light, _ in colours.values()}) == len(names)  # hues differ by name
    for light, dark in colours.values():
        assert contrast(rgb(light), LIGHT_CARD) >= TAG_CONTRAST
        assert contrast(rgb(dark), DARK_CARD) >= TAG_CONTRAST
    # a chosen colour keeps its hue, darkened only as far as the white card needs
    assert tag_colors("python", "#3572a5")[0] == "#3572a5"
    light, dark = tag_colors("js", "#f7df1e")  # JavaScript's yellow: too light on white
    assert contrast(rgb(light), LIGHT_CARD) >= TAG_CONTRAST
    assert dark == "#f7df1e"


@pytest.mark.parametrize(
    ("site_name", "shown"),
    [
        ("Proofpress Sample Blog", "PSB"),
        ("Fixture DEV Blog", "FDB"),
        ("Notes on queues, retries and backoff", "NOQ"),
        ("ada", "ADA"),
        ("Ada", "ADA"),
        ("Q&amp;A &lt;Lab&gt;", "Q&amp;A"),  # HTML in, HTML out: "Q&A <Lab>" shows "Q&A"
        ("Écrire — en français", "ÉEF"),  # words start with a letter or digit
        ("", ""),
    ],
)
def test_logo_initials_as_dev_s_box_reads_dev(site_name: str, shown: str) -> None:
    from markupsafe import Markup

    from proofpress.site.pages import initials

    got = initials(Markup(site_name))
    assert (got, type(got)) == (shown, Markup)
