"""``proofpress publish-dev`` against the local DEV contract server (tests/devserver.py).

Runs that write are made in this process with the client sleeping on the server's
:class:`~devserver.FakeClock`: DEV's pacing is checked as the server measures it, without
waiting on the wall clock. Runs that only read go through the command line.
"""

from __future__ import annotations

import functools
import itertools
import json
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import run_module, write_site
from devserver import DevContract, FakeClock, endless_body, redirect, trickle
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from proofpress.dev import commands
from proofpress.dev.api import Bounds, DevClient

SITE = "https://proofpress.github.io/proofpress/"
KEY = "good-key"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def post(title: str, *extra: str, body: str = "Some words here.", date: str = "2026-11-02") -> str:
    lines = ["---", f"title: {title}", f"date: {date}", "author: larissa", *extra, "---", ""]
    return "\n".join(lines) + "\n" + body + "\n"


POSTS = {
    "alpha.md": post(
        "Alpha",
        "description: The first one.",
        "tags: [python, web]",
        "cover_image: ../assets/cover.png",
        "published: true",
        body="Look: ![diagram](../assets/diagram.png)\n\nThen read [Beta](beta.md#intro), or "
        "[the home page](../index.md).\n\n```md\n![in code](stays.png)\n```",
    ),
    "beta.md": post(
        "Beta",
        "canonical_url: https://elsewhere.example/beta",
        "series: Greek letters",
        "published: true",
        body="## Intro\n\nBeta's words.",
    ),
    "gamma.md": post("Gamma", "tags: [a, b, c, d]", "published: true"),
    "draft.md": post("Draft", "published: false"),
    "later.md": post("Later", "published: true", date="2099-01-01"),
}
FILES: dict[str, str | bytes] = {"assets/cover.png": PNG, "assets/diagram.png": PNG}


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def dev(httpserver: HTTPServer, clock: FakeClock) -> tuple[DevContract, str]:
    contract = DevContract(keys={KEY: "larissa_dev", "other-key": "someone"}, clock=clock.now)
    return contract, contract.install(httpserver)


@dataclass
class Done:
    returncode: int
    stdout: str


def publish(
    site: Path,
    api: str,
    *args: str,
    clock: FakeClock | None,
    key: str = KEY,
    bounds: Bounds | None = None,
) -> Done:
    """``proofpress publish-dev [--dry-run] [PATH…]`` in this process, on ``clock`` (or on
    real time)."""
    lines: list[str] = []
    timing = {} if clock is None else {"clock": clock.now, "sleep": clock.sleep}
    connect = functools.partial(DevClient, bounds=bounds or Bounds(), **timing)
    code = commands.run_publish(
        site / "mkdocs.yml",
        [site / arg for arg in args if arg != "--dry-run"],
        api,
        "--dry-run" in args,
        {"DEV_API_KEY": key},
        lines.append,
        connect=connect,
    )
    return Done(code, "".join(f"{line}\n" for line in lines))


