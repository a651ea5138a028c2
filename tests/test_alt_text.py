"""Alt texts (issue 18): PP704 image-alt and PP705 cover-alt, advice unless alt_text: error.

Advice is listed by ``proofpress check`` (exit 0), by the build's log and the preview, and stops
neither a build nor an import; ``extra.proofpress.alt_text: error`` makes both rules problems.
The cover's alt is ``cover_alt``, else DEV's "Cover image for <title>", escaped.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from conftest import Preview, build_site, run_cli, run_module, write_site
from lxml import html

from proofpress.check.engine import check_site
from proofpress.hooks.config import load_site_config

SVG = '<svg xmlns="http://www.w3.org/2000/svg"/>\n'
FILES = {f"assets/{name}.svg": SVG for name in ("cover", "a", "b", "c", "d", "e", "logo")}
POST = """\
---
title: Alt "texts" <b>
date: 2026-11-02
author: larissa
published: true
cover_image: /assets/cover.svg
---

Intro with ![](/assets/a.svg) inline.
![ ](/assets/b.svg)
![A described image](/assets/c.svg)
<img src="/assets/d.svg">
<p><img alt="" src="/assets/e.svg"></p>
`![](/assets/code.svg)` in a span

```md
![](/assets/fenced.svg) <img src="/assets/fenced.svg">
```

![][logo]

