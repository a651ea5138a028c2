"""SVGs that ship are inert: proven in Debian's Chromium, not only by the checker.

Each hostile SVG below runs script (or fetches) when Chromium opens it on its own: the first
test proves that against the raw file, so the payloads are live, and that PP502 refuses every
one of them. The second builds a site with the SVGs a writer really ships (exported pictures,
animations of colours, editor metadata, an external DOCTYPE) and opens every SVG the build
wrote: no dialog, no request to another host, no navigation.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from conftest import GOOD_FRONT_MATTER, build_site, write_site
from test_browser import browser, serve

from proofpress.check.files import svg_problem

pytestmark = pytest.mark.browser
__all__ = ["browser"]  # the fixture, imported for the tests below

SVG = 'xmlns="http://www.w3.org/2000/svg"'
HOSTILE = {
    # ATTLIST defaults are applied by the browser, not seen by a parse without the DTD
    "attlist.svg": (
        '<?xml version="1.0"?>\n'
        "<!DOCTYPE svg [<!ATTLIST svg onload CDATA \"alert('attlist')\">]>\n"
        f'<svg {SVG}><circle r="4"/></svg>\n',
        2,
    ),
    "UPPER.SVG": (
        f"<!DOCTYPE svg [\n<!ATTLIST svg onload CDATA \"alert('upper')\">\n]>\n<svg {SVG}/>\n",
        1,
    ),
    "animate.svg": (
        f'<svg {SVG}>\n<a><animate attributeName="href" values="x;javascript:alert(\'animate\')"'
        ' begin="0s" dur="0.1s" fill="freeze"/><rect width="100" height="100"/></a></svg>\n',
        2,
    ),
    "animate-values.svg": (
        f'<svg {SVG} xmlns:xlink="http://www.w3.org/1999/xlink">\n'
        '<a><animate attributeName="xlink:href" to="javascript:alert(\'to\')"'
        ' begin="0s" dur="0.1s" fill="freeze"/><rect width="100" height="100"/></a></svg>\n',
        2,
    ),
    "meta.svg": (
        f'<svg {SVG}><html:meta xmlns:html="http://www.w3.org/1999/xhtml" '
        'http-equiv="refresh" content="0;url=http://127.0.0.2:9/"/><circle r="4"/></svg>\n',
        1,
    ),
    "style.svg": (
        f'<svg {SVG}>\n\n<style>@import url("http://127.0.0.2:9/x.css");</style></svg>\n',
        3,
    ),
}
# Click where the linked rectangles are, for the animated links.
CLICK = {"animate.svg", "animate-values.svg"}


def _opened(browser: Any, url: str, *, click: bool) -> tuple[list[str], list[str], str]:
    """(dialogs, requests to other hosts, final URL) of opening ``url`` on its own."""
    page = browser.new_page()
    dialogs: list[str] = []
    foreign: list[str] = []
    here = urlsplit(url).netloc
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

    def route(r: Any) -> None:
        if urlsplit(r.request.url).netloc != here:
            foreign.append(r.request.url)
            r.abort()
        else:
            r.continue_()

    page.route("**/*", route)
    page.goto(url)
    page.wait_for_timeout(300)
    if click:
        page.mouse.click(20, 20)
        page.wait_for_timeout(300)
    final = page.url
    page.close()
    return dialogs, foreign, final


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("hostile-svgs")
    for name, (text, _) in HOSTILE.items():
        (folder / name).write_text(text, encoding="utf-8")
    yield from serve(folder)


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_each_hostile_svg_runs_in_chromium_and_is_refused(
    browser: Any, hostile_url: str, name: str
) -> None:
    dialogs, foreign, _ = _opened(browser, hostile_url + name, click=name in CLICK)
    assert dialogs or foreign, "the payload must be live for the refusal to mean anything"
    text, line = HOSTILE[name]
    problem = svg_problem(text.encode())
    assert problem is not None
    assert problem[0] == line


def test_the_build_refuses_every_hostile_svg(tmp_path: Path) -> None:
    from conftest import check_posts

    files: dict[str, str | bytes] = {f"assets/{n}": t for n, (t, _) in HOSTILE.items()}
    found = check_posts(tmp_path, {"p.md": GOOD_FRONT_MATTER + "Text.\n"}, files=files)
    assert sorted((path, line, column, code) for path, line, column, code, _ in found) == sorted(
        (f"docs/assets/{name}", line, 1, "PP502") for name, (_, line) in HOSTILE.items()
    )


SHIPPED = {
    "plain.svg": f'<svg {SVG} viewBox="0 0 10 10"><circle cx="5" cy="5" r="4" fill="#c00"/></svg>',
    "exported.svg": '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
    '"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n'
    f'<svg {SVG} xmlns:xlink="http://www.w3.org/1999/xlink" width="20" height="20">'
    '<defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient></defs>'
    '<rect width="20" height="20" fill="url(#g)"/><use xlink:href="#g"/></svg>',
    "animated.svg": f'<svg {SVG}><circle r="4"><animate attributeName="fill" '
    'values="red;blue;red" dur="1s" repeatCount="indefinite"/></circle></svg>',
    "inkscape.svg": f'<svg {SVG} xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/'
    'sodipodi-0.dtd" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" '
    'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><sodipodi:namedview '
    'inkscape:zoom="1"/><metadata><rdf:RDF/></metadata><path d="M0 0h4v4z"/></svg>',
    "linked.svg": f'<svg {SVG}><a href="https://example.org/"><text y="10">x</text></a></svg>',
}


def test_every_svg_the_build_writes_is_inert_in_chromium(browser: Any, tmp_path: Path) -> None:
    body = "".join(f"![{name}](../assets/{name})\n\n" for name in SHIPPED)
    config = write_site(
        tmp_path,
        {"p.md": GOOD_FRONT_MATTER + body},
        files={f"assets/{n}": t for n, t in SHIPPED.items()},
    )
    site = tmp_path / "site"
    build_site(config, site)
    shipped = sorted(p for p in site.rglob("*") if p.suffix.lower() == ".svg")
    assert {p.name for p in shipped} >= set(SHIPPED)  # and the avatar, and Material's icons
    for url in serve(site):
        for path in shipped:
            target = url + path.relative_to(site).as_posix()
            dialogs, foreign, final = _opened(browser, target, click=False)
            assert (dialogs, foreign, final) == ([], [], target), path
