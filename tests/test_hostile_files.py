"""A hostile corpus for the file, site and output side of "trust" (issue 7).

Every case is something a careless or hostile writer (or pull request) can put in a repository.
Each one either is refused with its exact finding (path, line, column, code) by the engine that
``proofpress check`` and the build share, or is built for real and every built file (search
index and any ``.gz`` included) is searched for its payload.
"""

from __future__ import annotations

import gzip
import os
import time
from pathlib import Path

import mkdocs.utils
import pytest
from conftest import AUTHORS, GOOD_FRONT_MATTER, Preview, build_site, write_site
from lxml import html
from mkdocs.exceptions import Abort

from proofpress.check import files as docs_files
from proofpress.check.engine import check_site
from proofpress.core import weburl
from proofpress.hooks import check as mkdocs_check
from proofpress.hooks.config import load_site_config
from proofpress.site import sanitize

TOKEN = "Qzx9payload"  # never in any template: if it is in a built file, it leaked
SCRIPT = f"<script>alert('{TOKEN}')</script>"


def post(body: str = "Some text.\n", **front: str) -> str:
    """A valid post; ``front`` replaces or adds front-matter lines (key: raw YAML)."""
    lines = GOOD_FRONT_MATTER.strip().split("\n")[1:-1]
    keys = [line.split(":", 1)[0] for line in lines]
    for key, value in front.items():
        if key in keys:
            lines[keys.index(key)] = f"{key}: {value}"
        else:
            lines.append(f"{key}: {value}")
    return "---\n" + "\n".join(lines) + "\n---\n\n" + body


def findings(config_file: Path) -> list[tuple[str, int, int, str]]:
    result = check_site(load_site_config(config_file))
    return [(d.path, d.line, d.column, d.code) for d in result.diagnostics]


def messages(config_file: Path) -> list[str]:
    return [d.message for d in check_site(load_site_config(config_file)).diagnostics]


def leaks(site_dir: Path, payload: str = TOKEN) -> list[str]:
    """Built files holding ``payload`` (gzip files decompressed first)."""
    hits = []
    for file in sorted(site_dir.rglob("*")):
        if not file.is_file():
            continue
        data = file.read_bytes()
        if file.suffix == ".gz":
            data = gzip.decompress(data)
        if payload.encode() in data:
            hits.append(file.relative_to(site_dir).as_posix())
    return hits


def built(root: Path, config_file: Path) -> Path:
    site_dir = root / "site"
    build_site(config_file, site_dir)
    assert (site_dir / "search/search_index.json").is_file()
    return site_dir


