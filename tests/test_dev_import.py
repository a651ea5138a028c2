"""``proofpress import``: a dev-to-git repository, a DEV export and DEV's API, imported for real.

The fixture repository is a real git repository with back-dated commits; remote images come
from a local HTTP server; DEV's API is the contract server in tests/devserver.py.
"""

from __future__ import annotations

import functools
import itertools
import json
import os
import re
import struct
import subprocess
import tracemalloc
import zlib
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import unquote, urlsplit

import frontmatter
import pytest
from conftest import build_site, run_module, write_site
from devserver import DevContract, FakeClock, trickle
from lxml import html
from pytest_httpserver import HTTPServer
from werkzeug import Response

from proofpress.dev import commands
from proofpress.dev.api import Bounds, DevClient
from proofpress.reading.frontmatter_handler import ProofpressHandler


def png(seed: int) -> bytes:
    """A real 1x1 PNG; ``seed`` picks its grey so every image differs."""
    raw = b"\x00" + bytes([seed % 256])
    chunk = lambda kind, data: (  # noqa: E731
        struct.pack(">I", len(data))
        + kind
        + data
        + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    )
    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


DIAGRAM, BANNER, COVER, REMOTE = png(1), png(2), png(3), png(4)


def git(repo: Path, *args: str, when: str | None = None) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Writer",
        "GIT_AUTHOR_EMAIL": "writer@example.com",
        "GIT_COMMITTER_NAME": "Writer",
        "GIT_COMMITTER_EMAIL": "writer@example.com",
    }
    if when:
        env |= {"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    subprocess.run(
        ["git", "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", *args],
        cwd=repo,
        env=env,
        check=True,
        capture_output=True,
    )


def write(root: Path, files: dict[str, str | bytes]) -> None:
    for name, content in files.items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")


QUEUES = """\
---
title: Queues Explained: A Primer
published: true
description: How queues smooth out load.
tags: Queues, Back-End, DevOps
series:
canonical_url:
cover_image: {images}/cover.png
---

# Why queues

Intro with ![diagram](./assets/diagram.png) and ![banner](../shared/banner.png).

A remote one: ![remote]({images}/Remote_Shot.PNG "A shot")

{{% youtube dQw4w9WgXcQ %}}

## Details

```bash
# not a heading
echo ![not an image](nothing.png)
```

Closing words.
"""

RETRY = """\
---
title: "Retry budgets"
published: true
published_at: 2023-03-01 09:30 +0000
tags: [Reliability]
---

Words about budgets.

## Budgets

```python
# a comment, not a heading
```
"""

DRAFT = """\
---
title: Half done
published: false
---

Still writing. The code below has a `#` line:

```
# shell comment
```
"""

UNTRACKED = """\
---
title: Not committed yet
published: true
tags:
---

Fresh words.
"""


@pytest.fixture
def images(httpserver: HTTPServer) -> str:
    httpserver.expect_request("/img/cover.png").respond_with_data(COVER, content_type="image/png")
    httpserver.expect_request("/img/Remote_Shot.PNG").respond_with_data(
        REMOTE, content_type="image/png"
    )
    return httpserver.url_for("/img").rstrip("/")


@pytest.fixture
def repo(tmp_path: Path, images: str) -> Path:
    """A dev-to-git repository with three commits, the first two back-dated."""
    root = tmp_path / "dev-posts"
    root.mkdir()
    git(root, "init", "-q")
    write(
        root,
        {
            "README.md": "# My DEV posts\n\nKept with dev-to-git.\n",
            "dev-to-git.json": "[]\n",
            "blog-posts/queues-explained/queues-explained.md": QUEUES.format(images=images),
            "blog-posts/queues-explained/assets/diagram.png": DIAGRAM,
            "blog-posts/shared/banner.png": BANNER,
        },
    )
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "Queues", when="2022-05-10T08:00:00+02:00")
    write(
        root,
        {
            "blog-posts/retry-budgets/retry-budgets.md": RETRY,
            "blog-posts/half-done/half-done.md": DRAFT,
        },
    )
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "Two more", when="2022-06-01T12:00:00+00:00")
    queues = root / "blog-posts/queues-explained/queues-explained.md"
    queues.write_text(queues.read_text().replace("Closing words.", "Closing words, edited."))
    git(root, "commit", "-q", "-am", "Edit", when="2023-01-15T09:00:00+00:00")
    untracked = root / "blog-posts/untracked/untracked.md"
    write(root, {"blog-posts/untracked/untracked.md": UNTRACKED})
    moment = datetime(2021, 2, 3, 4, 5, 6, tzinfo=UTC).timestamp()
    os.utime(untracked, (moment, moment))
    return root


