"""The dialect's parts on their own: the Liquid scan, tag grammars, DEV's slug, hard breaks,
the sanitiser's rules for cards and players, and word counts around tags."""

from __future__ import annotations

from urllib.parse import urlsplit

import markdown
import pytest

from proofpress.body import liquid, tags
from proofpress.body.tags import PLAYERS, TAGS, resolve
from proofpress.body.words import words
from proofpress.dialect.extension import FRAME_ALLOW, FRAME_SANDBOX, DevDialect, Links
from proofpress.dialect.slug import dev_slug
from proofpress.site import sanitize


def render(text: str, **config: object) -> str:
    return markdown.markdown(text, extensions=[DevDialect(**config), "toc"])


# --- finding tags ------------------------------------------------------------------------------


def test_scan_skips_every_kind_of_code_and_keeps_offsets() -> None:
    body = (
        "`{% a %}` and ``x {% b %} y``\n"
        "\n"
        "    {% indented %}\n"
        "\n"
        "~~~\n{% tilde %}\n~~~\n"
        "<!-- {% comment %} -->\n"
        "then {%- youtube dQw4w9WgXcQ -%} here\n"
    )
    (use,) = liquid.scan(body).tags
    assert (use.name, use.markup, use.line, use.column, use.own_line) == (
        "youtube",
        "dQw4w9WgXcQ",
        8,
        6,
        False,
    )
    assert body[use.start : use.end] == "{%- youtube dQw4w9WgXcQ -%}"


@pytest.mark.parametrize(
    ("body", "names"),
    [
        ("\\`{% a %}\\` and `{% b %}`\n", ["a"]),  # an escaped backtick opens no span
        ("`{% a %}\\` {% b %}\n", ["b"]),  # an escaped run still closes one
        ("``` {% a %} ``\n", ["a"]),  # runs of different lengths never pair
        ("`` {% a %}\n\n{% b %} ``\n", ["a", "b"]),  # nor across a blank line
        ("".join("`" * k + " {% a %} " for k in range(9, 1, -1)) + "``\n", ["a"] * 7),
    ],
)
def test_scan_reads_code_spans_as_the_word_counter_does(body: str, names: list[str]) -> None:
    assert [use.name for use in liquid.scan(body).tags] == names


def test_raw_hides_its_tags_and_katex_holds_tex() -> None:
    scan = liquid.scan("{% raw %}{% nope %}{% endraw %}\n{% katex %}\n{%x%}\n{% endkatex %}\n")
    assert [(r.inner_start, r.inner_end) for r in scan.raws] == [(9, 19)]
    assert [(r.open.name, r.close.name) for r in scan.regions] == [("katex", "endkatex")]
    assert scan.problems == []


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        ("a b", (["a", "b"], {})),
        ('"a b" c=d', (["a b"], {"c": "d"})),
        ("https://x.example/?q=1", (["https://x.example/?q=1"], {})),
        ("file='x y.js'", ([], {"file": "x y.js"})),
    ],
)
def test_argument_grammar(markup: str, expected: tuple[list[str], dict[str, str]]) -> None:
    assert tags.split_arguments(markup) == expected


def test_an_unclosed_quote_is_malformed() -> None:
    with pytest.raises(tags.ArgumentError, match="an unclosed quote in 'a \"b'"):
        tags.split_arguments('a "b')


def test_every_player_tag_has_a_player_and_the_rest_do_not() -> None:
    samples = {
        "twitter": "1",
        "tweet": "https://x.com/u/status/2",
        "youtube": "https://youtu.be/dQw4w9WgXcQ?t=30",
        "vimeo": "https://vimeo.com/3",
        "codepen": "https://codepen.io/u/pen/x",
        "codesandbox": "x",
        "stackblitz": "x",
        "jsfiddle": "https://jsfiddle.net/x",
        "replit": "@u/x",
        "glitch": "x code",
        "speakerdeck": "0123456789",
        "slideshare": "x",
        "spotify": "https://open.spotify.com/track/x",
        "instagram": "https://www.instagram.com/p/x/",
        "github": "o/r no-readme",
        "gist": "https://gist.github.com/u/0a",
        "link": "u/s",
        "post": "https://dev.to/u/s",
        "user": "u",
        "tag": "Python",
        "embed": "https://example.org/",
    }
    card_tags = {name for name, spec in TAGS.items() if spec.parse is not None}
    assert set(samples) == card_tags
    players = {name for name, markup in samples.items() if resolve(name, markup).frame}
    assert players == PLAYERS
    assert resolve("youtube", samples["youtube"]).frame == (
        "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?start=30"
    )
    assert resolve("tag", "Python").url == "https://dev.to/t/python"