def preview(root: Path, config_file: Path) -> Path:
    """A real MkDocs build as ``mkdocs serve`` runs it (drafts shown, findings not fatal)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    site_dir = root / "preview"
    mkdocs_check.on_startup(command="serve", dirty=False)
    try:
        config = load_config(config_file=str(config_file), site_dir=str(site_dir))
        build(config, serve_url="http://127.0.0.1:8000/proofpress/")
    finally:
        mkdocs_check.on_shutdown()
    return site_dir


# --- which files are posts, which are pages --------------------------------------------------


def test_markdown_extensions_are_mkdocs_own() -> None:
    assert mkdocs.utils.markdown_extensions == docs_files.MARKDOWN_EXTENSIONS


@pytest.mark.parametrize("extension", [".markdown", ".mdown", ".mkdn", ".mkd", ".md"])
def test_every_markdown_extension_in_the_posts_folder_is_a_post(
    tmp_path: Path, extension: str
) -> None:
    config = write_site(tmp_path, {f"plan{extension}": "No front matter here.\n"})
    assert findings(config) == [(f"docs/posts/plan{extension}", 1, 1, "PP003")]


@pytest.mark.parametrize("extension", [".markdown", ".mkd"])
def test_a_draft_with_another_extension_never_ships(tmp_path: Path, extension: str) -> None:
    config = write_site(
        tmp_path,
        {
            "good.md": post(),
            f"plan{extension}": post(f"Secret plan {TOKEN}.\n\n{SCRIPT}\n", published="false"),
        },
    )
    assert findings(config) == []
    assert leaks(built(tmp_path, config)) == []


def test_a_post_saved_outside_the_posts_folder_is_refused(tmp_path: Path) -> None:
    config = write_site(
        tmp_path, {"good.md": post()}, files={"notes/plan.md": post(published="false")}
    )
    assert findings(config) == [  # title, description, published are page keys
        ("docs/notes/plan.md", 4, 1, "PP503"),  # date
        ("docs/notes/plan.md", 5, 1, "PP503"),  # author
        ("docs/notes/plan.md", 6, 1, "PP503"),  # tags
    ]


def test_a_page_with_published_false_is_never_published(tmp_path: Path) -> None:
    page = f"---\ntitle: Plans\npublished: false\n---\n\nSecret {TOKEN}.\n"
    config = write_site(tmp_path, {"good.md": post()}, files={"plans/index.md": page})
    assert findings(config) == []
    site_dir = built(tmp_path, config)
    assert not (site_dir / "plans").exists()
    assert leaks(site_dir) == []
    assert TOKEN in (preview(tmp_path, config) / "plans/index.html").read_text()


def test_a_page_body_is_sanitised_and_kept(tmp_path: Path) -> None:
    page = (
        f"---\ntitle: About\n---\n\n# About\n\nHello.\n\n{SCRIPT}\n"
        f"<img src=x onerror=\"a('{TOKEN}')\">\n"
    )
    config = write_site(tmp_path, {"good.md": post()}, files={"about.md": page})
    assert findings(config) == []
    site_dir = built(tmp_path, config)
    assert "Hello." in (site_dir / "about/index.html").read_text()
    assert leaks(site_dir) == []


def test_multimarkdown_metadata_in_a_page_is_refused(tmp_path: Path) -> None:
    config = write_site(
        tmp_path, {"good.md": post()}, files={"about.md": "published: false\n\n# About\n"}
    )
    assert findings(config) == [("docs/about.md", 1, 1, "PP503")]


def test_a_page_value_of_the_wrong_type_is_located(tmp_path: Path) -> None:
    config = write_site(
        tmp_path, {"good.md": post()}, files={"about.md": "---\npublished: 'no'\n---\n\nx\n"}
    )
    assert findings(config) == [("docs/about.md", 2, 12, "PP104")]


@pytest.mark.parametrize(
    "name",
    ["post.md~", "post.md.orig", "post.md.rej", "post.md.bak", "#post.md#", "post.md.swp"],
)
def test_backup_files_are_never_copied(tmp_path: Path, name: str) -> None:
    config = write_site(
        tmp_path, {"good.md": post(), name: post(f"Old draft {TOKEN}.\n", published="false")}
    )
    assert findings(config) == []
    assert leaks(built(tmp_path, config)) == []


# --- symlinks and special files ---------------------------------------------------------------


def _outside(tmp_path: Path) -> Path:
    secret = tmp_path / "outside"
    secret.mkdir()
    (secret / "private.md").write_text(post(f"Private {TOKEN}.\n"), encoding="utf-8")
    (secret / "environ.txt").write_text(f"SECRET={TOKEN}\n", encoding="utf-8")
    return secret


@pytest.mark.parametrize(
    ("link", "target"),
    [
        ("posts/leak.md", "outside/private.md"),
        ("assets/environ.txt", "outside/environ.txt"),
        ("posts/folder", "outside"),
        ("notes", "outside"),
        (".hidden", "outside"),  # MkDocs walks dot-folders too before excluding their files
    ],
)
def test_symlinks_leaving_the_site_are_refused_and_never_followed(
    tmp_path: Path, link: str, target: str
) -> None:
    root = tmp_path / "blog"
    config = write_site(root, {"good.md": post()})
    _outside(tmp_path)
    (root / "docs" / link).symlink_to(tmp_path / target)
    assert findings(config) == [(f"docs/{link}", 1, 1, "PP501")]
    with pytest.raises(Abort):
        build_site(config, root / "site")
    assert not (root / "site").exists() or leaks(root / "site") == []


def test_symlink_loops_are_refused_without_a_crash(tmp_path: Path) -> None:
    config = write_site(tmp_path, {"good.md": post()})
    docs = tmp_path / "docs"
    (docs / "posts/again").symlink_to(docs / "posts")  # a folder containing itself
    (docs / "a.md").symlink_to(docs / "b.md")  # two files pointing at each other
    (docs / "b.md").symlink_to(docs / "a.md")
    (docs / "up").symlink_to(tmp_path)  # the site root, which holds docs/
    started = time.monotonic()
    assert findings(config) == [
        ("docs/a.md", 1, 1, "PP501"),
        ("docs/b.md", 1, 1, "PP501"),
        ("docs/posts/again", 1, 1, "PP501"),
        ("docs/up", 1, 1, "PP501"),
    ]
    with pytest.raises(Abort):
        build_site(config, tmp_path / "site")
    assert time.monotonic() - started < 60  # generous: a followed loop never ends


def test_broken_symlinks_and_pipes_are_refused(tmp_path: Path) -> None:
    config = write_site(tmp_path, {"good.md": post()})
    (tmp_path / "docs/posts/gone.md").symlink_to(tmp_path / "nowhere.md")
    os.mkfifo(tmp_path / "docs/pipe.png")
    assert findings(config) == [
        ("docs/pipe.png", 1, 1, "PP501"),
        ("docs/posts/gone.md", 1, 1, "PP501"),
    ]


def test_a_symlinked_post_inside_the_site_is_checked_at_its_own_path(tmp_path: Path) -> None:
    config = write_site(tmp_path, {"good.md": post()})
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts/x.md").write_text(post(mood="happy"), encoding="utf-8")
    (tmp_path / "docs/posts/x.md").symlink_to(tmp_path / "drafts/x.md")
    assert findings(config) == [("docs/posts/x.md", 8, 1, "PP101")]


# --- served files that run script -----------------------------------------------------------

SVG_HEAD = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'


@pytest.mark.parametrize(
    ("svg", "line"),
    [
        (f"{SVG_HEAD}\n<script>alert('{TOKEN}')</script></svg>", 2),
        (f'{SVG_HEAD}\n<circle r="4"/>\n<rect onclick="a()"/></svg>', 3),
        ('<svg xmlns="http://www.w3.org/2000/svg" ONLOAD="a()"></svg>', 1),
        (f'{SVG_HEAD}<a href="javascript:alert(1)"><text>x</text></a></svg>', 1),
        (f'{SVG_HEAD}<a xlink:href="&#9;java&#10;script:alert(1)"><text>x</text></a></svg>', 1),
        (f'{SVG_HEAD}<set attributeName="href" to=" javascript:alert(1)"/></svg>', 1),
        (f"{SVG_HEAD}\n\n<foreignObject><p>x</p></foreignObject></svg>", 3),
        ('<!DOCTYPE svg [<!ENTITY x "&#60;script&#62;">]>\n<svg>&x;</svg>', 1),
        ('<?xml-stylesheet href="x.xsl" type="text/xsl"?><svg/>', 1),
        ("<svg><script>", 1),  # not well-formed: refused, never guessed at
        # refused though Chromium 156 does not run them: each can navigate, listen or animate
        (f'{SVG_HEAD}\n<rect><set attributeName="onclick" to="alert(1)"/></rect></svg>', 2),
        (f'{SVG_HEAD}<animate attributeName="fill" values="red;javascript:alert(1)"/></svg>', 1),
        (f'{SVG_HEAD}\n<listener event="load" handler="#h"/></svg>', 2),
        (f'{SVG_HEAD}<h:p xmlns:h="http://www.w3.org/1999/xhtml">x</h:p></svg>', 1),
        ('<!DOCTYPE svg [\n]>\n<svg xmlns="http://www.w3.org/2000/svg"/>', 1),  # empty subset
        # CSS that loads a file, read as CSS tokens
        (f"{SVG_HEAD}\n<style>@import 'https://e.com/x.css';</style></svg>", 2),
        (f"{SVG_HEAD}<style>a{{fill:red}}\n@font-face{{src:local(x)}}</style></svg>", 1),
        (f'{SVG_HEAD}\n\n<rect style="fill:red;background:URL(x.png)"/></svg>', 3),
        (f"{SVG_HEAD}<style>@media(x){{a{{b:image-set('a.png' 1x)}}}}</style></svg>", 1),
    ],
)
def test_svgs_that_can_run_script_are_refused(tmp_path: Path, svg: str, line: int) -> None:
    config = write_site(tmp_path, {"good.md": post()}, files={"assets/x.svg": svg})
    assert findings(config) == [("docs/assets/x.svg", line, 1, "PP502")]


@pytest.mark.parametrize("name", ["page.html", "feed.xml", "x.xhtml", "pic.svgz", "UP.HTM"])
def test_html_and_xml_documents_are_refused(tmp_path: Path, name: str) -> None:
    config = write_site(tmp_path, {"good.md": post()}, files={f"extra/{name}": SCRIPT})
    assert findings(config) == [(f"docs/extra/{name}", 1, 1, "PP502")]


XHTML = f'<html xmlns="http://www.w3.org/1999/xhtml"><script>alert("{TOKEN}")</script></html>'


@pytest.mark.parametrize(
    "name", ["x.xhtm", "x.xpdl", "x.xsd", "x.rng", "x.XHTM", "x.mht", "x.swf", "x.php", "run"]
)
def test_files_of_types_off_the_list_are_refused(tmp_path: Path, name: str) -> None:
    config = write_site(tmp_path, {"good.md": post()}, files={f"extra/{name}": XHTML})
    result = check_site(load_site_config(config))
    assert [(d.path, d.line, d.column, d.code) for d in result.diagnostics] == [
        (f"docs/extra/{name}", 1, 1, "PP502")
    ]
    [finding] = result.diagnostics
    kind = f"'.{name.rsplit('.', 1)[-1]}' files" if "." in name else "files without a type"
    assert (
        finding.message == f"'{name}': the site publishes only file types on its list, not {kind}"
    )
    assert finding.hint == (
        "convert it to an allowed type, or keep it outside docs/; allowed: pictures .png .jpg "
        ".jpeg .gif .webp .avif .ico .bmp .svg; fonts .woff .woff2 .ttf .otf; stylesheets and "
        "scripts .css .js .mjs; documents .pdf; audio and video .mp3 .m4a .ogg .oga .opus .wav "
        ".flac .mp4 .m4v .webm .ogv .vtt; plain text and data .txt .csv .json; archives .zip .gz "
        ".tgz"
    )


def test_no_file_off_the_list_reaches_a_build_or_the_preview(tmp_path: Path) -> None:
    names = ["x.xhtm", "x.xpdl", "x.xsd", "x.rng"]
    config = write_site(tmp_path, {"good.md": post()}, files={f"extra/{n}": XHTML for n in names})
    with pytest.raises(Abort):
        build_site(config, tmp_path / "site")
    assert not (tmp_path / "site").exists() or leaks(tmp_path / "site") == []
    assert leaks(preview(tmp_path, config)) == []


def test_files_of_allowed_types_are_published(tmp_path: Path) -> None:
    allowed = ["a.PNG", "b.webp", "c.woff2", "d.css", "e.js", "f.pdf", "g.mp4", "h.vtt", "i.txt"]
    files = {f"extra/{name}": f"content {name}" for name in allowed} | {"CNAME": "blog.example"}
    config = write_site(tmp_path, {"good.md": post()}, files=files)
    _with(config, "extra_javascript:\n  - extra/e.js\n")  # a script the site loads
    assert findings(config) == []
    site_dir = built(tmp_path, config)
    assert [(site_dir / path).read_text() for path in files] == list(files.values())


def _with(config_file: Path, yaml_text: str) -> None:
    config_file.write_text(config_file.read_text(encoding="utf-8") + yaml_text, encoding="utf-8")


def test_a_script_the_settings_do_not_load_is_never_published(tmp_path: Path) -> None:
    """A page or a link could run any script published on the site's address: only those
    extra_javascript names are published (a path or MkDocs' mapping form)."""
    scripts = {"assets/run.js": SCRIPT, "x/loaded.mjs": "x", "y/loaded.js": "y", "z/UP.JS": SCRIPT}
    config = write_site(tmp_path, {"good.md": post()}, files=scripts)
    _with(config, "extra_javascript:\n  - /x/loaded.mjs\n  - path: y/loaded.js\n    defer: true\n")
    result = check_site(load_site_config(config))
    assert [(d.path, d.line, d.column, d.code) for d in result.diagnostics] == [
        ("docs/assets/run.js", 1, 1, "PP502"),
        ("docs/z/UP.JS", 1, 1, "PP502"),
    ]
    assert result.diagnostics[0].message == (
        "'run.js' is a script the site's settings do not load: published, any page or link "
        "could run it on the site's address"
    )
    assert result.diagnostics[0].hint == (
        "list it under extra_javascript in mkdocs.yml (as assets/run.js), or remove it"
    )
    with pytest.raises(Abort):
        build_site(config, tmp_path / "site")
    published = preview(tmp_path, config)
    assert (published / "x/loaded.mjs").is_file()
    assert (published / "y/loaded.js").is_file()
    assert leaks(published) == []


def test_the_blogs_theme_folder_passes_the_same_checks(tmp_path: Path) -> None:
    """MkDocs copies every file of ``theme.custom_dir`` but templates: each is held to the
    allow-list and the SVG check (its scripts are the theme's own, and allowed)."""
    config = write_site(tmp_path, {"good.md": post()})
    theme = tmp_path / "my-theme"
    for name, text in {
        "main.html": "{% extends 'pp-base.html' %}",  # a template: not copied
        "README.md": "notes",  # not copied
        "sitemap.xml": "<urlset/>",  # a static template: rendered, not copied
        "locales/x.xml": "<x/>",  # translations: not copied
        "assets/ok.svg": f"{SVG_HEAD}<rect/></svg>",
        "assets/theme.js": "console.log('the theme')",
        "assets/style.css": "a{}",
        "assets/evil.svg": f"{SVG_HEAD}\n<script>{TOKEN}</script></svg>",
        "assets/page.xhtml": XHTML,
        "assets/x.php": XHTML,
        "assets/style.css~": TOKEN,
    }.items():
        (theme / name).parent.mkdir(parents=True, exist_ok=True)
        (theme / name).write_text(text, encoding="utf-8")
    text = config.read_text(encoding="utf-8")
    config.write_text(
        "\n".join(
            f"  custom_dir: {theme}" if line.startswith("  custom_dir:") else line
            for line in text.splitlines()
        )
        + "\n",
        encoding="utf-8",
    )
    assert findings(config) == [
        ("my-theme/assets/evil.svg", 2, 1, "PP502"),
        ("my-theme/assets/page.xhtml", 1, 1, "PP502"),
        ("my-theme/assets/x.php", 1, 1, "PP502"),
    ]
    with pytest.raises(Abort):
        build_site(config, tmp_path / "site")
    published = preview(tmp_path, config)
    for name in ("assets/ok.svg", "assets/theme.js", "assets/style.css"):
        assert (published / name).is_file(), name
    for name in ("assets/evil.svg", "assets/page.xhtml", "assets/x.php", "assets/style.css~"):
        assert not (published / name).exists(), name
    assert leaks(published) == []


def test_a_refused_file_is_not_served_by_the_preview(tmp_path: Path) -> None:
    config = write_site(
        tmp_path,
        {"good.md": post()},
        files={"assets/x.svg": f"{SVG_HEAD}<script>{TOKEN}</script></svg>", "x.html": SCRIPT},
    )
    assert leaks(preview(tmp_path, config)) == []


def test_a_plain_svg_is_published(tmp_path: Path) -> None:
    svg = (
        f"{SVG_HEAD}<style>circle{{fill:red}} rect{{fill:url(#g)}}</style>"
        '<linearGradient id="g"/><rect style="stroke:url(\'#g\');stroke-width:2"/>'
        '<a href="https://e.com"><circle r="4"/></a></svg>'
    )
    config = write_site(
        tmp_path, {"good.md": post("![dot](../assets/dot.svg)\n")}, files={"assets/dot.svg": svg}
    )
    assert findings(config) == []
    assert (built(tmp_path, config) / "assets/dot.svg").read_text() == svg


# --- the preview sanitises like the build -----------------------------------------------------


def test_the_preview_sanitises_a_post_with_findings(tmp_path: Path) -> None:
    hostile = post(f"Text.\n\n{SCRIPT}\n\n<p onmouseover=\"a('{TOKEN}')\">x</p>\n", mood="bad")
    broken = "---\ntitle: [\n---\n\n" + SCRIPT + "\n"  # unreadable front matter: no post at all
    config = write_site(tmp_path, {"good.md": post(), "hostile.md": hostile, "broken.md": broken})
    assert findings(config) == [
        ("docs/posts/broken.md", 3, 1, "PP004"),
        ("docs/posts/hostile.md", 8, 1, "PP101"),
    ]
    site_dir = preview(tmp_path, config)
    assert (site_dir / "posts/broken/index.html").is_file()
    assert leaks(site_dir) == []


def test_mkdocs_serve_shows_a_hostile_pull_request_sanitised(tmp_path: Path) -> None:
    hostile = post(f"Text.\n\n{SCRIPT}\n", mood="bad")
    write_site(tmp_path, {"good.md": post(), "hostile.md": hostile})
    with Preview(tmp_path) as preview:
        body = preview.get("/proofpress/posts/hostile/")  # not placed: bad front matter
    output = preview.output
    page = html.fromstring(body)
    assert page.xpath('//div[contains(@class, "pp-findings")]')
    assert TOKEN.encode() not in body
    assert "Traceback" not in output


# --- remote images ------------------------------------------------------------------------------

SMUGGLED = [
    " http://evil.test/a.png",
    "&#09;http://evil.test/a.png",
    "&#x0A;//evil.test/a.png",
    "/\\evil.test/a.png",
    "\\\\evil.test\\a.png",
    "ht&#9;tp://evil.test/a.png",
    "&#x20;&#x0D;//evil.test/a.png",
    "HTTPS://evil.test/a.png",
]


@pytest.mark.parametrize("src", SMUGGLED)
def test_smuggled_remote_images_lose_their_source(src: str) -> None:
    cleaned = sanitize.clean(f'<p><img src="{src}" alt="x"></p>')
    assert html.fromstring(cleaned).xpath("//img/@src") == []


def test_local_images_keep_their_source() -> None:
    cleaned = sanitize.clean('<p><img src="../a.png"><img src="/assets/b.png"></p>')
    assert html.fromstring(cleaned).xpath("//img/@src") == ["../a.png", "/assets/b.png"]


def test_no_smuggled_image_reaches_a_built_page(tmp_path: Path) -> None:
    body = "".join(f'<img src="{src}" alt="{n}">\n' for n, src in enumerate(SMUGGLED))
    config = write_site(tmp_path, {"good.md": post(body)})
    # With remote_images: false each one is a finding (PP703), never a silent loss; the
    # preview, which renders despite findings (and names them in its banner), loads none.
    assert findings(config) == [("docs/posts/good.md", 10 + n, 1, "PP703") for n in range(8)]
    site_dir = preview(tmp_path, config)
    pages = sorted(site_dir.rglob("*.html"))
    sources = [str(s) for page in pages for s in html.parse(str(page)).xpath("//img/@src")]
    assert [s for s in sources if "evil" in s] == []
    assert len(
        html.parse(str(site_dir / "larissacaldwell/good/index.html")).xpath(
            "//div[contains(@class, 'pp-body')]//img"
        )
    ) == len(SMUGGLED)


# --- embeds: hosts as a browser reads them --------------------------------------------------

# Python's urlsplit reads codepen.io (a known player) in each; a browser reads evil.example.
SMUGGLED_PLAYERS = [
    "https://evil.example\\@codepen.io/x",
    "https://evil.example&#92;@codepen.io/x",
    "https:/\\evil.example\\@codepen.io/x",
    "https://evil.example&#9;\\@codepen.io/x",
    "HTTPS://evil.example\\\\@codepen.io/x",
]


@pytest.mark.parametrize(
    ("address", "host"),
    [
        ("https://evil.example\\@codepen.io/x", "evil.example"),
        ("https://a:b@codepen.io@evil.example/", "evil.example"),
        ("https://evil.example#@codepen.io/", "evil.example"),
        ("https://evil.example?@codepen.io/", "evil.example"),
        ("https:\\\\codepen.io\\x", "codepen.io"),
        ("https:codepen.io/x", "codepen.io"),
        ("ht\ttps://code\npen.io/x", "codepen.io"),
        ("HTTPS://CodePen.IO:443/x", "codepen.io"),
        ("https://codepen%2Eio/", "codepen.io"),
        ("https://\uff43odepen.io/", "codepen.io"),  # a full-width c
        ("https://b\u00fccher.de/", "xn--bcher-kva.de"),
        ("https://codepen.io:x/", None),
        ("https://codepen%2Fio/", None),
        ("//codepen.io/x", None),
        ("javascript://codepen.io/%0aalert(1)", None),
        ("data:text/html,https://codepen.io/", None),
    ],
)
def test_the_one_host_reader_reads_hosts_as_browsers_do(address: str, host: str | None) -> None:
    assert weburl.browser_host(address) == host


@pytest.mark.parametrize("address", SMUGGLED_PLAYERS)
def test_a_player_address_is_read_as_a_browser_reads_it(address: str) -> None:
    card = f'<a href="https://codepen.io/x" data-pp-embed="{address}">x</a>'
    given = f'<iframe src="{address}"></iframe>{card}'
    cleaned = html.fromstring(f"<div>{sanitize.clean(given, embeds=True)}</div>")
    assert cleaned.xpath("//iframe/@src | //@data-pp-embed") == []
    assert len(cleaned.xpath("//iframe")) == 1  # kept without an address, sandboxed


def test_a_raw_iframe_smuggling_a_host_never_reaches_a_built_page(tmp_path: Path) -> None:
    import yaml

    body = "".join(f'<iframe src="{a}"></iframe>\n\n' for a in SMUGGLED_PLAYERS)
    body += '<iframe src="https://codepen.io/pen/x"></iframe>\n'
    config = write_site(tmp_path, {"good.md": post(body)})
    settings = yaml.safe_load(config.read_text(encoding="utf-8"))
    settings["extra"]["proofpress"]["embeds"] = True
    config.write_text(yaml.safe_dump(settings, sort_keys=False), encoding="utf-8")
    assert findings(config) == []
    site_dir = built(tmp_path, config)
    assert leaks(site_dir, "evil.example") == []
    page = html.fromstring((site_dir / "larissacaldwell/good/index.html").read_bytes())
    assert page.xpath("//iframe/@src") == ["https://codepen.io/pen/x"]


@pytest.mark.parametrize(
    ("field", "value", "line"),
    [
        ("canonical_url", "'https://evil.example\\@dev.to/x'", 8),
        ("cover_image", "'https://evil.example\\@i.example/a.png'", 8),
    ],
)
def test_front_matter_addresses_a_browser_reads_otherwise_are_refused(
    tmp_path: Path, field: str, value: str, line: int
) -> None:
    config = write_site(tmp_path, {"x.md": post(**{field: value})})
    assert [(p, li, code) for p, li, _c, code in findings(config)] == [
        ("docs/posts/x.md", line, "PP108" if field == "canonical_url" else "PP110")
    ]


# --- media bookkeeping from rendered HTML -----------------------------------------------------


def test_media_only_drafts_use_never_ship_however_referenced(tmp_path: Path) -> None:
    draft = post(
        "<img src=../../x.svg>\n\n"  # raw HTML, unquoted
        "[plan](<../../assets/my plan.pdf>)\n\n"  # <...> link syntax with a space
        '<img src="&#46;&#46;/../assets/ent.png">\n\n'  # entities
        "<div style=\"background: url('../../assets/bg.png')\">x</div>\n\n"  # CSS url()
        "<div style=\"background: image-set('../../assets/set.png' 1x)\">x</div>\n\n"
        '<style>\n@import "../../assets/imported.png";\n</style>\n\n'  # CSS strings
        "![diagram](../../assets/diagram.png)\n",
        published="false",
    )
    live = post("![shared](../assets/shared.png)\n")
    files = {
        "x.svg": f"{SVG_HEAD}<title>{TOKEN}</title></svg>",
        "assets/my plan.pdf": f"%PDF {TOKEN}",
        "assets/ent.png": TOKEN,
        "assets/bg.png": TOKEN,
        "assets/set.png": TOKEN,
        "assets/imported.png": TOKEN,
        "assets/diagram.png": TOKEN,
        "assets/shared.png": "shared picture",
    }
    both = post("![again](../../assets/shared.png)\n", published="false")
    config = write_site(
        tmp_path, {"sub/draft.md": draft, "live.md": live, "sub/both.md": both}, files=files
    )
    assert findings(config) == []
    site_dir = built(tmp_path, config)
    assert leaks(site_dir) == []
    assert (site_dir / "assets/shared.png").read_text() == "shared picture"
    image = html.fromstring((site_dir / "larissacaldwell/live/index.html").read_bytes())
    assert image.xpath("//article//img[not(contains(@class, 'pp-avatar'))]/@src") == [
        "../../assets/shared.png"
    ]


def test_a_file_a_live_page_uses_by_raw_html_is_kept(tmp_path: Path) -> None:
    draft = post('<img src="../assets/pic.png">\n', published="false")
    page = '---\ntitle: About\n---\n\n<img src="../assets/pic.png" alt="me">\n'  # from /about/
    config = write_site(
        tmp_path,
        {"draft.md": draft, "good.md": post()},
        files={"assets/pic.png": "picture", "about.md": page, "assets/only-draft.png": TOKEN},
    )
    site_dir = built(tmp_path, config)
    assert (site_dir / "assets/pic.png").read_text() == "picture"


def test_media_of_an_unpublished_page_never_ship(tmp_path: Path) -> None:
    page = "---\ntitle: Soon\npublished: false\n---\n\n![plan](plan.png)\n"
    config = write_site(
        tmp_path, {"good.md": post()}, files={"soon/index.md": page, "soon/plan.png": TOKEN}
    )
    assert leaks(built(tmp_path, config)) == []


DEEP_KATEX = "{% katex %}\n" + "\\frac{" * 200 + "1" + "}{2}" * 200 + "\n{% endkatex %}\n\n"


@pytest.mark.parametrize(
    "before",
    [
        "<p>Intro</p></body></html>\n\n",  # lxml's fragment parser dropped what follows
        DEEP_KATEX,  # MathML deeper than lxml keeps (about 256 levels): it cut the tree
        "<p>Intro</p></BODY></html>\n\n<!-- after -->\n\n",
    ],
)
def test_a_draft_image_never_ships_whatever_html_comes_before_it(
    tmp_path: Path, before: str
) -> None:
    draft = post(f"{before}![plan](../assets/plan.png)\n\n<img src=../assets/raw.png>\n")
    config = write_site(
        tmp_path,
        {"draft.md": draft.replace("published: true", "published: false"), "good.md": post()},
        files={"assets/plan.png": TOKEN, "assets/raw.png": TOKEN},
    )
    assert findings(config) == []
    site_dir = built(tmp_path, config)
    assert leaks(site_dir) == []
    assert not (site_dir / "assets/plan.png").exists()
    assert not (site_dir / "assets/raw.png").exists()


def test_a_live_post_keeps_its_image_after_deep_nesting(tmp_path: Path) -> None:
    live = post(f"{DEEP_KATEX}![plan](../assets/plan.png)\n")
    draft = post("![plan](../../assets/plan.png)\n", published="false")
    config = write_site(
        tmp_path, {"good.md": live, "draft.md": draft}, files={"assets/plan.png": "picture"}
    )
    assert (built(tmp_path, config) / "assets/plan.png").read_text() == "picture"


def test_a_draft_claims_every_value_that_could_name_a_file(tmp_path: Path) -> None:
    draft = post(
        "<!--><img src=../../assets/comment.png>-->\n\n"  # a browser ends the comment at <!-->
        '<meta http-equiv="refresh" content="0;url=../../assets/refresh.png">\n\n'
        "<svg><feImage href=../../assets/fe.png /></svg>\n\n"
        "<style>p { background: url(../../assets/styled.png) }</style>\n\n"
        '<a ping="../../assets/a.png ../../assets/ping.png">x</a>\n',
        published="false",
    )
    names = ["comment.png", "refresh.png", "fe.png", "styled.png", "ping.png"]
    config = write_site(
        tmp_path,
        {"draft.md": draft, "good.md": post()},
        files={f"assets/{name}": TOKEN for name in names},
    )
    site_dir = built(tmp_path, config)
    assert leaks(site_dir) == []
    assert [name for name in names if (site_dir / "assets" / name).exists()] == []


# --- addresses ---------------------------------------------------------------------------------

T_AUTHOR = AUTHORS + "tee:\n  name: Tee\n  username: t\n"
PAGE_AUTHOR = AUTHORS + "pager:\n  name: Pager\n  username: page\n"
SERIES_AUTHOR = AUTHORS + "ser:\n  name: Ser\n  username: series\n"


def test_a_post_at_a_tag_page_address_is_a_finding(tmp_path: Path) -> None:
    config = write_site(
        tmp_path, {"good.md": post(), "tag.md": post(author="tee", slug="python")}, authors=T_AUTHOR
    )
    assert findings(config) == [("docs/posts/tag.md", 8, 1, "PP504")]
    assert messages(config) == ["the post's address /t/python/ is the page of the tag #python"]


def test_a_post_at_a_home_page_address_is_a_finding(tmp_path: Path) -> None:
    config = write_site(
        tmp_path, {"good.md": post(), "2.md": post(author="pager")}, authors=PAGE_AUTHOR
    )
    assert findings(config) == [("docs/posts/2.md", 1, 1, "PP504")]


def test_a_post_at_a_series_address_is_a_finding(tmp_path: Path) -> None:
    config = write_site(
        tmp_path,
        {"good.md": post(series="Rust Tips"), "rt.md": post(author="ser", slug="rust-tips")},
        authors=SERIES_AUTHOR,
    )
    assert findings(config) == [("docs/posts/rt.md", 8, 1, "PP504")]


def test_series_whose_slugs_collide_are_a_finding(tmp_path: Path) -> None:
    config = write_site(
        tmp_path,
        {"a.md": post(series="Rust Tips"), "b.md": post(series="'rust tips!'", slug="b")},
    )
    assert findings(config) == [("docs/posts/b.md", 8, 1, "PP504")]
    assert messages(config) == [
        "series 'rust tips!' and 'Rust Tips' (docs/posts/a.md) would share the address "
        "/series/rust-tips/"
    ]


def test_a_page_at_a_generated_address_is_a_finding(tmp_path: Path) -> None:
    config = write_site(tmp_path, {"good.md": post()}, files={"t/python.md": "# Python\n"})
    assert findings(config) == [("docs/t/python.md", 1, 1, "PP504")]


# --- the authors registry -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "code"),
    [
        ("  website: javascript:alert(1)", "PP108"),
        ("  website: ' JavaScript:alert(1)'", "PP108"),
        ("  website: data:text/html,hi", "PP108"),
        ("  website: //evil.test", "PP108"),
        ("  avatar: javascript:alert(1)", "PP205"),
        ("  avatar: //evil.test/a.png", "PP205"),
        ("  avatar: /\\evil.test/a.png", "PP205"),
        ('  bio: "Backend \\u202Edeveloper"', "PP505"),
        ('  location: "Oslo\\0"', "PP505"),
        ("  joined: 0001-01-01", "PP109"),
    ],
)
def test_unsafe_author_values_are_refused(tmp_path: Path, line: str, code: str) -> None:
    authors = "larissa:\n  name: Larissa Caldwell\n  username: larissacaldwell\n" + line + "\n"
    config = write_site(tmp_path, {"good.md": post()}, authors=authors)
    assert [(p, li, c) for p, li, _col, c in findings(config)] == [("docs/.authors.yml", 4, code)]