def cli_publish(site: Path, api: str, *args: str, key: str) -> subprocess.CompletedProcess[str]:
    """The same through the command line, as a writer runs it (real time)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DEV_API_KEY", key)
        return run_module(site, "proofpress", "publish-dev", "--api-url", api, *args)


def by_title(contract: DevContract) -> dict[str, dict[str, object]]:
    return {a["title"]: a for a in contract.mine("larissa_dev")}


def test_first_run_creates_each_live_post_once_and_second_run_writes_nothing(
    tmp_path: Path, dev: tuple[DevContract, str], clock: FakeClock
) -> None:
    contract, api = dev
    write_site(tmp_path, POSTS, files=FILES)

    first = publish(tmp_path, api, clock=clock)
    assert first.returncode == 0, first.stdout + first.stderr
    assert first.stdout.splitlines()[-1] == "3 created, 0 updated, 0 unchanged, 0 failed"
    articles = by_title(contract)
    assert sorted(articles) == ["Alpha", "Beta", "Gamma"]  # no draft, nothing scheduled
    alpha, beta, gamma = articles["Alpha"], articles["Beta"], articles["Gamma"]
    assert alpha["given"] == {
        "title": "Alpha",
        "body_markdown": f"Look: ![diagram]({SITE}assets/diagram.png)\n\nThen read "
        f"[Beta]({SITE}larissacaldwell/beta/#intro), or [the home page]({SITE}).\n\n"
        "```md\n![in code](stays.png)\n```\n",
        "published": True,
        "tags": ["python", "web"],
        "series": None,
        "canonical_url": f"{SITE}larissacaldwell/alpha/",
        "description": "The first one.",
        "main_image": f"{SITE}assets/cover.png",
    }
    assert beta["canonical_url"] == "https://elsewhere.example/beta"
    assert beta["given"]["series"] == "Greek letters"
    assert beta["given"]["main_image"] is None
    assert gamma["tag_list"] == ["a", "b", "c", "d"]
    assert gamma["canonical_url"] == f"{SITE}larissacaldwell/gamma/"
    writes = contract.writes()
    assert [w.status for w in writes] == [201, 201, 201]
    # DEV's default: one write a second, counted between arrivals at the server.
    assert all(b.at - a.at >= 1.0 for a, b in itertools.pairwise(writes))
    assert contract.violations == []

    second = publish(tmp_path, api, clock=clock)
    assert second.returncode == 0, second.stdout + second.stderr
    assert second.stdout.splitlines()[-1] == "0 created, 0 updated, 3 unchanged, 0 failed"
    assert len(contract.writes()) == 3
    assert len(contract.mine("larissa_dev")) == 3


def test_an_edited_post_is_updated_in_place_and_dry_run_writes_nothing(
    tmp_path: Path, dev: tuple[DevContract, str], clock: FakeClock
) -> None:
    contract, api = dev
    write_site(tmp_path, {k: v for k, v in POSTS.items() if k != "gamma.md"}, files=FILES)
    assert publish(tmp_path, api, clock=clock).returncode == 0
    alpha_id = by_title(contract)["Alpha"]["id"]
    clock.sleep(60)  # the writer edits for a minute: the runs are not back to back
    alpha = tmp_path / "docs/posts/alpha.md"
    alpha.write_text(
        alpha.read_text().replace("tags: [python, web]", "tags: [python]"), encoding="utf-8"
    )
    (tmp_path / "docs/posts/beta.md").write_text(
        POSTS["beta.md"].replace("Beta's words.", "Beta's better words."), encoding="utf-8"
    )

    plan = publish(tmp_path, api, "--dry-run", clock=clock)
    assert plan.returncode == 0, plan.stdout + plan.stderr
    assert plan.stdout.splitlines() == [
        f"would update  docs/posts/alpha.md  {SITE}larissacaldwell/alpha/ (tags)",
        "would update  docs/posts/beta.md  https://elsewhere.example/beta (body)",
        "dry run: 0 to create, 2 to update, 0 unchanged, 0 failed",
    ]
    assert len(contract.writes()) == 2

    only_alpha = publish(tmp_path, api, "docs/posts/alpha.md", clock=clock)
    assert only_alpha.returncode == 0, only_alpha.stdout + only_alpha.stderr
    assert [(w.method, w.path) for w in contract.writes()[2:]] == [
        ("PUT", f"/api/articles/{alpha_id}")
    ]
    articles = by_title(contract)
    assert len(articles) == 2
    assert articles["Alpha"]["id"] == alpha_id
    assert articles["Alpha"]["tag_list"] == ["python"]
    assert "Beta's words." in str(articles["Beta"]["body_markdown"])


def test_a_429_is_waited_out_and_never_followed_by_a_request_inside_the_window(
    tmp_path: Path, httpserver: HTTPServer, clock: FakeClock
) -> None:
    # DEV sometimes limits harder than one write a second (a new account, a burst of
    # creations): this server asks for two seconds between writes.
    contract = DevContract(keys={KEY: "larissa_dev"}, write_interval=2.0, clock=clock.now)
    api = contract.install(httpserver)
    write_site(tmp_path, POSTS, files=FILES)
    done = publish(tmp_path, api, clock=clock)
    assert done.returncode == 0, done.stdout + done.stderr
    assert sorted(by_title(contract)) == ["Alpha", "Beta", "Gamma"]
    refused = [w for w in contract.writes() if w.status == 429]
    assert refused, "the server never had to refuse: the test proves nothing"
    assert contract.violations == []
    writes = contract.writes()
    for answered, following in itertools.pairwise(writes):
        if answered.status == 429:
            assert answered.retry_after is not None
            assert following.at - answered.at >= answered.retry_after
    assert [w.status for w in writes if w.status != 429] == [201, 201, 201]


def test_a_422_is_reported_against_the_post_and_the_others_go_through(
    tmp_path: Path, dev: tuple[DevContract, str], clock: FakeClock
) -> None:
    contract, api = dev
    # Someone else already published an article claiming Beta's original address.
    contract.seed(
        "someone",
        title="Beta, copied",
        published=True,
        canonical_url="https://elsewhere.example/beta",
    )
    write_site(tmp_path, POSTS, files=FILES)
    done = publish(tmp_path, api, clock=clock)
    assert done.returncode == 1
    assert (
        "docs/posts/beta.md: DEV refused the article: Canonical url has already been taken (422)"
        in done.stdout.splitlines()
    )
    assert done.stdout.splitlines()[-1] == "2 created, 0 updated, 0 unchanged, 1 failed"
    assert sorted(by_title(contract)) == ["Alpha", "Gamma"]


def test_a_bad_key_exits_2_without_a_traceback(
    tmp_path: Path, dev: tuple[DevContract, str]
) -> None:
    contract, api = dev
    write_site(tmp_path, POSTS, files=FILES)
    done = cli_publish(tmp_path, api, key="wrong-key")
    assert done.returncode == 2
    assert done.stdout == (
        "error: DEV refused the API key: unauthorized (401); check DEV_API_KEY (nothing was sent)\n"
    )
    assert "Traceback" not in done.stderr
    assert contract.writes() == []
    missing = cli_publish(tmp_path, api, key="")
    assert missing.returncode == 2
    assert "set DEV_API_KEY to your DEV API key" in missing.stderr
    assert "Traceback" not in missing.stderr


def test_posts_with_findings_named_drafts_and_shared_canonical_urls_are_not_sent(
    tmp_path: Path, dev: tuple[DevContract, str]
) -> None:
    contract, api = dev
    posts = {
        **POSTS,
        "broken.md": post("Broken", "published: true", "tags: [Node.js]"),
        "copy.md": post("Copy", "published: true", "canonical_url: https://elsewhere.example/beta"),
    }
    write_site(tmp_path, posts, files=FILES)
    named = ("broken.md", "draft.md", "beta.md", "copy.md")
    done = cli_publish(
        tmp_path, api, *(f"docs/posts/{name}" for name in named), "--dry-run", key=KEY
    )
    assert done.returncode == 1
    assert done.stdout.splitlines() == [
        "docs/posts/broken.md: not sent: 1 problem(s) in its front matter; "
        "run proofpress check docs/posts/broken.md",
        "docs/posts/draft.md: not sent: a draft",
        "docs/posts/copy.md: not sent: canonical_url https://elsewhere.example/beta is also "
        "docs/posts/beta.md's, and DEV allows one article per canonical URL",
        "would create  docs/posts/beta.md  https://elsewhere.example/beta",
        "dry run: 1 to create, 0 to update, 0 unchanged, 3 failed",
    ]
    assert contract.writes() == []


def test_a_canonical_url_naming_another_article_is_pp112_and_never_sent(
    tmp_path: Path, dev: tuple[DevContract, str], clock: FakeClock
) -> None:
    contract, api = dev
    other = contract.seed(
        "larissa_dev",
        title="Another article",
        slug="another-article-k3j2",
        published=True,
        body_markdown="Mine, not yours.",
    )
    posts = {
        "thief.md": post(
            "Thief", "published: true", f"canonical_url: {other['url']}", body="Take over."
        ),
        "sibling.md": post(
            "Sibling", "published: true", f"canonical_url: {SITE}larissacaldwell/gamma/"
        ),
        "api.md": post("Api", "published: true", "canonical_url: https://dev.to/api/articles/7"),
        # DEV's own address for this post, with the slug DEV gave it (as import keeps it)
        "own.md": post(
            "Own",
            "published: true",
            "slug: own-x7q1",
            "canonical_url: https://dev.to/larissa_dev/own-x7q1",
        ),
        "gamma.md": POSTS["gamma.md"],
    }
    write_site(tmp_path, posts)
    checked = run_module(tmp_path, "proofpress", "check")
    assert checked.returncode == 1
    findings = [line for line in checked.stdout.splitlines() if "PP112" in line]
    assert findings == [
        "docs/posts/api.md:6:16: PP112 canonical_url names the DEV address 'api/articles/7', not "
        "this post's own ('<username>/api'): publish-dev would overwrite that article with this "
        "post",
        f"docs/posts/sibling.md:6:16: PP112 canonical_url names {SITE}larissacaldwell/gamma/ on "
        f"this site, not this post's own address {SITE}larissacaldwell/sibling/: publish-dev "
        "would overwrite the DEV copy of that page with this post",
        "docs/posts/thief.md:6:16: PP112 canonical_url names the DEV address "
        "'larissa_dev/another-article-k3j2', not this post's own ('<username>/thief'): "
        "publish-dev would overwrite that article with this post",
    ]
    assert checked.stdout.count("hint: remove canonical_url (publish-dev then uses") == 2
    own_hint = (
        "hint: if this post is that article, set slug: another-article-k3j2 (DEV's slug for it); "
        "else remove canonical_url"
    )
    assert checked.stdout.count(own_hint) == 1
    done = publish(tmp_path, api, clock=clock)
    assert done.returncode == 1
    assert done.stdout.splitlines()[:3] == [
        f"docs/posts/{name}.md: not sent: 1 problem(s); run proofpress check"
        for name in ("api", "sibling", "thief")
    ]
    assert done.stdout.splitlines()[-1] == "2 created, 0 updated, 0 unchanged, 3 failed"
    assert contract.articles[other["id"]]["body_markdown"] == "Mine, not yours."
    assert [w.method for w in contract.writes()] == ["POST", "POST"]


LISTED = "error: cannot list your DEV articles: {} (nothing was sent)"
DEEP = b"[" * 100_000 + b"]" * 100_000


def never_empty(request: Request) -> Response:
    page = request.args.get("page", "?")
    article = {"id": int(page), "canonical_url": f"https://elsewhere.example/{page}"}
    return Response(json.dumps([article]), content_type="application/json")


@pytest.mark.parametrize(
    ("answer", "bounds", "message"),
    [
        (
            lambda _request: trickle(b"[", every=0.05),
            Bounds(response_seconds=0.3),
            "DEV did not answer within 0.3 s (articles/me/all)",
        ),
        (never_empty, Bounds(max_pages=3), "the list of your articles did not end within 3 pages"),
        (
            lambda _request: endless_body(),
            Bounds(max_body_bytes=1_000_000),
            "DEV's answer was larger than 1,000,000 bytes",
        ),
        (
            lambda _request: Response(DEEP, content_type="application/json"),
            Bounds(),
            "DEV answered 200 with a body that is not JSON",
        ),
    ],
    ids=["trickled", "pages-never-end", "endless-chunked-body", "json-100000-deep"],
)
def test_a_hostile_listing_fails_clearly_within_its_bounds(
    tmp_path: Path, httpserver: HTTPServer, answer: object, bounds: Bounds, message: str
) -> None:
    httpserver.expect_request("/api/articles/me/all").respond_with_handler(answer)  # type: ignore[arg-type]
    write_site(tmp_path, {"gamma.md": POSTS["gamma.md"]})
    real_time = message.startswith("DEV did not answer")  # the deadline is on the real clock
    done = publish(
        tmp_path,
        httpserver.url_for("/api"),
        clock=None if real_time else FakeClock(),
        bounds=bounds,
    )
    assert (done.returncode, done.stdout.splitlines()) == (
        1,
        [LISTED.format(message), "0 created, 0 updated, 0 unchanged, 1 failed"],
    )


def test_a_redirect_to_a_write_is_a_failure_and_the_key_is_never_shown(
    tmp_path: Path, httpserver: HTTPServer, clock: FakeClock
) -> None:
    key = "s3cret-KEY-42"
    httpserver.expect_request("/api/articles/me/all").respond_with_json([])
    created = {"id": 7, "url": "https://dev.to/x/gamma-1", "title": "Gamma"}
    httpserver.expect_request("/api/articles", method="POST").respond_with_handler(
        lambda _request: redirect(302, "https://dev.to/x/gamma-1", created)
    )
    write_site(tmp_path, {"gamma.md": POSTS["gamma.md"], "beta.md": POSTS["beta.md"]})
    api = httpserver.url_for("/api")
    done = publish(tmp_path, api, "docs/posts/gamma.md", clock=clock, key=key)
    assert (done.returncode, done.stdout.splitlines()) == (
        1,
        [
            "docs/posts/gamma.md: DEV refused the article: DEV answered with a redirect "
            "(HTTP 302 FOUND to https://dev.to/x/gamma-1); nothing was done",
            "0 created, 0 updated, 0 unchanged, 1 failed",
        ],
    )
    # A server that echoes the key in its errors: the key is never printed.
    httpserver.clear()
    httpserver.expect_request("/api/articles/me/all").respond_with_json([])
    httpserver.expect_request("/api/articles", method="POST").respond_with_json(
        {"error": f"key {key} is suspended", "status": 422}, status=422
    )
    echoed = publish(tmp_path, api, clock=clock, key=key)
    assert echoed.returncode == 1
    assert "key [DEV_API_KEY] is suspended (422)" in echoed.stdout
    assert key not in echoed.stdout
    httpserver.clear()
    httpserver.expect_request("/api/articles/me/all").respond_with_json(
        {"error": f"unknown key {key}", "status": 401}, status=401
    )
    refused = cli_publish(tmp_path, api, key=key)
    assert refused.returncode == 2
    assert refused.stdout == (
        "error: DEV refused the API key: unknown key [DEV_API_KEY] (401); check DEV_API_KEY "
        "(nothing was sent)\n"
    )
    for bad in ("kéy-ZQX0", "ZQX1\nZQX2", "ZQX3 ZQX4"):
        odd = cli_publish(tmp_path, api, key=bad)
        assert odd.returncode == 2
        assert odd.stdout == ""
        assert "DEV_API_KEY is not a DEV API key: it must be one line of printable ASCII" in (
            odd.stderr
        )
        assert "Traceback" not in odd.stderr
        assert all(part not in odd.stdout + odd.stderr for part in bad.split())


def test_the_pages_workflow_runs_hourly_and_cross_posts_only_with_a_key() -> None:
    import yaml

    workflow = yaml.safe_load(
        (Path(__file__).parent.parent / ".github/workflows/pages.yml").read_text()
    )
    triggers = workflow[True]  # YAML 1.1 reads the key "on" as true
    assert [entry["cron"].split()[1:] for entry in triggers["schedule"]] == [["*", "*", "*", "*"]]
    job = workflow["jobs"]["publish-dev"]
    assert job["needs"] == "deploy"
    assert job["env"] == {"DEV_API_KEY": "${{ secrets.DEV_API_KEY }}"}
    runs = [step for step in job["steps"] if step.get("run") == "proofpress publish-dev"]
    assert [step["if"] for step in runs] == ["env.DEV_API_KEY != ''"]


def test_a_suffix_like_dev_s_proves_nothing_and_dev_decides_whose_an_article_is(
    tmp_path: Path, dev: tuple[DevContract, str], clock: FakeClock
) -> None:
    """``learn-rust-2`` is the writer's other article, not this post with DEV's suffix; an
    article DEV lists under this post's address but with another slug, or two articles under
    one address, are never updated: which one is the post's is not known."""
    contract, api = dev
    other = contract.seed(
        "larissa_dev", title="Learn Rust, part 2", slug="learn-rust-2", published=True,
        body_markdown="The second part.",
    )  # fmt: skip
    elsewhere = contract.seed(
        "larissa_dev", title="Mine", slug="mine-x7q1", published=True, body_markdown="Kept.",
        canonical_url="https://dev.to/larissa_dev/mine",
    )  # fmt: skip
    twins = [
        contract.seed(
            "larissa_dev",
            title=f"Twin {n}",
            slug=f"twin-{n}",
            published=True,
            body_markdown=f"Twin {n}.",
            canonical_url="https://elsewhere.example/twin",
        )
        for n in (1, 2)
    ]
    posts = {
        "learn-rust.md": post(
            "Learn Rust", "published: true", f"canonical_url: {other['url']}", body="Part 1."
        ),
        "mine.md": post(
            "Mine", "published: true", "canonical_url: https://dev.to/larissa_dev/mine"
        ),
        "twin.md": post("Twin", "published: true", "canonical_url: https://elsewhere.example/twin"),
    }
    write_site(tmp_path, posts)
    checked = run_module(tmp_path, "proofpress", "check")
    assert checked.returncode == 1
    assert [line for line in checked.stdout.splitlines() if "PP112" in line] == [
        "docs/posts/learn-rust.md:6:16: PP112 canonical_url names the DEV address "
        "'larissa_dev/learn-rust-2', not this post's own ('<username>/learn-rust'): publish-dev "
        "would overwrite that article with this post"
    ]
    assert "hint: if this post is that article, set slug: learn-rust-2 (DEV's slug for it)" in (
        checked.stdout
    )
    done = publish(tmp_path, api, clock=clock)
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert "docs/posts/learn-rust.md: not sent: 1 problem(s); run proofpress check" in lines
    assert (
        "docs/posts/mine.md: not sent: DEV says the article at https://dev.to/larissa_dev/mine "
        "is 'mine-x7q1', not this post's slug 'mine'"
    ) in lines
    ids = ", ".join(str(twin["id"]) for twin in twins)
    assert (
        f"docs/posts/twin.md: not sent: 2 of your DEV articles (ids {ids}) have canonical_url "
        "https://elsewhere.example/twin: which one is this post's cannot be told, so none is "
        "updated"
    ) in lines
    assert lines[-1] == "0 created, 0 updated, 0 unchanged, 3 failed"
    assert contract.writes() == []
    assert contract.articles[other["id"]]["body_markdown"] == "The second part."
    assert contract.articles[elsewhere["id"]]["body_markdown"] == "Kept."