def test_each_player_record_names_the_host_its_iframe_loads_from() -> None:
    samples = {
        "twitter": "1",
        "tweet": "https://x.com/u/status/2",
        "youtube": "https://youtu.be/dQw4w9WgXcQ?t=30",
        "vimeo": "https://vimeo.com/3",
        "codepen": "https://codepen.io/u/pen/x",
        "codesandbox": "x",
        "stackblitz": "x",
        "jsfiddle": "https://jsfiddle.net/x",
        "replit": "@u/x",
        "glitch": "x code",
        "speakerdeck": "0123456789",
        "slideshare": "x",
        "spotify": "https://open.spotify.com/track/x",
        "instagram": "https://www.instagram.com/p/x/",
    }
    assert set(samples) == tags.PLAYERS
    for name, markup in samples.items():
        frame = resolve(name, markup).frame
        assert frame is not None
        assert urlsplit(frame).hostname == TAGS[name].player
    assert {TAGS[name].player for name in samples} == tags.FRAME_HOSTS


# --- DEV's slug --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Hello World", "hello-world"),
        ("Day-one Plan", "dayone-plan"),
        ("snake_case  and   spaces", "snakecase-and-spaces"),
        ("Café à la carte", "café-à-la-carte"),
        ("What's new? C++ & <code>Node.js</code>!", "whats-new-c-nodejs"),
        ("Ship it 🚀 today", "ship-it-today"),
    ],
)
def test_dev_slug(title: str, slug: str) -> None:
    assert dev_slug(title) == slug


def test_a_heading_gets_devs_id_only_when_it_differs() -> None:
    html = render("## Day-one Plan\n\n## Same words\n")
    assert html == (
        '<h2 id="day-one-plan"><span class="pp-dev-anchor" id="dayone-plan"></span>Day-one Plan'
        '</h2>\n<h2 id="same-words">Same words</h2>'
    )


# --- hard breaks and emoji ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "html"),
    [
        ("one\ntwo\nthree", "<p>one<br />\ntwo<br />\nthree</p>"),
        ("two spaces  \nstill one break", "<p>two spaces<br />\nstill one break</p>"),
        ("*a\nb* c", "<p><em>a<br />\nb</em> c</p>"),
        # a code span's newline is a space (Redcarpet even breaks it: code<br>span)
        ("`code\nspan`", "<p><code>code span</code></p>"),
        ("> quoted\n> lines", "<blockquote>\n<p>quoted<br />\nlines</p>\n</blockquote>"),
        ("- tight\n  item", "<ul>\n<li>tight\nitem</li>\n</ul>"),  # as Redcarpet
        ("- loose\n  item\n\n- next",
         "<ul>\n<li>\n<p>loose<br />\nitem</p>\n</li>\n<li>\n<p>next</p>\n</li>\n</ul>"),
        ("Hi :wave: `:wave:`", "<p>Hi \U0001f44b <code>:wave:</code></p>"),
    ],
)  # fmt: skip
def test_hard_breaks_and_emoji(source: str, html: str) -> None:
    assert render(source) == html


def test_tags_render_as_cards_links_and_blocks() -> None:
    links = Links(posts={("me", "p"): ("me/p/", "My <post>")}, page_url="me/q/")
    html = render(
        "{% post me/p %}\n\nsee {% tag rust %} here\n\n{% details A & B %}\nx\n{% enddetails %}",
        links=links,
    )
    assert html == (
        '<div class="pp-liquid pp-linkcard"><a class="pp-linkcard__link" href="../p/">'
        '<span class="pp-card-icon" aria-hidden="true">DEV</span><span class="pp-linkcard__text">'
        '<span class="pp-linkcard__title">My &lt;post&gt;</span> <span class="pp-linkcard__url">'
        '<span class="pp-linkcard__host"></span><span class="pp-linkcard__path">/me/p/</span>'
        "</span></span></a></div>\n"
        '<p>see <a class="pp-liquid-link" href="https://dev.to/t/rust">#rust</a> here</p>\n'
        '<details class="pp-liquid pp-details"><summary>A &amp; B</summary>\n'
        "<p>x</p>\n</details>"
    )