def test_the_website_is_a_safe_link_on_the_author_card(tmp_path: Path) -> None:
    authors = AUTHORS + '  website: "https://larissa.dev/?a=1&b=<x>"\n'
    config = write_site(tmp_path, {"good.md": post()}, authors=authors)
    site_dir = built(tmp_path, config)
    for page in ("larissacaldwell/good/", "larissacaldwell/"):
        tree = html.fromstring((site_dir / page / "index.html").read_bytes())
        links = tree.xpath('//a[contains(@class, "pp-website")]')
        assert [(a.get("href"), a.get("rel"), a.text) for a in links] == [
            (
                "https://larissa.dev/?a=1&b=<x>",
                "noopener nofollow ugc",
                "https://larissa.dev/?a=1&b=<x>",
            )
        ]
    assert "<x>" not in (site_dir / "larissacaldwell/index.html").read_text()


def test_a_broken_registry_does_not_make_every_author_unknown(tmp_path: Path) -> None:
    config = write_site(tmp_path, {"good.md": post()}, authors="larissa: [unclosed\n")
    assert [code for _p, _l, _c, code in findings(config)] == ["PP004"]


# --- front-matter text, dates, message sizes ----------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value", "column"),
    [
        ("title", '"A \\0 title"', 8),
        ("title", '"Safe \\u202Eexe.txt"', 8),
        ("description", '"Isolate \\u2066x\\u2069"', 14),
        ("series", '"Esc \\e[31m"', 9),
        ("tags", '["python", "we\\u202Db"]', 7),
    ],
)
def test_control_characters_in_front_matter_are_findings(
    tmp_path: Path, field: str, value: str, column: int
) -> None:
    config = write_site(tmp_path, {"x.md": post(**{field: value})})
    line = {"title": 2, "description": 3, "tags": 6}.get(field, 8)
    assert findings(config) == [("docs/posts/x.md", line, column, "PP505")]


