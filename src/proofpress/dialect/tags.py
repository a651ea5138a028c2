"""Every Liquid tag Proofpress renders, each with its small argument grammar.

A tag's markup (split by :func:`proofpress.dialect.liquid.split_arguments`) becomes a
:class:`Target`: the page a reader can open, the iframe address when the tag embeds a player,
and what a card shows. Nothing here makes a request: DEV fetches titles and READMEs from its
database and GitHub; the site shows a link card (host, path, an icon) instead.

Grammars, as the hint of a malformed tag prints them, are in :data:`TAGS` (``usage``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

from latex2mathml.converter import convert as tex_to_mathml

from proofpress.dialect.liquid import ArgumentError, split_arguments
from proofpress.weburl import browser_host, is_web_address

DEV = "https://dev.to/"


@dataclass(frozen=True, slots=True)
class Target:
    provider: str  # "YouTube", shown on the card
    icon: str  # a short glyph for the card's icon
    url: str  # the page a reader opens (https)
    title: str  # the card's title
    frame: str | None = None  # the player's iframe address; None for a link card
    local: tuple[str, ...] | None = None  # ("post", user, slug), ("user", name), ("tag", name)


Parser = Callable[[list[str], dict[str, str]], Target]


@dataclass(frozen=True, slots=True)
class TagSpec:
    name: str
    usage: str  # the grammar, as hints print it
    parse: Parser | None  # None for block and raw tags, which the renderer handles itself
    kind: str = "card"  # "card", "block" (details and friends), "katex", "raw"


# --- helpers ----------------------------------------------------------------------------------


def _one(args: list[str], what: str, extra: int = 0) -> str:
    if not args:
        raise ArgumentError(f"expected {what}, found nothing")
    if len(args) > 1 + extra:
        raise ArgumentError(f"expected {what}, found {len(args)} arguments: {' '.join(args)}")
    return args[0]


def _no_options(options: dict[str, str], allowed: tuple[str, ...] = ()) -> None:
    unknown = [key for key in options if key not in allowed]
    if unknown:
        known = f"; known options: {', '.join(allowed)}" if allowed else ""
        raise ArgumentError(f"unknown option '{unknown[0]}='{known}")


def _https(value: str, what: str) -> str:
    if not is_web_address(value):  # read as a browser reads it: never https://a\\@b/
        raise ArgumentError(f"expected {what}, found '{value}'")
    return value


def _match(value: str, patterns: tuple[str, ...], what: str) -> re.Match[str]:
    for pattern in patterns:
        found = re.fullmatch(pattern, value)
        if found:
            return found
    raise ArgumentError(f"expected {what}, found '{value}'")


def _host_path(url: str) -> str:
    return (browser_host(url) or "") + urlsplit(url).path


# --- link cards -------------------------------------------------------------------------------

_DEV_POST = (r"(?:https?://(?:www\.)?dev\.to)?/?(?P<user>\w+)/(?P<slug>[\w-]+)/?",)


def _post(args: list[str], options: dict[str, str]) -> Target:
    _no_options(options)
    found = _match(
        _one(args, "a DEV post URL or user/slug"), _DEV_POST, "a DEV post URL or user/slug"
    )
    user, slug = found["user"], found["slug"]
    return Target("DEV", "DEV", f"{DEV}{user}/{slug}", f"{user}/{slug}", local=("post", user, slug))


def _user(args: list[str], options: dict[str, str]) -> Target:
    _no_options(options)
    name = _match(_one(args, "a username"), (r"@?(\w+)",), "a username (letters, digits, _)")[1]
    return Target("DEV", "DEV", f"{DEV}{name}", f"@{name}", local=("user", name))


def _tag(args: list[str], options: dict[str, str]) -> Target:
    _no_options(options)
    name = _match(_one(args, "a tag"), (r"#?([A-Za-z0-9]+)",), "a tag (letters and digits)")[1]
    name = name.lower()
    return Target("DEV", "#", f"{DEV}t/{name}", f"#{name}", local=("tag", name))


_GITHUB = (
    r"(?P<repo>[\w.-]+/[\w.-]+)",
    r"https://github\.com/(?P<repo>[\w.-]+/[\w.-]+)/?",
    r"https://github\.com/(?P<repo>[\w.-]+/[\w.-]+)/(?P<kind>issues|pull)/(?P<number>\d+)"
    r"(?:#[\w-]+)?",
)


def _github(args: list[str], options: dict[str, str]) -> Target:
    _no_options(options)
    what = "owner/repo or a GitHub issue or pull request URL"
    value = _one(args, what, extra=1)
    if len(args) == 2 and args[1] != "no-readme":
        raise ArgumentError(f"expected 'no-readme' after the repository, found '{args[1]}'")
    found = _match(value, _GITHUB, what)
    repo = found["repo"]
    if found.groupdict().get("number"):
        url = f"https://github.com/{repo}/{found['kind']}/{found['number']}"
        return Target("GitHub", "GH", url, f"{repo}#{found['number']}")
    return Target("GitHub", "GH", f"https://github.com/{repo}", repo)


def _gist(args: list[str], options: dict[str, str]) -> Target:
    _no_options(options, ("file",))
    what = "a gist URL (https://gist.github.com/<user>/<id>)"
    found = _match(
        _one(args, what), (r"https://gist\.github\.com/(?P<path>[\w-]+/[0-9a-f]+)/?",), what
    )
    url = f"https://gist.github.com/{found['path']}"
    title = f"gist {found['path']}" + (f" ({options['file']})" if "file" in options else "")
    return Target("Gist", "GH", url, title)


# --- embeds: a player in an iframe, loaded on a click ----------------------------------------


def _youtube(args: list[str], options: dict[str, str]) -> Target:
    _no_options(options)
    what = "a YouTube video id or URL"
    value = _one(args, what, extra=1)
    found = _match(
        value,
        (
            r"(?P<id>[\w-]{11})(?:\?t=(?P<t>\d+)s?)?",
            r"https://(?:www\.|m\.)?youtube\.com/watch\?v=(?P<id>[\w-]{11})(?:&t=(?P<t>\d+)s?)?",
            r"https://youtu\.be/(?P<id>[\w-]{11})(?:\?t=(?P<t>\d+)s?)?",
        ),
        what + " (11 letters, digits, - or _)",
    )
    start = found["t"] or (args[1] if len(args) == 2 else None)
    if start is not None and not start.isdigit():
        raise ArgumentError(f"expected a start time in seconds, found '{start}'")
    video = found["id"]
    frame = f"https://www.youtube-nocookie.com/embed/{video}" + (f"?start={start}" if start else "")
    return Target(
        "YouTube", "▶", f"https://www.youtube.com/watch?v={video}", "YouTube video", frame
    )


def _vimeo(args: list[str], options: dict[str, str]) -> Target:
    _no_options(options)
    what = "a Vimeo video number or URL"
    video = _match(_one(args, what), (r"(\d+)", r"https://(?:www\.)?vimeo\.com/(\d+)/?"), what)[1]
    return Target(
        "Vimeo",
        "▶",
        f"https://vimeo.com/{video}",
        "Vimeo video",
        f"https://player.vimeo.com/video/{video}",
    )


def _tweet(args: list[str], options: dict[str, str]) -> Target:
    _no_options(options)
    what = "a tweet id or URL"
    tweet = _match(
        _one(args, what),
        (r"(\d+)", r"https://(?:www\.|mobile\.)?(?:twitter|x)\.com/\w+/status/(\d+)/?(?:\?.*)?"),
        what,
    )[1]
    return Target(
        "X (Twitter)",
        "X",
        f"https://twitter.com/i/status/{tweet}",
        "Post on X (Twitter)",
        f"https://platform.twitter.com/embed/Tweet.html?id={tweet}",
    )


def _codepen(args: list[str], options: dict[str, str]) -> Target:
    _no_options(options, ("default-tab", "height", "theme-id", "editable"))
    what = "a CodePen URL (https://codepen.io/<user>/pen/<id>)"
    found = _match(
        _one(args, what),
        (r"https://codepen\.io/(?P<user>[\w-]+)/(?:pen|embed)/(?P<id>\w+)/?",),
        what,
    )
    query = urlencode({"default-tab": options.get("default-tab", "result")})
    return Target(
        "CodePen",
        "✎",
        f"https://codepen.io/{found['user']}/pen/{found['id']}",
        f"CodePen by {found['user']}",
        f"https://codepen.io/{found['user']}/embed/{found['id']}?{query}",
    )


def _codesandbox(args: list[str], options: dict[str, str]) -> Target:
    allowed = ("initialpath", "module", "runonclick", "view", "fontsize", "hidenavigation")
    _no_options(options, allowed)
    what = "a CodeSandbox id"
    sandbox = _match(_one(args, what), (r"([\w-]+)",), what + " (letters, digits, -)")[1]
    query = "?" + urlencode(options) if options else ""
    return Target(
        "CodeSandbox",
        "▣",
        f"https://codesandbox.io/s/{sandbox}",
        f"CodeSandbox {sandbox}",
        f"https://codesandbox.io/embed/{sandbox}{query}",
    )


def _stackblitz(args: list[str], options: dict[str, str]) -> Target:
    _no_options(options, ("view", "file"))
    what = "a StackBlitz project id"
    project = _match(_one(args, what), (r"([\w-]+)",), what + " (letters, digits, -)")[1]
    if options.get("view", "both") not in ("both", "preview", "editor"):
        raise ArgumentError(f"expected view=both, preview or editor, found '{options['view']}'")
    query = urlencode({"embed": "1", **options})
    return Target(
        "StackBlitz",
        "⚡",
        f"https://stackblitz.com/edit/{project}",
        f"StackBlitz {project}",
        f"https://stackblitz.com/edit/{project}?{query}",
    )


def _jsfiddle(args: list[str], options: dict[str, str]) -> Target:
    _no_options(options)
    what = "a JSFiddle URL"
    found = _match(
        _one(args, what, extra=1),
        (r"https://jsfiddle\.net/(?P<path>(?:[\w-]+/)?\w+(?:/\d+)?)/?",),
        what,
    )
    tabs = args[1] if len(args) == 2 else "js,html,css,result"
    if not re.fullmatch(r"(?:js|html|css|result)(?:,(?:js|html|css|result))*", tabs):
        raise ArgumentError(f"expected tabs such as js,html,css,result, found '{tabs}'")
    url = f"https://jsfiddle.net/{found['path']}/"
    return Target("JSFiddle", "✎", url, "JSFiddle", f"{url}embedded/{tabs}/")


def _replit(args: list[str], options: dict[str, str]) -> Target:
    _no_options(options)
    what = "a Replit project (@user/name)"
    found = _match(
        _one(args, what),
        (r"(?:https://(?:replit\.com|repl\.it)/)?(?P<path>@[\w-]+/[\w.-]+)/?",),
        what,
    )
    url = f"https://replit.com/{found['path']}"
    return Target("Replit", "▣", url, found["path"], f"{url}?embed=true")


_GLITCH_FLAGS = ("app", "code", "preview-first", "no-attribution", "no-files")


def _glitch(args: list[str], options: dict[str, str]) -> Target:
    _no_options(options, ("file",))
    if not args:
        raise ArgumentError("expected a Glitch project name, found nothing")
    name = _match(args[0], (r"([\w-]+)",), "a Glitch project name (letters, digits, -)")[1]
    for flag in args[1:]:
        if flag not in _GLITCH_FLAGS:
            raise ArgumentError(f"unknown option '{flag}'; known: {', '.join(_GLITCH_FLAGS)}")
    query: dict[str, str] = {"path": options.get("file", "index.html")}
    if "app" in args[1:]:
        query["previewSize"] = "100"
    elif "code" in args[1:]:
        query["previewSize"] = "0"
    return Target(
        "Glitch",
        "◆",
        f"https://glitch.com/~{name}",
        f"Glitch {name}",
        f"https://glitch.com/embed/#!/embed/{name}?{urlencode(query)}",
    )


def _speakerdeck(args: list[str], options: dict[str, str]) -> Target:
    _no_options(options)
    what = "a Speaker Deck id (its data-id)"
    deck = _match(_one(args, what), (r"([0-9a-f]{8,40})",), what)[1]
    url = f"https://speakerdeck.com/player/{deck}"
    return Target("Speaker Deck", "▤", url, "Speaker Deck slides", url)


def _slideshare(args: list[str], options: dict[str, str]) -> Target:
    _no_options(options)
    what = "a SlideShare key"
    key = _match(_one(args, what), (r"(\w+)",), what + " (letters and digits)")[1]
    url = f"https://www.slideshare.net/slideshow/embed_code/key/{key}"
    return Target("SlideShare", "▤", url, "SlideShare slides", url)


_SPOTIFY_KINDS = "track|album|playlist|episode|show|artist"


def _spotify(args: list[str], options: dict[str, str]) -> Target:
    _no_options(options)
    what = "a Spotify URI (spotify:track:<id>) or open.spotify.com URL"
    found = _match(
        _one(args, what),
        (
            rf"spotify:(?P<kind>{_SPOTIFY_KINDS}):(?P<id>\w+)",
            rf"https://open\.spotify\.com/(?P<kind>{_SPOTIFY_KINDS})/(?P<id>\w+)/?(?:\?.*)?",
        ),
        what,
    )
    path = f"{found['kind']}/{found['id']}"
    return Target(
        "Spotify",
        "♫",
        f"https://open.spotify.com/{path}",
        f"Spotify {found['kind']}",
        f"https://open.spotify.com/embed/{path}",
    )


def _instagram(args: list[str], options: dict[str, str]) -> Target:
    _no_options(options)
    what = "an Instagram post id or URL"
    post = _match(
        _one(args, what),
        (r"([\w-]+)", r"https://(?:www\.)?instagram\.com/(?:p|reel)/([\w-]+)/?(?:\?.*)?"),
        what,
    )[1]
    url = f"https://www.instagram.com/p/{post}/"
    return Target("Instagram", "◎", url, "Instagram post", f"{url}embed/")


# --- embed: a URL, dispatched like DEV does ---------------------------------------------------


def _last(args: list[str]) -> list[str]:
    """The last path segment of the URL argument: the id the tag itself takes."""
    return [args[0].rstrip("/").rsplit("/", 1)[1]]


# The URL shapes {% embed %} recognises, tried in order; anything else becomes a link card.
_EMBEDDABLE: tuple[tuple[str, Parser], ...] = (
    (r"https://(?:www\.|m\.)?youtube\.com/watch\?.*|https://youtu\.be/.*", _youtube),
    (r"https://(?:www\.)?vimeo\.com/\d+/?", _vimeo),
    (r"https://(?:www\.|mobile\.)?(?:twitter|x)\.com/\w+/status/.*", _tweet),
    (r"https://codepen\.io/.*", _codepen),
    (r"https://jsfiddle\.net/.*", _jsfiddle),
    (r"https://(?:replit\.com|repl\.it)/@.*", _replit),
    (r"https://open\.spotify\.com/.*", _spotify),
    (r"https://(?:www\.)?instagram\.com/.*", _instagram),
    (r"https://gist\.github\.com/.*", _gist),
    (r"https://github\.com/.*", _github),
    (r"https?://(?:www\.)?dev\.to/\w+/[\w-]+/?", _post),
    (r"https?://(?:www\.)?dev\.to/t/[A-Za-z0-9]+/?", lambda a, o: _tag(_last(a), o)),
    (r"https?://(?:www\.)?dev\.to/\w+/?", lambda a, o: _user(_last(a), o)),
    (r"https://codesandbox\.io/(?:s|embed)/[\w-]+/?", lambda a, o: _codesandbox(_last(a), o)),
    (r"https://stackblitz\.com/edit/[\w-]+/?", lambda a, o: _stackblitz(_last(a), o)),
)


def _embed(args: list[str], options: dict[str, str]) -> Target:
    url = _https(_one(args, "a URL", extra=1), "an http(s) URL")
    if len(args) == 2 and args[1] != "minimal":
        raise ArgumentError(f"expected 'minimal' after the URL, found '{args[1]}'")
    for pattern, parse in _EMBEDDABLE:
        if re.fullmatch(pattern, url):
            return parse([url], options)
    _no_options(options)
    return Target(browser_host(url) or "", "↗", url, _host_path(url))


def _details_usage(name: str) -> str:
    return f"{{% {name} <summary text> %}} … {{% end{name} %}}"


TAGS: dict[str, TagSpec] = {
    spec.name: spec
    for spec in (
        TagSpec("embed", "{% embed <URL> [minimal] %}", _embed),
        TagSpec("link", "{% link <DEV post URL or user/slug> %}", _post),
        TagSpec("post", "{% post <DEV post URL or user/slug> %}", _post),
        TagSpec("user", "{% user <username> %}", _user),
        TagSpec("tag", "{% tag <tag> %}", _tag),
        TagSpec("github", "{% github <owner/repo> [no-readme] %} or an issue/PR URL", _github),
        TagSpec("gist", "{% gist <gist URL> [file=<name>] %}", _gist),
        TagSpec("twitter", "{% twitter <tweet id or URL> %}", _tweet),
        TagSpec("tweet", "{% tweet <tweet id or URL> %}", _tweet),
        TagSpec("youtube", "{% youtube <video id or URL> [start seconds] %}", _youtube),
        TagSpec("vimeo", "{% vimeo <video number or URL> %}", _vimeo),
        TagSpec("codepen", "{% codepen <pen URL> [default-tab=<tabs>] %}", _codepen),
        TagSpec("codesandbox", "{% codesandbox <id> [initialpath=…] [module=…] %}", _codesandbox),
        TagSpec(
            "stackblitz", "{% stackblitz <id> [view=both|preview|editor] [file=…] %}", _stackblitz
        ),
        TagSpec("jsfiddle", "{% jsfiddle <fiddle URL> [js,html,css,result] %}", _jsfiddle),
        TagSpec("replit", "{% replit @<user>/<name> %}", _replit),
        TagSpec("glitch", "{% glitch <project> [app|code] [file=<path>] %}", _glitch),
        TagSpec("speakerdeck", "{% speakerdeck <data-id> %}", _speakerdeck),
        TagSpec("slideshare", "{% slideshare <key> %}", _slideshare),
        TagSpec("spotify", "{% spotify <spotify:kind:id URI or URL> %}", _spotify),
        TagSpec("instagram", "{% instagram <post id or URL> %}", _instagram),
        TagSpec("katex", "{% katex [inline] %} <TeX> {% endkatex %}", None, "katex"),
        TagSpec("details", _details_usage("details"), None, "block"),
        TagSpec("spoiler", _details_usage("spoiler"), None, "block"),
        TagSpec("collapsible", _details_usage("collapsible"), None, "block"),
        TagSpec("raw", "{% raw %} … {% endraw %}", None, "raw"),
    )
}
# The tags whose target is a player (an iframe), not a page.
PLAYERS = frozenset(
    {
        "twitter",
        "tweet",
        "youtube",
        "vimeo",
        "codepen",
        "codesandbox",
        "stackblitz",
        "jsfiddle",
        "replit",
        "glitch",
        "speakerdeck",
        "slideshare",
        "spotify",
        "instagram",
    }
)
END_TAGS = frozenset({"enddetails", "endspoiler", "endcollapsible", "endkatex", "endraw"})

# Hosts whose players a click may load: the iframe addresses above, and nothing else.
FRAME_HOSTS = frozenset(
    {
        "www.youtube-nocookie.com",
        "player.vimeo.com",
        "platform.twitter.com",
        "codepen.io",
        "codesandbox.io",
        "stackblitz.com",
        "jsfiddle.net",
        "replit.com",
        "glitch.com",
        "speakerdeck.com",
        "www.slideshare.net",
        "open.spotify.com",
        "www.instagram.com",
    }
)


def renders_as(name: str) -> str:
    """What a tag becomes on the site, for the README's table."""
    spec = TAGS[name]
    if spec.kind == "block":
        return "`<details>` with `<summary>`; the text inside is Markdown"
    if spec.kind == "katex":
        return "MathML, rendered at build time (`inline` for a span)"
    if spec.kind == "raw":
        return "the text inside, literally"
    if name == "embed":
        return "the card of the tag its URL belongs to, else a link card"
    if name in ("link", "post", "user", "tag"):
        return "a link card to this site's page when it exists here, else to DEV"
    if name in PLAYERS:
        return "a click-to-load player card (a sandboxed iframe with `embeds: true`)"
    return "a link card"