[logo]: /assets/logo.svg
"""
PATH = "docs/posts/alt.md"
EXPECTED = [
    (6, 1, "PP705", "the cover has no cover_alt; the page would read "
     "'Cover image for Alt \"texts\" <b>'"),
    (9, 12, "PP704", "the image '/assets/a.svg' has an empty alt text"),
    (10, 1, "PP704", "the image '/assets/b.svg' has an empty alt text"),
    (12, 1, "PP704", "the <img> '/assets/d.svg' has no alt attribute"),
    (13, 4, "PP704", "the <img> '/assets/e.svg' has an empty alt text"),
    (20, 1, "PP704", "the image '/assets/logo.svg' has an empty alt text"),
]  # fmt: skip


def site(root: Path, post: str = POST, alt_text: str | None = None) -> Path:
    config = write_site(root, {"alt.md": post}, files=FILES)
    if alt_text is not None:
        data = yaml.safe_load(config.read_text(encoding="utf-8"))
        data.setdefault("extra", {}).setdefault("proofpress", {})["alt_text"] = alt_text
        config.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return config


def test_missing_alt_texts_are_advice_located_in_the_file_outside_code(tmp_path: Path) -> None:
    result = check_site(load_site_config(site(tmp_path)))
    assert result.diagnostics == []
    assert [(d.line, d.column, d.code, d.message) for d in result.advice] == EXPECTED
    assert {(d.path, d.severity) for d in result.advice} == {(PATH, "advice")}
    assert result.ok
    hints = {d.code: d.hint for d in result.advice}
    assert hints["PP705"] == "add 'cover_alt:' with a sentence saying what the cover shows"
    assert hints["PP704"].startswith("describe what the image shows")


def test_alt_text_error_makes_them_problems(tmp_path: Path) -> None:
    result = check_site(load_site_config(site(tmp_path, alt_text="error")))
    assert result.advice == []
    assert [(d.line, d.column, d.code, d.message) for d in result.diagnostics] == EXPECTED
    assert {d.severity for d in result.diagnostics} == {"error"}
    assert not result.ok


def test_described_images_and_cover_give_nothing(tmp_path: Path) -> None:
    post = (
        POST.replace("cover_image: /assets/cover.svg\n", "cover_image: /assets/cover.svg\n"
                     "cover_alt: A lighthouse at dusk\n")
        .replace("![](/assets/a.svg)", "![a](/assets/a.svg)")
        .replace("![ ](/assets/b.svg)", "![b](/assets/b.svg)")
        .replace('<img src="/assets/d.svg">', "<IMG SRC=/assets/d.svg ALT=d>")
        .replace('alt=""', "alt='e'")
        .replace("![][logo]", "![the logo][logo]")
    )  # fmt: skip
    assert check_site(load_site_config(site(tmp_path, post))).findings == []


def test_a_wrong_alt_text_setting_is_pp602(tmp_path: Path) -> None:
    config = load_site_config(site(tmp_path, alt_text="warn"))
    assert [(d.path, d.code, d.message) for d in config.problems] == [
        (
            "mkdocs.yml",
            "PP602",
            "extra.proofpress: alt_text: expected one of advice, error, found 'warn'",
        )
    ]


def test_check_lists_advice_on_stderr_and_exits_0(tmp_path: Path) -> None:
    site(tmp_path)
    done = run_cli(tmp_path, "check")
    assert (done.exit_code, done.stdout) == (0, "")
    lines = done.stderr.splitlines()
    assert lines[0] == (
        f"{PATH}:6:1: PP705 advice: the cover has no cover_alt; the page would read "
        "'Cover image for Alt \"texts\" <b>'"
    )
    assert [line.split(": ", 2)[:2] for line in lines if line.startswith(PATH)] == [
        [f"{PATH}:{line}:{column}", f"{code} advice"] for line, column, code, _ in EXPECTED
    ]
    assert lines[-1] == "1 post checked: no problems; 6 pieces of advice."


def test_check_formats_carry_the_severity(tmp_path: Path) -> None:
    site(tmp_path)
    done = run_cli(tmp_path, "check", "--format", "json")
    assert done.exit_code == 0
    items = json.loads(done.stdout)
    assert [(i["line"], i["code"], i["severity"]) for i in items] == [
        (line, code, "advice") for line, _, code, _ in EXPECTED
    ]
    done = run_cli(tmp_path, "check", "--format", "github")
    assert done.exit_code == 0
    first = done.stdout.splitlines()[0]
    assert first.startswith(
        f"::notice file={PATH},line=6,col=1,title=PP705::the cover has no cover_alt"
    )
    assert len(done.stdout.splitlines()) == len(EXPECTED)
    site(tmp_path, alt_text="error")
    done = run_cli(tmp_path, "check", "--format", "github")
    assert done.exit_code == 1
    assert done.stdout.startswith(f"::error file={PATH},line=6,col=1,title=PP705::")


def test_strict_build_logs_advice_and_builds_unless_alt_text_is_error(tmp_path: Path) -> None:
    site(tmp_path)
    done = run_module(tmp_path, "mkdocs", "build", "--strict", "-d", str(tmp_path / "site"))
    assert done.returncode == 0, done.stderr
    lines = done.stderr.splitlines()
    assert (
        f"INFO    -  {PATH}:9:12: PP704 advice: the image '/assets/a.svg' has an empty alt text"
        in lines
    )
    assert "INFO    -  6 piece(s) of advice; they do not stop the build" in lines
    assert (tmp_path / "site/larissacaldwell/alt/index.html").is_file()
    site(tmp_path, alt_text="error")
    done = run_module(tmp_path, "mkdocs", "build", "-d", str(tmp_path / "site2"))
    assert done.returncode == 1
    assert (
        f"WARNING -  {PATH}:9:12: PP704 the image '/assets/a.svg' has an empty alt text"
        in done.stderr.splitlines()
    )
    assert "6 problem(s) in 1 file(s)" in done.stderr
    assert not (tmp_path / "site2").exists()


def _cover_alt(built: Path) -> tuple[str, bytes]:
    page = (built / "larissacaldwell/alt/index.html").read_bytes()
    covers = html.fromstring(page).xpath('//article[@class="pp-article"]/img[@class="pp-cover"]')
    assert len(covers) == 1
    return covers[0].get("alt"), page


def test_the_cover_s_alt_is_cover_alt_or_dev_s_default_escaped(tmp_path: Path) -> None:
    build_site(site(tmp_path / "a"), tmp_path / "a/site")
    alt, page = _cover_alt(tmp_path / "a/site")
    assert alt == 'Cover image for Alt "texts" <b>'
    assert b'alt="Cover image for Alt &#34;texts&#34; &lt;b&gt;"' in page
    chosen = POST.replace(
        "cover_image: /assets/cover.svg\n",
        "cover_image: /assets/cover.svg\ncover_alt: 'A \"quoted\" <script>x</script> & sea'\n",
    )
    build_site(site(tmp_path / "b", chosen), tmp_path / "b/site")
    alt, page = _cover_alt(tmp_path / "b/site")
    assert alt == 'A "quoted" <script>x</script> & sea'
    assert b'alt="A &#34;quoted&#34; &lt;script&gt;x&lt;/script&gt; &amp; sea"' in page


def test_an_imported_post_without_alt_texts_imports_checks_clean_and_builds(
    tmp_path: Path,
) -> None:
    source = tmp_path / "dev-posts"
    (source / "assets").mkdir(parents=True)
    (source / "assets/shot.svg").write_text(SVG, encoding="utf-8")
    (source / "no-alt.md").write_text(
        "---\ntitle: No alt texts\npublished: true\ndate: 2026-01-02\n"
        "cover_image: ./assets/shot.svg\n---\n\n![](./assets/shot.svg)\n\n"
        '<img src="./assets/shot.svg">\n',
        encoding="utf-8",
    )
    blog = tmp_path / "blog"
    config = write_site(blog, {})
    done = run_module(blog, "proofpress", "import", str(source), "--author", "larissa")
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.splitlines()[-4:] == [
        "Posts: 1 imported.",
        "Images: 1 copied from the source.",
        "--verbose shows each post's date, notes and every image.",
        "proofpress check: the imported posts are clean",
    ]
    checked = run_module(blog, "proofpress", "check")
    assert (checked.returncode, checked.stdout) == (0, "")
    found = [line.split(": ")[1] for line in checked.stderr.splitlines() if line[:5] == "docs/"]
    assert found == ["PP705 advice", "PP704 advice", "PP704 advice"]
    build_site(config, blog / "site", strict=True)
    assert (blog / "site/larissacaldwell/no-alt/index.html").is_file()


def test_the_preview_shows_advice_in_its_own_box(tmp_path: Path) -> None:
    config = site(tmp_path)
    mount = urlsplit(yaml.safe_load(config.read_text())["site_url"]).path
    with Preview(tmp_path) as preview:
        page = html.fromstring(preview.get(f"{mount}larissacaldwell/alt/"))
    output = preview.output
    assert page.xpath('//div[contains(@class, "pp-findings")]') == []  # no problem
    (box,) = page.xpath('//div[contains(@class, "pp-advice")]')
    assert box.get("role") == "note"
    assert " ".join(box.xpath("./p")[0].text_content().split()) == (
        "Proofpress has 6 pieces of advice for this post; it does not stop mkdocs build"
    )
    items = [" ".join(li.text_content().split()) for li in box.xpath(".//li")]
    assert items[1] == (
        f"{PATH}:9:12 PP704 the image '/assets/a.svg' has an empty alt text Hint: "
        + check_site(load_site_config(config)).advice[1].hint
    )
    assert [item.split()[1] for item in items] == [code for _, _, code, _ in EXPECTED]
    assert f"{PATH}:9:12: PP704 advice:" in output
    assert "Traceback" not in output


def test_a_build_publishes_no_advice_box(tmp_path: Path) -> None:
    build_site(site(tmp_path), tmp_path / "site")
    page = html.fromstring((tmp_path / "site/larissacaldwell/alt/index.html").read_bytes())
    assert (
        page.xpath('//div[contains(@class, "pp-advice") or contains(@class, "pp-findings")]') == []
    )
    assert "PP704" not in html.tostring(page, encoding="unicode")