@pytest.mark.parametrize(
    ("front", "line"),
    [
        ({"date": "0001-01-01"}, 4),
        ({"date": "1989-12-31"}, 4),
        ({"updated": "9999-12-31"}, 8),
        ({"date": "2101-01-01"}, 4),
    ],
)
def test_dates_outside_1990_to_2100_are_findings(
    tmp_path: Path, front: dict[str, str], line: int
) -> None:
    config = write_site(tmp_path, {"x.md": post(**front)})
    assert findings(config) == [("docs/posts/x.md", line, 7 if line == 4 else 10, "PP109")]


def test_updated_is_compared_as_an_instant_across_time_zones(tmp_path: Path) -> None:
    later = post(date="2026-11-10T10:00:00+02:00", updated="2026-11-10T09:00:00+00:00")
    earlier = post(date="2026-11-10T10:00:00+02:00", updated="2026-11-10T07:00:00+00:00", slug="e")
    config = write_site(tmp_path, {"later.md": later, "earlier.md": earlier})
    assert findings(config) == [("docs/posts/earlier.md", 8, 1, "PP109")]
    assert messages(config) == [
        "updated: 2026-11-10 07:00:00+00:00 is before the post's date 2026-11-10 10:00:00+02:00"
    ]


def test_a_huge_tag_list_gives_a_short_message(tmp_path: Path) -> None:
    tags = "[" + ", ".join(f"t{n}" for n in range(5000)) + "]"
    config = write_site(tmp_path, {"x.md": post(tags=tags)})
    [message] = messages(config)
    assert (
        message == "tags: a post has at most 4 tags; found 5000: t0, t1, t2, t3, t4 and 4,995 more"
    )


