"""Every Liquid tag Proofpress renders: one :class:`TagSpec` record each, in :data:`TAGS`.

A record holds the tag's grammar (``usage``, as the hint of a malformed tag prints it), how its
markup is read (a card tag's markup becomes a :class:`Target`: the page a reader can open, the
iframe address when the tag embeds a player, and what a card shows; a block tag's own markup is
checked), the tag that closes a block, the host of a player, and what the tag becomes on the
site. The scanner (:mod:`~proofpress.body.liquid`), the checker's findings, the renderer
(:mod:`~proofpress.dialect.extension`), the sanitiser's allowed player hosts and the README
all read these records. Nothing here makes a request: DEV fetches titles and READMEs from its
database and GitHub; the site shows a link card (host, path, an icon) instead.

A tag's markup is split into arguments by :func:`split_arguments`:

- arguments are separated by whitespace;
- an argument in double or single quotes may hold spaces (``"a b"``);
- ``key=value`` is an option (``file=index.js``); everything else is positional.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

from latex2mathml.converter import convert as tex_to_mathml

from proofpress.core.weburl import browser_host, is_web_address

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


class ArgumentError(ValueError):
    """A tag's markup does not fit its grammar; the message says what was expected."""


def split_arguments(markup: str) -> tuple[list[str], dict[str, str]]:
    """Positional arguments and ``key=value`` options of a tag's markup (the grammar in this
    module's docstring)."""
    positional: list[str] = []
    options: dict[str, str] = {}
    for token in _tokens(markup):
        key, eq, value = token.partition("=")
        if eq and re.fullmatch(r"[A-Za-z][\w-]*", key) and "://" not in key:
            options[key] = _unquote(value)
        else:
            positional.append(_unquote(token))
    return positional, options


_TOKEN = re.compile(r"""(?:[^\s"']+|"[^"]*"|'[^']*')+""")


def _tokens(markup: str) -> list[str]:
    found = _TOKEN.findall(markup)
    rest = _TOKEN.sub("", markup)
    if rest.strip():
        raise ArgumentError(f"an unclosed quote in '{markup}'")
    return found


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


@dataclass(frozen=True, slots=True)
class TagSpec:
    """One Liquid tag: its grammar, what its markup means, how it renders."""

    name: str
    usage: str  # the grammar, as hints print it
    renders: str  # what the tag becomes on the site (the README's table)
    parse: Parser | None = None  # a card tag: its Target from the markup's arguments
    player: str | None = None  # a card that embeds a player: the host of its iframe
    end: str | None = None  # a block tag: the tag that closes it
    check: Callable[[str, str], None] | None = None  # a block tag: checks (name, markup)

    def read(self, markup: str) -> Target | None:
        """A card tag's target; None for a block tag. Raises :class:`ArgumentError` when the
        markup does not fit the tag's grammar."""
        if self.parse is not None:
            return resolve(self.name, markup)
        if self.check is not None:
            self.check(self.name, markup)
        return None


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


def _one_id(
    args: list[str],
    options: dict[str, str],
    what: str,
    patterns: tuple[str, ...],
    shape: str = "",
    allowed: tuple[str, ...] = (),
) -> str:
    """The tag's one argument, an id or an address that holds it: the first group the patterns
    capture. ``what`` names it in messages; ``shape`` adds what a malformed one must look like."""
    _no_options(options, allowed)
    return _match(_one(args, what), patterns, what + shape)[1]


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
    name = _one_id(args, options, "a username", (r"@?(\w+)",), " (letters, digits, _)")
    return Target("DEV", "DEV", f"{DEV}{name}", f"@{name}", local=("user", name))


def _tag(args: list[str], options: dict[str, str]) -> Target:
    name = _one_id(args, options, "a tag", (r"#?([A-Za-z0-9]+)",), " (letters and digits)").lower()
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
    video = _one_id(
        args,
        options,
        "a Vimeo video number or URL",
        (r"(\d+)", r"https://(?:www\.)?vimeo\.com/(\d+)/?"),
    )
    return Target(
        "Vimeo",
        "▶",
        f"https://vimeo.com/{video}",
        "Vimeo video",
        f"https://player.vimeo.com/video/{video}",
    )


def _tweet(args: list[str], options: dict[str, str]) -> Target:
    tweet = _one_id(
        args,
        options,
        "a tweet id or URL",
        (r"(\d+)", r"https://(?:www\.|mobile\.)?(?:twitter|x)\.com/\w+/status/(\d+)/?(?:\?.*)?"),
    )
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
    sandbox = _one_id(
        args, options, "a CodeSandbox id", (r"([\w-]+)",), " (letters, digits, -)", allowed
    )
    query = "?" + urlencode(options) if options else ""
    return Target(
        "CodeSandbox",
        "▣",
        f"https://codesandbox.io/s/{sandbox}",
        f"CodeSandbox {sandbox}",
        f"https://codesandbox.io/embed/{sandbox}{query}",
    )


def _stackblitz(args: list[str], options: dict[str, str]) -> Target:
    project = _one_id(
        args,
        options,
        "a StackBlitz project id",
        (r"([\w-]+)",),
        " (letters, digits, -)",
        ("view", "file"),
    )
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
    deck = _one_id(args, options, "a Speaker Deck id (its data-id)", (r"([0-9a-f]{8,40})",))
    url = f"https://speakerdeck.com/player/{deck}"
    return Target("Speaker Deck", "▤", url, "Speaker Deck slides", url)


def _slideshare(args: list[str], options: dict[str, str]) -> Target:
    key = _one_id(args, options, "a SlideShare key", (r"(\w+)",), " (letters and digits)")
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
    post = _one_id(
        args,
        options,
        "an Instagram post id or URL",
        (r"([\w-]+)", r"https://(?:www\.)?instagram\.com/(?:p|reel)/([\w-]+)/?(?:\?.*)?"),
    )
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