def resolve(name: str, markup: str) -> Target:
    """The target of a card tag; raises :class:`ArgumentError` when the markup does not fit."""
    spec = TAGS[name]
    if spec.parse is None:
        raise ArgumentError(f"'{name}' is not a card tag")
    positional, options = split_arguments(markup)
    return spec.parse(positional, options)


def katex_mathml(tex: str, *, inline: bool) -> str:
    """TeX as MathML (latex2mathml); raises :class:`ArgumentError` for TeX it cannot read."""
    try:
        return str(tex_to_mathml(tex.strip(), display="inline" if inline else "block"))
    except Exception as err:  # latex2mathml raises its own error classes, one per mistake
        reason = re.sub(r"(?<!^)(?=[A-Z])", " ", type(err).__name__).lower()
        reason = reason.removesuffix(" error")
        raise ArgumentError(f"the TeX cannot be rendered: {reason}") from None


def check_block_markup(name: str, markup: str) -> None:
    """Block tags' own arguments: a summary for details, at most ``inline`` for katex."""
    spec = TAGS[name]
    if spec.kind == "block" and not markup.strip():
        raise ArgumentError(f"expected the summary text after '{name}', found nothing")
    if spec.kind == "katex" and markup.strip() not in ("", "inline"):
        raise ArgumentError(f"expected nothing or 'inline' after 'katex', found '{markup}'")
    if spec.kind == "raw" and markup.strip():
        raise ArgumentError(f"expected nothing after 'raw', found '{markup}'")