def test_the_slug_hint_transliterates(tmp_path: Path) -> None:
    config = write_site(tmp_path, {"x.md": post(slug="café-🚀")})
    result = check_site(load_site_config(config))
    assert [(d.code, d.hint) for d in result.diagnostics] == [("PP111", "write cafe")]


def test_a_page_differing_from_a_post_only_in_case_is_a_finding(tmp_path: Path) -> None:
    config = write_site(
        tmp_path, {"good.md": post()}, files={"LarissaCaldwell/Good.md": "# Same address\n"}
    )
    assert findings(config) == [("docs/LarissaCaldwell/Good.md", 1, 1, "PP504")]
    assert messages(config) == [
        "the page's address /LarissaCaldwell/Good/ is the post docs/posts/good.md"
    ]


def test_a_draft_referring_to_theme_files_does_not_remove_them(tmp_path: Path) -> None:
    draft = post(
        '<link rel="stylesheet" href="../../assets/stylesheets/proofpress.css">\n'
        '<img src="../../assets/images/favicon.png">\n',
        published="false",
    )
    config = write_site(tmp_path, {"good.md": post(), "draft.md": draft})
    site_dir = built(tmp_path, config)
    assert (site_dir / "assets/stylesheets/proofpress.css").is_file()
    assert (site_dir / "assets/images/favicon.png").is_file()