def proofpress(site: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The command line; ``import`` with ``--verbose``, whose lines these tests read (its short
    form is tested in test_import_output_fits_the_terminal_and_the_summary_counts)."""
    return run_module(site, "proofpress", *args, *(["--verbose"] if args[0] == "import" else []))


def read(path: Path) -> frontmatter.Post:
    return frontmatter.load(path, handler=ProofpressHandler())


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def test_dev_to_git_repository_imports_field_by_field(
    tmp_path: Path, repo: Path, images: str
) -> None:
    site = tmp_path / "site"
    write_site(site, {})
    done = proofpress(site, "import", str(repo), "--author", "larissa", "--localize-images")
    assert done.returncode == 0, done.stdout + done.stderr
    posts = site / "docs/posts"

    queues = read(posts / "queues-explained/queues-explained.md")
    assert list(queues.metadata.items()) == [
        ("title", "Queues Explained: A Primer"),
        ("description", "How queues smooth out load."),
        ("date", datetime(2022, 5, 10, 8, 0, tzinfo=timezone(timedelta(hours=2)))),
        ("author", "larissa"),
        ("tags", ["queues", "backend", "devops"]),
        ("published", True),
        ("cover_image", "assets/cover.png"),
    ]
    assert queues.content == (
        "## Why queues\n\n"
        "Intro with ![diagram](./assets/diagram.png) and "
        "![banner](../../assets/shared/blog-posts/shared/banner.png).\n\n"
        'A remote one: ![remote](assets/remote_shot.png "A shot")\n\n'
        "{% youtube dQw4w9WgXcQ %}\n\n"
        "### Details\n\n"
        "```bash\n# not a heading\necho ![not an image](nothing.png)\n```\n\n"
        "Closing words, edited."
    )
    assert snapshot(posts / "queues-explained/assets") == {
        "diagram.png": DIAGRAM,
        "cover.png": COVER,
        "remote_shot.png": REMOTE,
    }
    # a file outside the post's own folder goes to the shared place, at its path in the source
    assert snapshot(site / "docs/assets/shared") == {"blog-posts/shared/banner.png": BANNER}

    retry = read(posts / "retry-budgets/retry-budgets.md")
    assert list(retry.metadata.items()) == [
        ("title", "Retry budgets"),
        ("date", datetime(2023, 3, 1, 9, 30, tzinfo=UTC)),
        ("author", "larissa"),
        ("tags", ["reliability"]),
        ("published", True),
    ]
    assert retry.content == RETRY.split("---\n\n", 1)[1].strip()  # no h1: headings untouched

    draft = read(posts / "half-done/half-done.md")
    assert draft.metadata == {
        "title": "Half done",
        "date": datetime(2022, 6, 1, 12, 0, tzinfo=UTC),
        "author": "larissa",
        "published": False,
    }
    assert "# shell comment" in draft.content

    untracked = read(posts / "untracked/untracked.md")
    assert untracked.metadata == {
        "title": "Not committed yet",
        "date": datetime(2021, 2, 3, 4, 5, 6, tzinfo=UTC),
        "author": "larissa",
        "published": True,
    }
    assert sorted(p.relative_to(posts).as_posix() for p in posts.rglob("*.md")) == [
        "half-done/half-done.md",
        "queues-explained/queues-explained.md",
        "retry-budgets/retry-budgets.md",
        "untracked/untracked.md",
    ]

    lines = done.stdout.splitlines()
    assert _columns(lines, "queues-explained") == [
        "2022-05-10 06:00",
        "git",
        "2 copied, 2 downloaded",
        "imported, 2 heading(s) re-levelled",
    ]
    queues_row = next(n for n, line in enumerate(lines) if "queues-explained/" in line)
    assert lines[queues_row + 3 : queues_row + 6] == [
        "    2 heading(s) re-levelled",
        f"    downloaded: {images}/Remote_Shot.PNG -> assets/remote_shot.png",
        f"    downloaded: {images}/cover.png -> assets/cover.png",
    ]
    assert _columns(lines, "retry-budgets") == ["2023-03-01 09:30", "published_at", "-", "imported"]
    assert _columns(lines, "half-done") == ["2022-06-01 12:00", "git", "-", "imported"]
    assert _columns(lines, "untracked") == ["2021-02-03 04:05", "mtime", "-", "imported"]
    assert lines[0] == "skipped      dev-posts/README.md"
    assert lines[1] == "    not a DEV post (no front matter with a title)"
    assert lines[2].startswith("imported     docs/posts/half-done/half-done.md")
    assert lines[3].startswith("    source: ")
    assert lines[3].endswith("dev-posts/blog-posts/half-done/half-done.md")
    assert lines[-3:] == [
        "Posts: 4 imported, 1 skipped.",
        "Images: 2 copied from the source, 2 downloaded.",
        "proofpress check: the imported posts are clean",
    ]

    checked = proofpress(site, "check")
    assert (checked.returncode, checked.stdout) == (0, "")
    built = tmp_path / "built"
    build_site(site / "mkdocs.yml", built, strict=True)
    page = html.fromstring((built / "larissacaldwell/queues-explained/index.html").read_bytes())
    article = page.xpath("//article")[0]
    assert [h.text_content().strip() for h in article.xpath(".//h1")] == [
        "Queues Explained: A Primer"
    ]
    body = article.xpath(".//div[contains(@class, 'pp-body')]")[0]
    assert [(h.tag, h.get("id")) for h in body.xpath(".//h2|.//h3")] == [
        ("h2", "why-queues"),
        ("h3", "details"),
    ]
    sources = [img.get("src") for img in body.xpath(".//img")]
    assert sources == [
        "../../posts/queues-explained/assets/diagram.png",
        "../../assets/shared/blog-posts/shared/banner.png",
        "../../posts/queues-explained/assets/remote_shot.png",
    ]
    page_dir = built / "larissacaldwell/queues-explained"
    assert [(page_dir / src).resolve().read_bytes() for src in sources] == [DIAGRAM, BANNER, REMOTE]
    # the Liquid tag came through as DEV renders it: a player, here a click-to-load card
    assert body.xpath(".//a/@data-pp-embed") == [
        "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"
    ]
    code = "".join(c.text_content() for c in body.xpath(".//pre | .//code"))
    assert "{%" not in body.text_content().replace(code, "")
    assert not (built / "larissacaldwell/half-done").exists()  # the draft stays a draft

    before = snapshot(posts)
    again = proofpress(site, "import", str(repo), "--author", "larissa", "--localize-images")
    assert again.returncode == 1
    # a post with images to download is not downloaded again to compare: a clash; the others
    # hold exactly what the import would write
    assert "    clash: docs/posts/queues-explained already exists" in again.stdout.splitlines()
    assert [_columns(again.stdout.splitlines(), slug)[-1] for slug in SLUGS] == [
        "skipped",
        "unchanged",
        "unchanged",
        "unchanged",
    ]
    assert "Posts: 3 unchanged, 2 skipped." in again.stdout.splitlines()
    assert snapshot(posts) == before


SLUGS = ("queues-explained", "retry-budgets", "half-done", "untracked")


def table_notes(stdout: str) -> list[str]:
    """The notes and image references under the posts' lines (--verbose), in order: not their
    dates and re-levelled headings, nor the check's hints after the summary."""
    posts = stdout.split("\nPosts: ", 1)[0]
    return [
        line.strip()
        for line in posts.splitlines()
        if line.startswith("    ")
        and not line.startswith(("    date ", "    source: "))
        and not line.endswith(" heading(s) re-levelled")
    ]


def _columns(lines: list[str], slug: str) -> list[str]:
    """A post's date, date source, files and result (with its re-levelled headings), read from
    its line and the --verbose lines under it; "-" where there is none."""
    row = next(n for n, line in enumerate(lines) if f" docs/posts/{slug}/" in line)
    status, rest = lines[row][:12].strip(), lines[row][13:]
    files = rest.partition("  ")[2] or "-"
    details = list(itertools.takewhile(lambda line: line.startswith("    "), lines[row + 1 :]))
    date, source = "-", "-"
    for detail in details:
        if found := re.fullmatch(r"    date (.+) \(from (.+)\)", detail):
            date, source = found.groups()
        elif detail.endswith(" heading(s) re-levelled"):
            status += ", " + detail.strip()
    return [date, source, files, status]


def test_failed_downloads_are_reported_and_the_references_left_as_they_were(
    tmp_path: Path, httpserver: HTTPServer
) -> None:
    httpserver.expect_request("/ok.png").respond_with_data(REMOTE, content_type="image/png")
    httpserver.expect_request("/page.png").respond_with_data(
        "<html>nope</html>", content_type="text/html"
    )
    httpserver.expect_request("/fake.png").respond_with_data(
        "<html>nope</html>", content_type="image/png"
    )
    httpserver.expect_request("/script.svg").respond_with_data(
        "<svg onload='alert(1)'/>", content_type="image/svg+xml"
    )
    httpserver.expect_request("/huge.png").respond_with_data(
        REMOTE + b"\0" * (10 * 1024 * 1024), content_type="image/png"
    )
    url = httpserver.url_for("").rstrip("/")
    names = ("ok.png", "missing.png", "page.png", "fake.png", "script.svg", "huge.png")
    body = "\n\n".join(f"![{name}]({url}/{name})" for name in names)
    source = tmp_path / "flat"
    write(source, {"post.md": f"---\ntitle: Pictures\npublished: false\n---\n\n{body}\n"})
    site = tmp_path / "site"
    write_site(site, {})
    done = proofpress(site, "import", str(source), "--author", "larissa", "--localize-images")
    assert done.returncode == 1, done.stdout + done.stderr
    notes = table_notes(done.stdout)
    assert notes == [
        f"downloaded: {url}/ok.png -> assets/ok.png",
        f"remote: {url}/missing.png (download failed: HTTP 500)",
        f"remote: {url}/page.png (download failed: served as 'text/html', not one of: "
        "image/png, image/jpeg, image/gif, image/webp, image/avif)",
        f"remote: {url}/fake.png (download failed: served as image/png, but the bytes are not "
        "that format)",
        f"remote: {url}/script.svg (download failed: served as 'image/svg+xml', not one of: "
        "image/png, image/jpeg, image/gif, image/webp, image/avif)",
        f"remote: {url}/huge.png (download failed: {len(REMOTE) + 10 * 1024 * 1024:,} bytes; "
        "the limit is 10,485,760)",
    ]
    assert _columns(done.stdout.splitlines(), "post")[2:] == ["1 downloaded, 5 remote", "imported"]
    written = read(site / "docs/posts/post/post.md")
    assert written.content == body.replace(f"{url}/ok.png", "assets/ok.png")
    assert snapshot(site / "docs/posts/post/assets") == {"ok.png": REMOTE}


def test_dry_run_writes_nothing_and_unknown_author_is_bad_usage(tmp_path: Path, repo: Path) -> None:
    site = tmp_path / "site"
    write_site(site, {})
    before = snapshot(site)
    dry = proofpress(site, "import", str(repo), "--author", "larissa", "--dry-run")
    assert dry.returncode == 0, dry.stdout + dry.stderr
    assert _columns(dry.stdout.splitlines(), "queues-explained")[2:] == [
        "2 copied, 2 remote",
        "would import, 2 heading(s) re-levelled",
    ]
    assert dry.stdout.splitlines()[-1] == (
        "dry run: 4 post(s) would be imported; nothing was written"
    )
    assert snapshot(site) == before
    unknown = proofpress(site, "import", str(repo), "--author", "larisa")
    assert unknown.returncode == 2
    assert "unknown author 'larisa' (registered: larissa)" in unknown.stderr
    nothing = proofpress(site, "import", "--author", "larissa")
    assert nothing.returncode == 2
    assert "give at least one SOURCE" in nothing.stderr
    assert "Traceback" not in unknown.stderr + nothing.stderr
    assert snapshot(site) == before


def dev_articles(images: str) -> list[dict[str, object]]:
    """Articles as DEV's export and API give them: one with front matter in its body."""
    return [
        {
            "title": "Hello DEV",
            "slug": "hello-dev-3k2j",
            "path": "/larissa_dev/hello-dev-3k2j",
            "body_markdown": "---\ntitle: Hello DEV\npublished: true\ntags: Intro, Meta\n---\n\n"
            f"# Hello\n\n![pic]({images}/Remote_Shot.PNG)\n",
            "published": True,
            "published_at": "2021-04-05T06:07:08.000Z",
            "created_at": "2021-04-01T00:00:00.000Z",
            "cached_tag_list": "intro, meta",
            "description": "Hi there",
            "main_image": f"{images}/cover.png",
            "canonical_url": "https://dev.to/larissa_dev/hello-dev-3k2j",
        },
        {
            "title": "Unfinished",
            "slug": "unfinished-temp-slug-8213311",
            "path": "/larissa_dev/unfinished-temp-slug-8213311",
            "body_markdown": "Draft body.\n",
            "published": False,
            "published_at": None,
            "created_at": "2021-05-01T10:00:00.000Z",
            "cached_tag_list": "",
            "description": "",
            "main_image": None,
            "canonical_url": None,
        },
    ]


def assert_dev_articles_imported(site: Path, draft: dict[str, object]) -> None:
    posts = site / "docs/posts"
    hello = read(posts / "hello-dev-3k2j/hello-dev-3k2j.md")
    assert list(hello.metadata.items()) == [
        ("title", "Hello DEV"),
        ("description", "Hi there"),
        ("date", datetime(2021, 4, 5, 6, 7, 8, tzinfo=UTC)),
        ("author", "larissa"),
        ("tags", ["intro", "meta"]),
        ("published", True),
        ("cover_image", "assets/cover.png"),
        ("canonical_url", "https://dev.to/larissa_dev/hello-dev-3k2j"),
    ]
    assert hello.content == "## Hello\n\n![pic](assets/remote_shot.png)"
    assert snapshot(posts / "hello-dev-3k2j/assets") == {
        "cover.png": COVER,
        "remote_shot.png": REMOTE,
    }
    unfinished = read(posts / "unfinished/unfinished.md")
    assert unfinished.metadata == {
        "title": "Unfinished",
        **draft,
        "date": datetime(2021, 5, 1, 10, 0, tzinfo=UTC),
        "author": "larissa",
        "published": False,
    }
    assert unfinished.content == "Draft body."
    checked = proofpress(site, "check")
    assert (checked.returncode, checked.stdout) == (0, "")
    build_site(site / "mkdocs.yml", site / "built", strict=True)
    assert (site / "built/larissacaldwell/hello-dev-3k2j/index.html").is_file()
    assert not (site / "built/larissacaldwell/unfinished").exists()


def test_dev_export_articles_json(tmp_path: Path, images: str) -> None:
    export = tmp_path / "export/articles.json"
    export.parent.mkdir()
    export.write_text(json.dumps(dev_articles(images)), encoding="utf-8")
    site = tmp_path / "site"
    write_site(site, {})
    done = proofpress(site, "import", str(export), "--author", "larissa", "--localize-images")
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert "    source: articles.json: hello-dev-3k2j" in lines
    assert _columns(lines, "hello-dev-3k2j") == [
        "2021-04-05 06:07",
        "published_at",
        "2 downloaded",
        "imported, 1 heading(s) re-levelled",
    ]
    assert _columns(lines, "unfinished") == ["2021-05-01 10:00", "created_at", "-", "imported"]
    assert_dev_articles_imported(site, {})


def test_from_api_reads_every_page(
    tmp_path: Path, httpserver: HTTPServer, images: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    contract = DevContract(keys={"good-key": "larissa_dev"}, max_per_page=1)
    api = contract.install(httpserver)
    for article in dev_articles(images):
        contract.seed("larissa_dev", **article)
    site = tmp_path / "site"
    write_site(site, {})
    monkeypatch.setenv("DEV_API_KEY", "wrong-key")
    refused = proofpress(site, "import", "--from-api", "--api-url", api, "--author", "larissa")
    assert refused.returncode == 2
    assert refused.stdout == (
        "error: DEV refused the API key: unauthorized (401); check DEV_API_KEY "
        "(nothing was imported)\n"
    )
    monkeypatch.setenv("DEV_API_KEY", "good-key")
    done = proofpress(
        site, "import", "--from-api", "--api-url", api, "--author", "larissa", "--localize-images"
    )
    assert done.returncode == 0, done.stdout + done.stderr
    pages = [e.path for e in contract.log if e.method == "GET" and e.status == 200]
    assert len(pages) == 3  # one article a page, then the empty page that ends the list
    assert contract.violations == []
    # DEV's API writes a description for an article that has none, and gives a draft its
    # temporary URL as canonical: the first is kept, the second dropped.
    assert_dev_articles_imported(site, {"description": "Draft body."})


def test_files_outside_the_source_folder_are_never_copied(tmp_path: Path) -> None:
    (tmp_path / "secret.png").write_bytes(DIAGRAM)
    source = tmp_path / "flat"
    write(
        source,
        {
            "post.md": "---\ntitle: Sneaky\npublished: true\n---\n\n"
            "![secret](../secret.png) ![gone](missing.png) ![ok](pics/ok.png)\n",
            "pics/ok.png": BANNER,
        },
    )
    site = tmp_path / "site"
    write_site(site, {})
    done = proofpress(site, "import", str(source / "post.md"), "--author", "larissa")
    assert done.returncode == 1, done.stdout + done.stderr
    notes = table_notes(done.stdout)
    assert notes == [
        f"'../secret.png' points outside {source.resolve()}; left as it was",
        "'missing.png' does not exist; left as it was",
    ]
    written = site / "docs/posts/post"
    assert snapshot(written) == {
        "post.md": (written / "post.md").read_bytes(),
        "pics/ok.png": BANNER,
    }
    assert read(written / "post.md").content == (
        "![secret](../secret.png) ![gone](missing.png) ![ok](pics/ok.png)"
    )


SIGNER = """#!/bin/sh
cat >/dev/null
echo "[GNUPG:] SIG_CREATED D 1 8 00 0 0" >&2
printf -- '-----BEGIN PGP SIGNATURE-----\\n\\nAAAA\\n-----END PGP SIGNATURE-----\\n'
"""


@pytest.mark.parametrize("layout", ["own .git/config", "nested bare repository"])
def test_a_source_s_git_configuration_never_runs_a_program(tmp_path: Path, layout: str) -> None:
    marker = tmp_path / "MARKER"
    sign, evil = tmp_path / "sign.sh", tmp_path / "evil.sh"
    sign.write_text(SIGNER)
    evil.write_text(f"#!/bin/sh\ntouch {marker}\ncat >/dev/null\n")
    sign.chmod(0o755)
    evil.chmod(0o755)
    work = tmp_path / "work"
    work.mkdir()
    git(work, "init", "-q")
    write(work, {"signed.md": "---\ntitle: Signed\npublished: true\n---\n\nWords.\n"})
    git(work, "add", ".")
    git(
        work,
        *("-c", f"gpg.program={sign}", "-c", "user.signingkey=x"),
        *("commit", "-q", "-S", "-m", "Signed"),
        when="2022-05-10T08:00:00+02:00",
    )
    if layout == "own .git/config":
        source = work
    else:  # the post sits in a folder that is itself a bare repository of its history
        source = tmp_path / "posts"
        subprocess.run(["git", "clone", "-q", "--bare", str(work), str(source)], check=True)
        (source / "signed.md").write_bytes((work / "signed.md").read_bytes())
    for key, value in (("log.showSignature", "true"), ("gpg.program", str(evil))):
        subprocess.run(["git", "config", "--file", str(_config(source)), key, value], check=True)
    # The hostile configuration is real: git itself runs the program.
    shown = subprocess.run(["git", "log", "--format=%aI", "--", "signed.md"], cwd=source)
    assert shown.returncode == 0
    assert marker.exists()
    marker.unlink()

    site = tmp_path / "site"
    write_site(site, {})
    done = proofpress(site, "import", str(source), "--author", "larissa")
    assert done.returncode == 0, done.stdout + done.stderr
    assert not marker.exists()
    assert _columns(done.stdout.splitlines(), "signed") == [
        "2022-05-10 06:00",
        "git",
        "-",
        "imported",
    ]
    assert read(site / "docs/posts/signed/signed.md").metadata["date"] == datetime(
        2022, 5, 10, 8, 0, tzinfo=timezone(timedelta(hours=2))
    )


def _config(source: Path) -> Path:
    return source / ".git/config" if (source / ".git").is_dir() else source / "config"


def test_symbolic_links_out_of_the_source_are_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    write(
        outside,
        {
            "private.md": "---\ntitle: Private\npublished: true\n---\n\nSecret.\n",
            "key.png": DIAGRAM,
        },
    )
    source = tmp_path / "source"
    write(
        source,
        {
            "post.md": "---\ntitle: Post\npublished: true\n---\n\n![key](key.png) ![ok](ok.png)\n",
            "ok.png": BANNER,
            "inner/real.md": "---\ntitle: Real\npublished: true\n---\n\nMine.\n",
        },
    )
    (source / "leak.md").symlink_to(outside / "private.md")
    (source / "key.png").symlink_to(outside / "key.png")
    (source / "alias.md").symlink_to(source / "inner/real.md")  # inside: fine
    (source / "linked").symlink_to(outside, target_is_directory=True)
    site = tmp_path / "site"
    write_site(site, {})
    done = proofpress(site, "import", str(source), "--author", "larissa")
    assert done.returncode == 1, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    leak = lines.index(next(line for line in lines if "source/leak.md" in line))
    assert lines[leak] == "skipped      source/leak.md"
    assert lines[leak + 1] == "    a symbolic link to a file outside the source; not imported"
    assert table_notes(done.stdout) == [
        "a symbolic link to a file outside the source; not imported",
        f"'key.png' points outside {source.resolve()}; left as it was",
    ]
    posts = site / "docs/posts"
    assert sorted(p.relative_to(posts).as_posix() for p in posts.rglob("*") if p.is_file()) == [
        "alias/alias.md",
        "post/ok.png",
        "post/post.md",
        "real/real.md",
    ]
    assert "Secret" not in "".join(p.read_text() for p in posts.rglob("*.md"))
    named = proofpress(site, "import", str(source / "leak.md"), "--author", "larissa")
    assert named.returncode == 1
    assert "    a symbolic link to a file outside the source; not imported" in named.stdout
    assert "Traceback" not in done.stderr + named.stderr


def test_odd_text_and_dates_at_the_ends_of_the_calendar_never_raise(tmp_path: Path) -> None:
    base = {"published": True, "body_markdown": "Words.\n", "created_at": "2021-05-01T10:00:00Z"}
    articles = [
        {**base, "title": "Lone \ud800 surrogate", "slug": "lone"},
        {**base, "title": "Body", "slug": "body", "body_markdown": "A \udfff in the body.\n"},
        {**base, "title": "Slug", "slug": "slug-\ud801"},
        {
            **base,
            "title": "Year one",
            "slug": "year-one",
            "published_at": "0001-01-01T00:30:00+01:00",
        },
        {
            **base,
            "title": "Year end",
            "slug": "year-end",
            "published_at": "9999-12-31T23:30:00-01:00",
        },
        {**base, "title": "First day", "slug": "first-day", "published_at": "0001-01-01T00:00:00Z"},
    ]
    export = tmp_path / "export/articles.json"
    export.parent.mkdir()
    export.write_text(json.dumps(articles), encoding="utf-8")  # \ud800 travels as an escape
    site = tmp_path / "site"
    write_site(site, {})
    done = proofpress(site, "import", str(export), "--author", "larissa")
    assert "Traceback" not in done.stdout + done.stderr
    assert done.returncode == 1, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    surrogate = "    text that no file can hold (a lone surrogate, U+D800-U+DFFF); not imported"
    for origin in ("articles.json: lone", "articles.json: body"):
        row = next(n for n, line in enumerate(lines) if origin in line)
        assert lines[row].split()[0] == "skipped"
        assert lines[row + 1] == surrogate
    # only the summary shows the odd slug (escaped); the post's own slug is DEV's alphabet
    slug_row = next(n for n, line in enumerate(lines) if "/slug/" in line)
    assert lines[slug_row + 1] == "    source: articles.json: slug-\\ud801"
    # A time the calendar cannot hold in UTC is not a date: the next source is used.
    assert _columns(lines, "year-one")[:2] == ["2021-05-01 10:00", "created_at"]
    assert _columns(lines, "year-end")[:2] == ["2021-05-01 10:00", "created_at"]
    assert _columns(lines, "first-day")[:2] == ["0001-01-01 00:00", "published_at"]

    deep = tmp_path / "deep/articles.json"
    deep.parent.mkdir()
    deep.write_text("[" * 100_000 + "]" * 100_000)
    nested = proofpress(site, "import", str(deep), "--author", "larissa")
    assert nested.returncode == 2
    assert "cannot be read as JSON: nested too deeply" in nested.stderr
    assert "Traceback" not in nested.stderr


def test_hostile_servers_are_bounded_for_images_and_the_api(
    tmp_path: Path, httpserver: HTTPServer
) -> None:
    """In this process, with small bounds: a trickled image and an endless list of articles."""
    httpserver.expect_request("/slow.png").respond_with_handler(
        lambda _request: trickle(REMOTE[:8], every=0.05, content_type="image/png")
    )
    httpserver.expect_request("/api/articles/me/all").respond_with_handler(
        lambda request: Response(
            json.dumps([{"id": 1, "title": f"Page {request.args['page']}", "body_markdown": ""}]),
            content_type="application/json",
        )
    )
    url = httpserver.url_for("/slow.png")
    source = tmp_path / "flat"
    write(source, {"post.md": f"---\ntitle: Slow\npublished: false\n---\n\n![slow]({url})\n"})
    site = tmp_path / "site"
    write_site(site, {})
    lines: list[str] = []
    code = commands.run_import(
        site / "mkdocs.yml",
        commands.ImportRequest([source], "larissa", localize_images=True, verbose=True),
        {},
        lines.append,
        download_seconds=0.3,
    )
    assert code == 1
    assert table_notes("\n".join(lines)) == [
        f"remote: {url} (download failed: not downloaded within 0.3 s)"
    ]
    clock = FakeClock()
    api = httpserver.url_for("/api")
    connect = functools.partial(
        DevClient, bounds=Bounds(max_pages=4), clock=clock.now, sleep=clock.sleep
    )
    lines.clear()
    code = commands.run_import(
        site / "mkdocs.yml",
        commands.ImportRequest([], "larissa", from_api=True, api_url=api),
        {"DEV_API_KEY": "good-key"},
        lines.append,
        connect=connect,
    )
    assert (code, lines) == (
        1,
        [
            "error: cannot list your DEV articles: the list of your articles did not end "
            "within 4 pages (nothing was imported)"
        ],
    )


# ----------------------------------------------------------- a dev-to-git repository, offline

RAW = "https://raw.githubusercontent.com/larissa-dev/dev-posts/master"
LOGO, FLOW, COVER_A, COVER_B, SHOT = png(11), png(12), png(13), png(14), png(15)

BACKPRESSURE = f"""\
---
published: true
title: Backpressure: what your queue is trying to tell you
cover_image: {RAW}/blog-posts/backpressure/assets/cover.png
description: A queue that grows is a message, not a bug.
tags: Queues, Back-End, DevOps, Architecture
series: Reliability basics
canonical_url:
---

# The symptom

Every Monday at 9:00 the queue grew and nobody knew why :eyes:
The graph looked like this:

![queue depth on Monday](./assets/monday.png)

### What we tried first

We added workers. It did not help.

![the flow](https://raw.githubusercontent.com/Larissa-Dev/dev-posts/master/shared-assets/diagrams/flow.png?bustCache=2)

```bash
# add workers
kubectl scale deploy/worker --replicas=10
```

# The fix

{{% github larissa-dev/dev-posts %}}

Written with ![logo]({RAW}/shared-assets/logo.png) and patience.
"""

RETRIES = f"""\
---
published: true
title: Retries without the thundering herd
cover_image: {RAW}/shared-assets/covers/retries.png?bustCache=1
description: Jitter, budgets and one bad Monday.
tags: reliability, backend
series: Reliability basics
canonical_url:
---

# Retries

A retry is a small bet.
Make it with jitter :game_die:

![the flow again]({RAW}/shared-assets/diagrams/flow.png)
![logo](../../shared-assets/logo.png)

## Budgets

![screenshot](assets/budget.png)
"""


def raw_repo(root: Path) -> Path:
    """A dev-to-git repository as its writers keep one: two dated commits, a GitHub remote."""
    root.mkdir()
    git(root, "init", "-q")
    git(root, "remote", "add", "origin", "git@github.com:Larissa-Dev/dev-posts.git")
    write(
        root,
        {
            "README.md": "# My DEV posts\n\nPublished with dev-to-git.\n",
            "dev-to-git.json": '[{"id": 101, "relativePathToArticle": "./blog-posts/'
            'backpressure/backpressure.md"}]\n',
            "blog-posts/backpressure/backpressure.md": BACKPRESSURE,
            "blog-posts/backpressure/assets/cover.png": COVER_A,
            "blog-posts/backpressure/assets/monday.png": SHOT,
            "shared-assets/logo.png": LOGO,
            "shared-assets/diagrams/flow.png": FLOW,
        },
    )
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "Backpressure", when="2023-02-06T09:00:00+01:00")
    write(
        root,
        {
            "blog-posts/retries/retries.md": RETRIES,
            "blog-posts/retries/assets/budget.png": png(16),
            "shared-assets/covers/retries.png": COVER_B,
        },
    )
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "Retries", when="2023-03-13T18:30:00+00:00")
    return root