LINK_CARD = "a link card"
LOCAL_CARD = "a link card to this site's page when it exists here, else to DEV"
PLAYER_CARD = "a click-to-load player card (a sandboxed iframe with `embeds: true`)"
DETAILS = "`<details>` with `<summary>`; the text inside is Markdown"


def _summary(name: str, markup: str) -> None:
    if not markup.strip():
        raise ArgumentError(f"expected the summary text after '{name}', found nothing")


def _inline(name: str, markup: str) -> None:
    if markup.strip() not in ("", "inline"):
        raise ArgumentError(f"expected nothing or 'inline' after '{name}', found '{markup}'")


def _nothing(name: str, markup: str) -> None:
    if markup.strip():
        raise ArgumentError(f"expected nothing after '{name}', found '{markup}'")


def _player(name: str, usage: str, parse: Parser, host: str) -> TagSpec:
    return TagSpec(name, usage, PLAYER_CARD, parse, player=host)


def _details(name: str) -> TagSpec:
    usage = f"{{% {name} <summary text> %}} … {{% end{name} %}}"
    return TagSpec(name, usage, DETAILS, end=f"end{name}", check=_summary)


TAGS: dict[str, TagSpec] = {
    spec.name: spec
    for spec in (
        TagSpec(
            "embed",
            "{% embed <URL> [minimal] %}",
            "the card of the tag its URL belongs to, else a link card",
            _embed,
        ),
        TagSpec("link", "{% link <DEV post URL or user/slug> %}", LOCAL_CARD, _post),
        TagSpec("post", "{% post <DEV post URL or user/slug> %}", LOCAL_CARD, _post),
        TagSpec("user", "{% user <username> %}", LOCAL_CARD, _user),
        TagSpec("tag", "{% tag <tag> %}", LOCAL_CARD, _tag),
        TagSpec(
            "github", "{% github <owner/repo> [no-readme] %} or an issue/PR URL", LINK_CARD, _github
        ),
        TagSpec("gist", "{% gist <gist URL> [file=<name>] %}", LINK_CARD, _gist),
        _player("twitter", "{% twitter <tweet id or URL> %}", _tweet, "platform.twitter.com"),
        _player("tweet", "{% tweet <tweet id or URL> %}", _tweet, "platform.twitter.com"),
        _player(
            "youtube",
            "{% youtube <video id or URL> [start seconds] %}",
            _youtube,
            "www.youtube-nocookie.com",
        ),
        _player("vimeo", "{% vimeo <video number or URL> %}", _vimeo, "player.vimeo.com"),
        _player("codepen", "{% codepen <pen URL> [default-tab=<tabs>] %}", _codepen, "codepen.io"),
        _player(
            "codesandbox",
            "{% codesandbox <id> [initialpath=…] [module=…] %}",
            _codesandbox,
            "codesandbox.io",
        ),
        _player(
            "stackblitz",
            "{% stackblitz <id> [view=both|preview|editor] [file=…] %}",
            _stackblitz,
            "stackblitz.com",
        ),
        _player(
            "jsfiddle",
            "{% jsfiddle <fiddle URL> [js,html,css,result] %}",
            _jsfiddle,
            "jsfiddle.net",
        ),
        _player("replit", "{% replit @<user>/<name> %}", _replit, "replit.com"),
        _player("glitch", "{% glitch <project> [app|code] [file=<path>] %}", _glitch, "glitch.com"),
        _player("speakerdeck", "{% speakerdeck <data-id> %}", _speakerdeck, "speakerdeck.com"),
        _player("slideshare", "{% slideshare <key> %}", _slideshare, "www.slideshare.net"),
        _player(
            "spotify",
            "{% spotify <spotify:kind:id URI or URL> %}",
            _spotify,
            "open.spotify.com",
        ),
        _player("instagram", "{% instagram <post id or URL> %}", _instagram, "www.instagram.com"),
        TagSpec(
            "katex",
            "{% katex [inline] %} <TeX> {% endkatex %}",
            "MathML, rendered at build time (`inline` for a span)",
            end="endkatex",
            check=_inline,
        ),
        _details("details"),
        _details("spoiler"),
        _details("collapsible"),
        TagSpec(
            "raw",
            "{% raw %} … {% endraw %}",
            "the text inside, literally",
            end="endraw",
            check=_nothing,
        ),
    )
}
PLAYERS = frozenset(name for name, spec in TAGS.items() if spec.player)
# Hosts whose players a click may load: the players' iframe addresses, and nothing else.
FRAME_HOSTS = frozenset(spec.player for spec in TAGS.values() if spec.player)
END_TAGS = frozenset(spec.end for spec in TAGS.values() if spec.end)


def resolve(name: str, markup: str) -> Target:
    """The target of a card tag; raises :class:`ArgumentError` when the markup does not fit."""
    spec = TAGS[name]
    if spec.parse is None:
        raise ArgumentError(f"'{name}' is not a card tag")
    return spec.parse(*split_arguments(markup))


def katex_mathml(tex: str, *, inline: bool) -> str:
    """TeX as MathML (latex2mathml); raises :class:`ArgumentError` for TeX it cannot read."""
    try:
        return str(tex_to_mathml(tex.strip(), display="inline" if inline else "block"))
    except Exception as err:  # latex2mathml raises its own error classes, one per mistake
        reason = re.sub(r"(?<!^)(?=[A-Z])", " ", type(err).__name__).lower()
        reason = reason.removesuffix(" error")
        raise ArgumentError(f"the TeX cannot be rendered: {reason}") from None