def test_a_page_named_on_the_command_line_is_checked_as_a_page(tmp_path: Path) -> None:
    config = write_site(
        tmp_path,
        {"good.md": post()},
        files={"about.md": "---\ntitle: About\ndate: 2026-01-01\n---\n\nx\n"},
    )
    result = check_site(load_site_config(config), [tmp_path / "docs/about.md"])
    assert [(d.path, d.line, d.column, d.code) for d in result.diagnostics] == [
        ("docs/about.md", 3, 1, "PP503")
    ]


def test_an_author_key_with_a_bidi_override_is_a_finding(tmp_path: Path) -> None:
    authors = AUTHORS + '"eve\\u202E":\n  name: Eve\n  username: eve\n'
    config = write_site(tmp_path, {"good.md": post()}, authors=authors)
    assert findings(config) == [("docs/.authors.yml", 8, 1, "PP505")]


def test_a_symlinked_folder_inside_the_site_is_checked_like_mkdocs_walks_it(
    tmp_path: Path,
) -> None:
    config = write_site(tmp_path, {"good.md": post()})
    (tmp_path / "shared").mkdir()
    (tmp_path / "shared/plan.mkd").write_text(post(f"{SCRIPT}\n", mood="x"), encoding="utf-8")
    (tmp_path / "docs/posts/more").symlink_to(tmp_path / "shared")
    assert findings(config) == [("docs/posts/more/plan.mkd", 8, 1, "PP101")]