@pytest.fixture
def offline(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every HTTP client in this process and its children goes through a proxy that is not there."""
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.setenv(name, "http://127.0.0.1:9")
    for name in ("NO_PROXY", "no_proxy"):
        monkeypatch.delenv(name, raising=False)


def built_images(built: Path) -> dict[str, list[str]]:
    """Every <img> of every built page: page -> the sources, resolved to paths under site/."""
    found: dict[str, list[str]] = {}
    for page in sorted(built.rglob("*.html")):
        tree = html.fromstring(page.read_bytes())
        sources = [src for src in tree.xpath("//img/@src") if not src.startswith("data:")]
        resolved = []
        for src in sources:
            assert urlsplit(src).scheme == "", (page, src)
            assert not src.startswith("/"), (page, src)
            target = (page.parent / unquote(urlsplit(src).path)).resolve()
            assert target.is_relative_to(built.resolve()), (page, src)
            assert target.is_file(), (page, src)
            resolved.append(target.relative_to(built.resolve()).as_posix())
        if resolved:
            found[page.relative_to(built).as_posix()] = resolved
    return found


def test_a_dev_to_git_repository_imports_checks_and_builds_offline(
    tmp_path: Path, offline: None
) -> None:
    repo = raw_repo(tmp_path / "dev-posts")
    site = tmp_path / "site"
    config = write_site(site, {})
    assert "remote_images: false" in (site / "mkdocs.yml").read_text()

    done = proofpress(site, "import", str(repo), "--author", "larissa")
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert _columns(lines, "backpressure") == [
        "2023-02-06 08:00",
        "git",
        "4 copied, 3 from the checkout",
        "imported, 2 heading(s) re-levelled",
    ]
    assert _columns(lines, "retries") == [
        "2023-03-13 18:30",
        "git",
        "4 copied, 2 from the checkout",
        "imported, 2 heading(s) re-levelled",
    ]
    row = next(n for n, line in enumerate(lines) if " docs/posts/backpressure/" in line)
    assert lines[row + 4 : row + 7] == [
        "    from the checkout: https://raw.githubusercontent.com/Larissa-Dev/dev-posts/master/"
        "shared-assets/diagrams/flow.png?bustCache=2 -> ../../assets/shared/shared-assets/"
        "diagrams/flow.png",
        f"    from the checkout: {RAW}/shared-assets/logo.png -> "
        "../../assets/shared/shared-assets/logo.png",
        f"    from the checkout: {RAW}/blog-posts/backpressure/assets/cover.png -> "
        "assets/cover.png",
    ]
    assert lines[-3:] == [
        "Posts: 2 imported, 1 skipped.",
        "Images: 8 copied from the source, 5 from the checkout.",
        "proofpress check: the imported posts are clean",
    ]

    posts = site / "docs/posts"
    backpressure = read(posts / "backpressure/backpressure.md")
    assert backpressure.metadata["cover_image"] == "assets/cover.png"
    assert backpressure.metadata["series"] == "Reliability basics"
    assert backpressure.metadata["tags"] == ["queues", "backend", "devops", "architecture"]
    assert backpressure.content == (
        "## The symptom\n\n"
        "Every Monday at 9:00 the queue grew and nobody knew why :eyes:\n"
        "The graph looked like this:\n\n"
        "![queue depth on Monday](./assets/monday.png)\n\n"
        "### What we tried first\n\n"
        "We added workers. It did not help.\n\n"
        "![the flow](../../assets/shared/shared-assets/diagrams/flow.png)\n\n"
        "```bash\n# add workers\nkubectl scale deploy/worker --replicas=10\n```\n\n"
        "## The fix\n\n"
        "{% github larissa-dev/dev-posts %}\n\n"
        "Written with ![logo](../../assets/shared/shared-assets/logo.png) and patience."
    )
    retries = read(posts / "retries/retries.md")
    assert retries.metadata["cover_image"] == "../../assets/shared/shared-assets/covers/retries.png"
    assert retries.content == (
        "## Retries\n\n"
        "A retry is a small bet.\nMake it with jitter :game_die:\n\n"
        "![the flow again](../../assets/shared/shared-assets/diagrams/flow.png)\n"
        "![logo](../../assets/shared/shared-assets/logo.png)\n\n"
        "### Budgets\n\n"
        "![screenshot](assets/budget.png)"
    )
    # each shared file is copied once, at its path in the repository; post files stay beside it
    assert snapshot(site / "docs/assets/shared") == {
        "shared-assets/logo.png": LOGO,
        "shared-assets/diagrams/flow.png": FLOW,
        "shared-assets/covers/retries.png": COVER_B,
    }
    assert snapshot(posts / "backpressure/assets") == {"cover.png": COVER_A, "monday.png": SHOT}
    assert snapshot(posts / "retries/assets") == {"budget.png": png(16)}

    checked = proofpress(site, "check")
    assert (checked.returncode, checked.stdout) == (0, "")
    # DEV has no cover alt text: the covers get advice (PP705), which refuses nothing
    cover_advice = "    hint: add 'cover_alt:' with a sentence saying what the cover shows\n"
    assert checked.stderr == (
        "docs/posts/backpressure/backpressure.md:12:1: PP705 advice: the cover has no "
        "cover_alt; the page would read 'Cover image for Backpressure: what your queue is "
        "trying to tell you'\n"
        + cover_advice
        + "docs/posts/retries/retries.md:10:1: PP705 advice: the cover has no cover_alt; the "
        "page would read 'Cover image for Retries without the thundering herd'\n"
        + cover_advice
        + "2 posts checked: no problems; 2 pieces of advice.\n"
    )
    built = tmp_path / "built"
    build_site(config, built, strict=True)
    images_by_page = built_images(built)  # every <img> of every page is a file of site/
    avatar = "assets/avatars/larissa-caldwell.svg"
    post_images = {
        page: [image for image in found if image != avatar]
        for page, found in images_by_page.items()
        if any(image != avatar for image in found)
    }
    assert post_images == {
        "index.html": ["assets/shared/shared-assets/covers/retries.png"],
        "larissacaldwell/backpressure/index.html": [
            "posts/backpressure/assets/cover.png",
            "posts/backpressure/assets/monday.png",
            "assets/shared/shared-assets/diagrams/flow.png",
            "assets/shared/shared-assets/logo.png",
        ],
        "larissacaldwell/retries/index.html": [
            "assets/shared/shared-assets/covers/retries.png",
            "assets/shared/shared-assets/diagrams/flow.png",
            "assets/shared/shared-assets/logo.png",
            "posts/retries/assets/budget.png",
        ],
    }
    assert (built / "assets/shared/shared-assets/logo.png").read_bytes() == LOGO

    before = snapshot(site / "docs")
    again = proofpress(site, "import", str(repo), "--author", "larissa")
    assert again.returncode == 0, again.stdout + again.stderr
    assert [
        _columns(again.stdout.splitlines(), slug)[-1] for slug in ("backpressure", "retries")
    ] == [
        "unchanged, 2 heading(s) re-levelled",
        "unchanged, 2 heading(s) re-levelled",
    ]
    assert snapshot(site / "docs") == before


OTHER = "https://raw.githubusercontent.com/someone-else/dev-posts/master"
REFS = "https://raw.githubusercontent.com/larissa-dev/dev-posts/refs/heads/main"
EDGES = f"""\
---
published: true
title: Where images live
tags: meta
---

Ours: ![logo]({RAW}/shared-assets/logo.png) ![also]({REFS}/shared-assets/logo.png)
Not in the checkout: ![gone]({RAW}/shared-assets/gone.png)
Another repository: ![theirs]({OTHER}/shared-assets/logo.png)
Out of the checkout: ![up]({RAW}/shared-assets/../../secret.png)
A link out: ![leak]({RAW}/shared-assets/leak.png)
Git's own files: ![config]({RAW}/.git/config)
A link, not an image: [the logo]({RAW}/shared-assets/logo.png)
"""


def test_raw_host_images_are_made_local_only_from_this_repository_s_own_files(
    tmp_path: Path, offline: None
) -> None:
    (tmp_path / "secret.png").write_bytes(png(99))
    repo = tmp_path / "dev-posts"
    repo.mkdir()
    git(repo, "init", "-q")
    git(repo, "remote", "add", "origin", "https://github.com/larissa-dev/dev-posts.git")
    write(repo, {"blog-posts/edges/edges.md": EDGES, "shared-assets/logo.png": LOGO})
    (repo / "shared-assets/leak.png").symlink_to(tmp_path / "secret.png")
    site = tmp_path / "site"
    write_site(site, {})
    done = proofpress(site, "import", str(repo), "--author", "larissa")
    assert done.returncode == 1, done.stdout + done.stderr
    assert _columns(done.stdout.splitlines(), "edges")[2:] == [
        "1 copied, 2 from the checkout, 5 remote",
        "imported",
    ]
    assert table_notes(done.stdout) == [
        f"'{RAW}/shared-assets/leak.png' points outside {repo.resolve()}; not copied",
        f"'{RAW}/.git/config' points into a .git folder; not copied",
        f"from the checkout: {RAW}/shared-assets/logo.png -> "
        "../../assets/shared/shared-assets/logo.png",
        f"from the checkout: {REFS}/shared-assets/logo.png -> "
        "../../assets/shared/shared-assets/logo.png",
        f"remote: {RAW}/shared-assets/gone.png",
        f"remote: {OTHER}/shared-assets/logo.png",
        f"remote: {RAW}/shared-assets/../../secret.png",
        f"remote: {RAW}/shared-assets/leak.png",
        f"remote: {RAW}/.git/config",
    ]
    body = read(site / "docs/posts/edges/edges.md").content
    assert body == EDGES.split("---\n\n", 1)[1].strip().replace(
        f"![logo]({RAW}/shared-assets/logo.png)",
        "![logo](../../assets/shared/shared-assets/logo.png)",
    ).replace(
        f"{REFS}/shared-assets/logo.png",
        "../../assets/shared/shared-assets/logo.png",
    )
    assert snapshot(site / "docs/assets/shared") == {"shared-assets/logo.png": LOGO}
    written = {p.read_bytes() for p in (site / "docs").rglob("*") if p.is_file()}
    assert png(99) not in written
    assert not any(b"[core]" in data for data in written)

    # With --localize-images and no network, only what is truly elsewhere is tried (and fails)
    offline_site = tmp_path / "offline-site"
    write_site(offline_site, {})
    tried = proofpress(
        offline_site, "import", str(repo), "--author", "larissa", "--localize-images"
    )
    assert tried.returncode == 1
    notes = table_notes(tried.stdout)
    assert [
        note.split(" (download failed: ")[0] for note in notes if "download failed" in note
    ] == [
        f"remote: {RAW}/shared-assets/gone.png",
        f"remote: {OTHER}/shared-assets/logo.png",
        f"remote: {RAW}/shared-assets/../../secret.png",
        f"remote: {RAW}/shared-assets/leak.png",
        f"remote: {RAW}/.git/config",
    ]
    assert snapshot(offline_site / "docs/assets/shared") == {"shared-assets/logo.png": LOGO}

    # Without a GitHub remote, the repository is not known to be the one the URLs name
    git(repo, "remote", "remove", "origin")
    unknown_site = tmp_path / "unknown-site"
    write_site(unknown_site, {})
    unknown = proofpress(unknown_site, "import", str(repo), "--author", "larissa")
    assert _columns(unknown.stdout.splitlines(), "edges")[2:] == ["7 remote", "imported"]
    assert not (unknown_site / "docs/assets/shared").exists()


def test_shared_files_are_copied_once_and_never_replace_a_writer_s_file(
    tmp_path: Path, offline: None
) -> None:
    repo = raw_repo(tmp_path / "dev-posts")
    site = tmp_path / "site"
    mine = b"the writer's own logo"
    write_site(site, {}, files={"assets/shared/shared-assets/logo.png": mine})
    first = proofpress(site, "import", str(repo), "--author", "larissa")
    assert first.returncode == 0, first.stdout + first.stderr
    assert snapshot(site / "docs/assets/shared") == {
        "shared-assets/logo.png": mine,  # never replaced
        "shared-assets/logo-2.png": LOGO,
        "shared-assets/diagrams/flow.png": FLOW,
        "shared-assets/covers/retries.png": COVER_B,
    }
    assert (
        "![logo](../../assets/shared/shared-assets/logo-2.png)"
        in read(site / "docs/posts/retries/retries.md").content
    )

    # A new post on the same shared files, imported later: the files are used where they are
    write(
        repo,
        {
            "blog-posts/timeouts/timeouts.md": "---\npublished: false\ntitle: Timeouts\n---\n\n"
            f"![flow]({RAW}/shared-assets/diagrams/flow.png)\n![logo](../../shared-assets/logo.png)\n"
        },
    )
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "Timeouts", when="2023-04-01T10:00:00+00:00")
    shared_before = snapshot(site / "docs/assets/shared")
    second = proofpress(site, "import", str(repo), "--author", "larissa")
    assert second.returncode == 0, second.stdout + second.stderr
    lines = second.stdout.splitlines()
    assert [_columns(lines, slug)[2:] for slug in ("backpressure", "retries", "timeouts")] == [
        ["4 copied, 3 from the checkout", "unchanged, 2 heading(s) re-levelled"],
        ["4 copied, 2 from the checkout", "unchanged, 2 heading(s) re-levelled"],
        ["2 copied, 1 from the checkout", "imported"],
    ]
    assert snapshot(site / "docs/assets/shared") == shared_before
    assert read(site / "docs/posts/timeouts/timeouts.md").content == (
        "![flow](../../assets/shared/shared-assets/diagrams/flow.png)\n"
        "![logo](../../assets/shared/shared-assets/logo-2.png)"
    )
    before = snapshot(site / "docs")
    third = proofpress(site, "import", str(repo), "--author", "larissa")
    assert third.returncode == 0, third.stdout + third.stderr
    assert snapshot(site / "docs") == before


def test_a_heading_used_as_a_sentence_is_left_and_the_check_names_its_line(tmp_path: Path) -> None:
    source = tmp_path / "posts"
    write(
        source,
        {
            "emphasis/emphasis.md": "---\ntitle: Emphasis\npublished: true\n---\n\n"
            "# Setup\n\nInstall it.\n\n# Results\n\n"
            "### It took three weeks and a lot of coffee, but the queue finally drained\n\n"
            "# Next\n\nMore soon.\n"
        },
    )
    site = tmp_path / "site"
    write_site(site, {})
    done = proofpress(site, "import", str(source), "--author", "larissa")
    assert done.returncode == 1, done.stdout + done.stderr
    post = site / "docs/posts/emphasis/emphasis.md"
    assert read(post).content == (
        "## Setup\n\nInstall it.\n\n## Results\n\n"
        "### It took three weeks and a lot of coffee, but the queue finally drained\n\n"
        "## Next\n\nMore soon."
    )
    line = (
        post.read_text()
        .splitlines()
        .index("### It took three weeks and a lot of coffee, but the queue finally drained")
        + 1
    )
    checked = proofpress(site, "check")
    assert checked.returncode == 1
    assert checked.stdout.splitlines()[:2] == [
        f"docs/posts/emphasis/emphasis.md:{line}:5: PP303 section 'It took three weeks and a lot "
        f"of coffee,…' is empty; expected text before line {line + 2}",
        f"    hint: if line {line} is a sentence, not a title, make it text (remove its '###'); "
        "else write the section or remove the heading",
    ]


def test_shared_files_of_several_sources_are_one_file_per_content(tmp_path: Path) -> None:
    sources = []
    for name, logo in (("one", LOGO), ("two", LOGO), ("three", FLOW)):
        write(
            tmp_path / name,
            {
                f"blog-posts/{name}/{name}.md": f"---\ntitle: Post {name}\npublished: true\n---\n\n"
                "![logo](../../shared-assets/logo.png)\n",
                "shared-assets/logo.png": logo,
            },
        )
        sources.append(str(tmp_path / name))
    site = tmp_path / "site"
    write_site(site, {})
    done = proofpress(site, "import", *sources, "--author", "larissa")
    assert done.returncode == 0, done.stdout + done.stderr
    assert snapshot(site / "docs/assets/shared") == {
        "shared-assets/logo.png": LOGO,
        "shared-assets/logo-2.png": FLOW,
    }
    assert [read(site / f"docs/posts/{n}/{n}.md").content for n in ("one", "two", "three")] == [
        "![logo](../../assets/shared/shared-assets/logo.png)",
        "![logo](../../assets/shared/shared-assets/logo.png)",
        "![logo](../../assets/shared/shared-assets/logo-2.png)",
    ]


POST = "---\ntitle: Dated\npublished: false\n---\n\nWords.\n"


def _dated_repository(folder: Path, files: dict[str, str | bytes]) -> None:
    """A real repository whose one commit is dated 2020-01-02."""
    folder.mkdir(parents=True, exist_ok=True)
    git(folder, "init", "-q")
    write(folder, files)
    git(folder, "add", ".")
    git(folder, "commit", "-q", "-m", "First", when="2020-01-02T10:00:00+00:00")


@pytest.mark.parametrize("layout", [".git file", "commondir", "alternates"])
def test_only_the_source_s_own_repository_is_read(tmp_path: Path, layout: str) -> None:
    """A .git file, commondir or alternates would make import read another repository's
    history and remotes: the history is not read, and the summary says why."""
    other = tmp_path / "other"
    _dated_repository(other, {"post.md": POST})
    git(other, "remote", "add", "origin", "https://github.com/someone/else.git")
    source = tmp_path / "source"
    if layout == ".git file":
        write(source, {"post.md": POST, ".git": f"gitdir: {other / '.git'}\n"})
        reason = "a .git that points to another folder"
    else:
        _dated_repository(source, {"post.md": POST})
        control = source / ".git"
        if layout == "commondir":
            (control / "commondir").write_text(str(other / ".git") + "\n")
            reason = "a commondir naming another repository"
        else:
            (control / "objects/info").mkdir(parents=True, exist_ok=True)
            (control / "objects/info/alternates").write_text(str(other / ".git/objects") + "\n")
            reason = "alternates naming another repository's objects"
    os.utime(source / "post.md", (1_700_000_000, 1_700_000_000))  # 2023-11-14
    site = tmp_path / "site"
    write_site(site, {})
    done = proofpress(site, "import", str(source / "post.md"), "--author", "larissa")
    assert done.returncode == 0, done.stdout + done.stderr
    assert table_notes(done.stdout) == [f"git history not read: {source} has {reason}"]
    assert _columns(done.stdout.splitlines(), "post")[:2] == ["2023-11-14 22:13", "mtime"]


def test_a_nul_character_or_a_git_folder_in_another_case_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "flat"
    write(
        source,
        {
            "post.md": "---\ntitle: Odd\npublished: false\ncover_image: cover%00.png\n---\n\n"
            "![nul](img%00.png) ![git](.GIT/config) "
            "![raw](https://raw.githubusercontent.com/o/r/main/a%00.png)\n",
            ".GIT/config": "[core]\n",
        },
    )
    site = tmp_path / "site"
    write_site(site, {})
    done = proofpress(site, "import", str(source / "post.md"), "--author", "larissa")
    assert "Traceback" not in done.stdout + done.stderr
    assert done.returncode == 1, done.stdout + done.stderr
    assert table_notes(done.stdout) == [
        "'img%00.png' names a NUL character; left as it was",
        "'.GIT/config' points into a .git folder; left as it was",
        "'cover%00.png' names a NUL character; left as it was",
        "remote: https://raw.githubusercontent.com/o/r/main/a%00.png",  # not this repository's
    ]
    assert snapshot(site / "docs/posts/post") == {
        "post.md": (site / "docs/posts/post/post.md").read_bytes()
    }


def test_a_large_blob_in_history_is_never_read_and_a_long_walk_stops(tmp_path: Path) -> None:
    """Following a file through history compares only what moved unchanged: a blob a commit
    adds or deletes is never read, whatever its size; and the walk has a deadline."""
    from proofpress.dev import importer

    repo = tmp_path / "repo"
    _dated_repository(repo, {"post.md": POST, "big.bin": os.urandom(24 * 2**20)})
    (repo / "big.bin").unlink()
    write(repo, {"other.bin": os.urandom(24 * 2**20)})
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Swap", when="2021-01-02T10:00:00+00:00")
    git(repo, "mv", "post.md", "moved.md")
    git(repo, "commit", "-q", "-m", "Move", when="2022-01-02T10:00:00+00:00")
    tracemalloc.start()
    try:
        added, refused = importer.git_added(repo / "moved.md")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert (added, refused) == (datetime(2020, 1, 2, 10, 0, tzinfo=UTC), "")
    assert peak < 8 * 2**20  # neither 24 MiB blob was read
    ticks = iter(range(0, 10_000, 20))  # a clock that jumps 20 s per look
    added, refused = importer.git_added(repo / "moved.md", clock=lambda: next(ticks))
    assert (added, refused) == (None, "git history not read: longer than 10 s")