def test_a_malformed_tag_stays_text() -> None:
    assert render("{% youtube nope %}") == "<p>{% youtube nope %}</p>"


# --- the sanitiser -----------------------------------------------------------------------------


def test_cards_keep_only_known_players() -> None:
    given = (
        '<a href="https://vimeo.com/1" data-pp-embed="https://player.vimeo.com/video/1">v</a>'
        '<a href="https://e.example/" data-pp-embed="https://e.example/frame">e</a>'
        '<a data-pp-embed="http://player.vimeo.com/video/1">plain http</a>'
    )
    rel = 'rel="noopener noreferrer nofollow ugc"'
    assert sanitize.clean(given) == (
        f'<a href="https://vimeo.com/1" data-pp-embed="https://player.vimeo.com/video/1" {rel}>v'
        f'</a><a href="https://e.example/" {rel}>e</a><a {rel}>plain http</a>'
    )


def test_iframes_only_with_embeds_and_always_sandboxed() -> None:
    given = (
        '<iframe src="https://player.vimeo.com/video/1" sandbox="allow-top-navigation" '
        'allow="camera; microphone" onload="x()"></iframe>'
        '<iframe src="https://evil.example/"></iframe>'
    )
    assert sanitize.clean(given) == ""
    assert sanitize.clean(given, embeds=True) == (
        f'<iframe src="https://player.vimeo.com/video/1" allow="{FRAME_ALLOW}" '
        f'sandbox="{FRAME_SANDBOX}"></iframe><iframe sandbox="{FRAME_SANDBOX}"></iframe>'
    )


# --- words -------------------------------------------------------------------------------------


def test_liquid_tags_are_not_words_but_summaries_are() -> None:
    prose = (
        "Read {% embed https://example.org/a-b %} this :rocket: now.\n"
        "{% details Why it works %}\nBecause.\n{% enddetails %}\n"
        "{% katex %}\nE = mc^2\n{% endkatex %}\n"
        "`{% tag python %}` stays code."
    )
    assert words(prose) == [
        "Read", "this", "now", "Why", "it", "works", "Because", "tag", "python", "stays", "code",
    ]  # fmt: skip


def test_posts_use_the_site_s_own_emoji_extension() -> None:
    """A post's :alias: is what the site's configured emoji extension makes of it, exactly as
    on the site's other pages (here pymdownx.emoji writing <img> tags)."""
    from pymdownx.emoji import to_png

    def page(post_page: bool) -> str:
        extensions = ["pymdownx.emoji", DevDialect(links=Links(post_page=post_page))]
        configs = {"pymdownx.emoji": {"emoji_generator": to_png}}
        return markdown.markdown("Hi :tada:", extensions=extensions, extension_configs=configs)

    assert page(post_page=True) == page(post_page=False)
    assert '<img alt="\U0001f389" class="emojione"' in page(post_page=True)


def test_the_emoji_index_is_built_once() -> None:
    """pymdownx deep-copies its index for every page unless handed a shared one."""
    from proofpress.dialect.extension import _gemoji

    assert _gemoji({}, None) is _gemoji({}, None)
    assert render(":tada:") == "<p>\U0001f389</p>"


@pytest.mark.parametrize(
    "body",
    [
        "\n\nIntro.\n\n{% youtube dQw4w9WgXcQ %}\n\n{% details Why? %}\nSo.\n{% enddetails %}\n",
        "Intro.\n\n{% youtube dQw4w9WgXcQ %}\n",
        "Intro\twith a tab.\n\n{% youtube dQw4w9WgXcQ %}\n",  # expanded: scanned again
        "Intro.\n   \n{% youtube dQw4w9WgXcQ %}\n",  # a line of spaces emptied: scanned again
    ],
)
def test_the_checks_scan_renders_as_a_fresh_scan_does(
    body: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The renderer uses the check's scan of a post only when it sees that very body; the
    page is the same either way."""
    fresh = markdown.markdown(body.lstrip("\n"), extensions=[DevDialect(links=Links())])
    scans: list[str] = []
    real_scan = liquid.scan
    monkeypatch.setattr(liquid, "scan", lambda text, *a: scans.append(text) or real_scan(text, *a))
    links = Links(checked=(body, real_scan(body)))
    reused = markdown.markdown(body.lstrip("\n"), extensions=[DevDialect(links=links)])
    assert reused == fresh
    assert "youtube" in reused
    assert len(scans) == (1 if "\t" in body or "   \n" in body else 0)