def test_proofpress_check_and_the_build_refuse_the_same_unsafe_file(tmp_path: Path) -> None:
    from conftest import run_module

    root = tmp_path / "blog"
    write_site(root, {"good.md": post()})
    _outside(tmp_path)
    (root / "docs/posts/leak.md").symlink_to(tmp_path / "outside/private.md")
    checked = run_module(root, "proofpress", "check")
    assert checked.returncode == 1
    assert checked.stdout.splitlines()[0] == (
        "docs/posts/leak.md:1:1: PP501 the symlink leads outside the site's folder; nothing "
        "outside it is published"
    )
    built_run = run_module(root, "mkdocs", "build", "--strict")
    assert built_run.returncode == 1
    assert "docs/posts/leak.md:1:1: PP501" in built_run.stderr
    assert "Traceback" not in built_run.stderr
    assert not (root / "site").exists()


@pytest.mark.parametrize("named", ["docs/posts", "docs/posts/leak.md", "docs"])
def test_check_of_named_paths_refuses_their_unsafe_links_unread(tmp_path: Path, named: str) -> None:
    from conftest import run_cli

    root = tmp_path / "blog"
    write_site(root, {"good.md": post()})
    _outside(tmp_path)
    (root / "docs/posts/leak.md").symlink_to(tmp_path / "outside/private.md")
    (root / "docs/posts/away").symlink_to(tmp_path / "outside")
    checked = run_cli(root, "check", named)
    assert checked.exit_code == 1
    lines = [line for line in checked.stdout.splitlines() if not line.startswith(" ")]
    outside = "PP501 the symlink leads outside the site's folder; nothing outside it is published"
    expected = (
        ["docs/posts/leak.md"]
        if named.endswith(".md")
        else ["docs/posts/away", "docs/posts/leak.md"]
    )
    assert lines == [f"{path}:1:1: {outside}" for path in expected]
    assert TOKEN not in checked.output  # the private file was never read
