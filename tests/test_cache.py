"""The persistent cache: content-keyed, dependency-checked, and never serves a bad entry."""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import logging
import os
import pickle
import secrets
import shutil
import sqlite3
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import closing
from pathlib import Path

import pytest
import yaml
from conftest import GOOD_FRONT_MATTER, write_site
from hypothesis import Phase, given, settings
from hypothesis import strategies as st
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from proofpress.check import cache
from proofpress.check.engine import check_site
from proofpress.hooks import build as builds
from proofpress.hooks.config import load_site_config

BODY = "A short body with [a link](other.md).\n\n## Section\n\nText under it.\n"


def _post(title: str = "A good post", body: str = BODY, **extra: str) -> str:
    text = GOOD_FRONT_MATTER.replace("title: A good post", f"title: {title}")
    for key, value in extra.items():
        text = text.replace("published: true\n", f"published: true\n{key}: {value}\n")
    return text + body


def _database(root: Path, kind: str) -> Path:
    (database,) = (root / ".cache/proofpress").glob(f"{kind}-*.sqlite")
    return database


def _entries(root: Path, kind: str) -> dict[str, bytes]:
    """The raw entries of one kind of cache, as stored."""
    with closing(sqlite3.connect(_database(root, kind))) as db:
        return {key: bytes(data) for key, data in db.execute("SELECT key, data FROM entries")}


def _overwrite(root: Path, kind: str, entries: dict[str, bytes]) -> None:
    """Change stored entries behind the cache's back, as a disk error or a hand would."""
    with closing(sqlite3.connect(_database(root, kind))) as db, db:
        db.executemany(
            "UPDATE entries SET data = ? WHERE key = ?", [(v, k) for k, v in entries.items()]
        )


def _signed(key: str, payload: bytes, secret: bytes | None = None) -> bytes:
    """An entry as the cache writes it, signed with ``secret`` (default: this user's key)."""
    store = cache.Store(Path("unused"), "check", secret or cache.secret() or b"")
    return store._sign(key, payload) + payload


def _check(config_file: Path) -> tuple[list[str], cache.Stats]:
    site = load_site_config(config_file)
    stats: list[cache.Stats] = []

    def spy(config, ctx):  # type: ignore[no-untyped-def]
        made = cache.CheckCache.for_site(config, ctx)  # what `proofpress check` uses
        assert made is not None
        stats.append(made.store.stats)
        return made

    result = check_site(site, cache=spy)
    return [d.to_text() for d in result.diagnostics], stats[0]


def test_check_cache_rechecks_only_changed_files(tmp_path: Path) -> None:
    posts = {f"p{n}.md": _post(f"Post {n}") for n in range(4)}
    posts["bad.md"] = _post("Bad", colour="red")
    config_file = write_site(tmp_path, posts)
    first, stats = _check(config_file)
    assert (stats.hits, stats.misses, stats.rejected) == (0, 5, 0)
    assert len(first) == 1
    assert "PP101 unknown key 'colour'" in first[0]
    second, stats = _check(config_file)
    assert second == first
    assert (stats.hits, stats.misses) == (5, 0)
    (tmp_path / "docs/posts/p1.md").write_text(_post("Post one, edited"), encoding="utf-8")
    (tmp_path / "docs/posts/bad.md").write_text(_post("Bad, fixed"), encoding="utf-8")
    third, stats = _check(config_file)
    assert third == []
    assert (stats.hits, stats.misses) == (3, 2)


def test_check_cache_follows_the_registry_and_the_files_a_post_names(tmp_path: Path) -> None:
    config_file = write_site(tmp_path, {"c.md": _post(cover_image="cover.png")})
    (missing,), _ = _check(config_file)
    assert "PP110" in missing
    (tmp_path / "docs/posts/cover.png").write_bytes(b"\x89PNG\r\n")
    found, stats = _check(config_file)
    assert found == []  # the post's bytes did not change, the file it names did
    assert (stats.hits, stats.misses) == (0, 1)
    authors = tmp_path / "docs/.authors.yml"
    authors.write_text(authors.read_text().replace("larissa:", "someone:"), encoding="utf-8")
    (unknown,), stats = _check(config_file)
    assert "PP202 author: 'larissa' is not in docs/.authors.yml" in unknown
    assert (stats.hits, stats.misses) == (0, 1)


def test_corrupt_forged_or_foreign_check_entries_are_recomputed_never_served(
    tmp_path: Path,
) -> None:
    config_file = write_site(tmp_path, {"a.md": _post("A", colour="red")})
    expected, _ = _check(config_file)
    ((key, good),) = _entries(tmp_path, "check").items()
    payload = good[32:]
    assert json.loads(payload)["problems"][0]["code"] == "PP101"  # plain data, no pickle
    flipped = bytearray(good)
    flipped[-5] ^= 0xFF  # one flipped bit in the payload: the signature no longer matches
    clean = payload.replace(b'"code":"PP101"', b'"code":"PP000"')
    forged = [
        bytes(flipped),
        hashlib.sha256(clean).digest() + clean,  # a recomputed checksum is no signature
        _signed(key, clean, secret=b"another machine's key" * 2),  # restored from elsewhere
        _signed("0" * 64, clean),  # a real entry of another key, moved
        b"garbage",
        b"",
    ]
    for bad in forged:
        _overwrite(tmp_path, "check", {key: bad})
        again, stats = _check(config_file)
        assert again == expected
        assert (stats.hits, stats.rejected) == (0, 1)
        assert _entries(tmp_path, "check") == {key: good}  # recomputed and rewritten
    _, stats = _check(config_file)
    assert (stats.hits, stats.misses, stats.rejected) == (1, 0, 0)


def test_a_signed_entry_is_still_only_data(tmp_path: Path) -> None:
    """Even an entry signed with the right key is read as JSON: a pickle never runs."""
    marker = tmp_path / "ran"
    config_file = write_site(tmp_path, {"a.md": _post("A")})
    _check(config_file)
    ((key, _),) = _entries(tmp_path, "check").items()

    class Payload:
        def __reduce__(self) -> tuple[object, tuple[str]]:
            return (marker.touch, ())  # type: ignore[return-value]

    _overwrite(tmp_path, "check", {key: _signed(key, pickle.dumps(Payload()))})
    again, stats = _check(config_file)
    assert again == []
    assert (stats.hits, stats.rejected) == (0, 1)
    assert not marker.exists()


def test_the_signing_key_is_the_environments_or_a_private_file_of_the_user(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PROOFPRESS_CACHE_KEY", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    made = cache.secret()
    file = tmp_path / "config/proofpress/cache-key"
    assert made is not None
    assert len(made) == 64
    assert file.read_bytes() == made
    assert file.stat().st_mode & 0o777 == 0o600
    assert cache.secret() == made  # kept, not made anew
    from_ci = secrets.token_hex(32)
    monkeypatch.setenv("PROOFPRESS_CACHE_KEY", from_ci)
    assert cache.secret() == from_ci.encode()
    monkeypatch.delenv("PROOFPRESS_CACHE_KEY")
    file.write_bytes(b"short")  # not a key this cache made
    assert cache.secret() is None
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "a-file"))  # no key can be made
    (tmp_path / "a-file").write_text("not a folder")
    assert cache.secret() is None
    config_file = write_site(tmp_path / "site", {"a.md": _post()})
    assert check_site(load_site_config(config_file)).ok
    assert not (tmp_path / "site/.cache").exists()


def test_a_damaged_database_is_set_aside_and_rebuilt(tmp_path: Path) -> None:
    config_file = write_site(tmp_path, {"a.md": _post("A", colour="red")})
    expected, _ = _check(config_file)
    database = _database(tmp_path, "check")
    database.write_bytes(b"not a database at all" * 100)
    for suffix in ("-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    again, stats = _check(config_file)
    assert again == expected
    assert (stats.hits, stats.misses, stats.rejected) == (0, 1, 1)
    _, stats = _check(config_file)
    assert (stats.hits, stats.misses, stats.rejected) == (1, 0, 0)  # a new database


def test_another_salt_lives_elsewhere_and_is_pruned_on_write(tmp_path: Path) -> None:
    old = cache.Store(tmp_path, "check", b"k" * 32, "1" * 64)
    old.put("ab" * 32, {"value": 1})
    old.close()
    assert old.get("ab" * 32) == {"value": 1}
    old.close()
    new = cache.Store(tmp_path, "check", b"k" * 32, "2" * 64)
    assert new.get("ab" * 32) is None
    new.put("cd" * 32, [1, 2])
    new.close()
    assert not old.path.exists()
    assert new.get("cd" * 32) == [1, 2]


def test_cache_off_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PROOFPRESS_CACHE", "off")
    config_file = write_site(tmp_path, {"a.md": _post()})
    assert check_site(load_site_config(config_file)).ok
    assert not (tmp_path / ".cache").exists()


# --- rendered bodies, through real MkDocs builds ---------------------------------------------


def _build(config_file: Path, site_dir: Path) -> builds.Build:
    config = load_config(config_file=str(config_file), site_dir=str(site_dir), strict=False)
    build(config)
    return builds.of(config)


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.fixture
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")


@pytest.mark.usefixtures("fixed_clock")
def test_warm_build_is_byte_identical_and_converts_only_changed_pages(tmp_path: Path) -> None:
    posts = {
        f"p{n}.md": _post(f"Post {n}", body=f"Body {n} links [home](../index.md).\n")
        for n in range(3)
    }
    config_file = write_site(tmp_path, posts)
    cold = _build(config_file, tmp_path / "cold")
    render = cold.render_cache
    assert render is not None
    assert render.store.stats.hits == 0
    pages = render.store.stats.misses
    warm = _build(config_file, tmp_path / "warm")
    assert warm.render_cache is not None
    assert (warm.render_cache.store.stats.hits, warm.render_cache.store.stats.misses) == (
        pages,
        0,
    )
    assert _tree(tmp_path / "warm") == _tree(tmp_path / "cold")
    (tmp_path / "docs/posts/p1.md").write_text(
        _post("Post 1", body="New body.\n"), encoding="utf-8"
    )
    edited = _build(config_file, tmp_path / "edited")
    assert edited.render_cache is not None
    assert edited.render_cache.store.stats.misses == 1
    shutil.rmtree(tmp_path / ".cache")
    clean = _build(config_file, tmp_path / "clean")
    assert clean.render_cache is not None
    assert clean.render_cache.store.stats.hits == 0
    assert _tree(tmp_path / "edited") == _tree(tmp_path / "clean")
    assert b"New body." in (tmp_path / "clean/larissacaldwell/p1/index.html").read_bytes()


@pytest.mark.usefixtures("fixed_clock")
def test_a_link_follows_its_target_when_only_the_target_moves(tmp_path: Path) -> None:
    linking = _post("Linking", body="See [the other post](other.md).\n")
    config_file = write_site(tmp_path, {"linking.md": linking, "other.md": _post("Other")})
    _build(config_file, tmp_path / "one")
    assert 'href="../other/"' in (tmp_path / "one/larissacaldwell/linking/index.html").read_text()
    other = tmp_path / "docs/posts/other.md"
    other.write_text(_post("Other", slug="moved"), encoding="utf-8")  # a new URL, same link text
    _build(config_file, tmp_path / "two")
    assert 'href="../moved/"' in (tmp_path / "two/larissacaldwell/linking/index.html").read_text()


@pytest.mark.usefixtures("fixed_clock")
def test_warnings_of_a_cached_conversion_are_replayed(
    tmp_path: Path, mkdocs_logs: list[logging.LogRecord]
) -> None:
    broken = _post("Broken", body="A link to [nowhere](missing.md).\n")
    config_file = write_site(tmp_path, {"broken.md": broken})
    wanted = (
        "Doc file 'posts/broken.md' contains a link 'missing.md', but the target "
        "'posts/missing.md' is not found among documentation files."
    )

    def warnings() -> list[str]:
        found = [r.getMessage() for r in mkdocs_logs if r.levelno == logging.WARNING]
        mkdocs_logs.clear()
        return found

    cold = _build(config_file, tmp_path / "cold")
    assert cold.render_cache is not None
    assert cold.render_cache.store.stats.misses > 0
    assert warnings().count(wanted) == 1
    warm = _build(config_file, tmp_path / "warm")
    assert warm.render_cache is not None
    assert warm.render_cache.store.stats.misses == 0
    assert warnings().count(wanted) == 1
    # Under strict, the replayed warning fails the warm build as it failed the cold one.
    for _ in range(2):
        config = load_config(config_file=str(config_file), site_dir=str(tmp_path / "s"))
        with pytest.raises(Abort, match="Aborted with 1 warnings in strict mode"):
            build(config)


@pytest.mark.usefixtures("fixed_clock")
def test_corrupt_render_entries_are_recomputed(tmp_path: Path) -> None:
    config_file = write_site(tmp_path, {"a.md": _post("A"), "b.md": _post("B")})
    _build(config_file, tmp_path / "cold")
    entries = _entries(tmp_path, "render")
    flipped = {}
    for key, data in entries.items():
        bad = bytearray(data)
        bad[len(bad) // 2] ^= 0x01
        flipped[key] = bytes(bad)
    _overwrite(tmp_path, "render", flipped)
    again = _build(config_file, tmp_path / "again")
    assert again.render_cache is not None
    stats = again.render_cache.store.stats
    assert (stats.hits, stats.rejected) == (0, len(entries))
    assert _tree(tmp_path / "again") == _tree(tmp_path / "cold")


def _with_override(config_file: Path, template: str) -> None:
    """Give the fixture site a theme folder of its own whose main.html prints ``template``."""
    import yaml

    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    overrides = config_file.parent / "theme-extra"
    overrides.mkdir()
    (overrides / "main.html").write_text(
        '{% extends "base.html" %}{% block content %}' + template + "{% endblock %}",
        encoding="utf-8",
    )
    config["theme"]["custom_dir"] = str(overrides)
    config_file.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")


def test_a_template_reading_the_clock_is_rendered_each_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config_file = write_site(tmp_path, {"a.md": _post("A")}, files={"about.md": "# About\n"})
    _with_override(config_file, "<p>Built {{ build_date_utc.isoformat() }}</p>")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")
    _build(config_file, tmp_path / "one")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800086400")
    _build(config_file, tmp_path / "two")
    about = (tmp_path / "two/about/index.html").read_text(encoding="utf-8")  # main.html
    assert "Built 2027-01-16T08:00:00+00:00" in about  # not the first build's page


@pytest.mark.usefixtures("fixed_clock")
def test_a_template_listing_every_page_sees_another_pages_new_title(tmp_path: Path) -> None:
    config_file = write_site(
        tmp_path, {"a.md": _post("A"), "b.md": _post("B")}, files={"about.md": "# About\n"}
    )
    _with_override(
        config_file, "<ul>{% for f in pages %}<li>{{ f.page.title }}</li>{% endfor %}</ul>"
    )
    _build(config_file, tmp_path / "one")
    (tmp_path / "docs/posts/b.md").write_text(_post("B renamed"), encoding="utf-8")
    _build(config_file, tmp_path / "two")
    about = (tmp_path / "two/about/index.html").read_text(encoding="utf-8")  # main.html
    assert "<li>B renamed</li>" in about
    shutil.rmtree(tmp_path / ".cache")
    _build(config_file, tmp_path / "clean")
    assert _tree(tmp_path / "two") == _tree(tmp_path / "clean")


@pytest.mark.usefixtures("fixed_clock")
def test_a_dev_link_tag_follows_the_post_it_names(tmp_path: Path) -> None:
    body = "Read this first.\n\n{% link larissacaldwell/b %}\n\nThen come back.\n"
    config_file = write_site(tmp_path, {"a.md": _post("A", body=body), "b.md": _post("Bee")})
    _build(config_file, tmp_path / "one")
    assert "Bee" in (tmp_path / "one/larissacaldwell/a/index.html").read_text(encoding="utf-8")
    again = _build(config_file, tmp_path / "again")
    assert again.render_cache.store.stats.misses == 0  # the tag's lookup was kept, and holds
    (tmp_path / "docs/posts/b.md").write_text(_post("Bee, renamed"), encoding="utf-8")
    warm = _build(config_file, tmp_path / "two")
    # a's Markdown is unchanged, but what its tag resolved to is not: a converts again. No
    # other page does (b's body, all MkDocs converts of it, is unchanged too).
    assert warm.render_cache.store.stats.misses == 1
    page = (tmp_path / "two/larissacaldwell/a/index.html").read_text(encoding="utf-8")
    assert "Bee, renamed" in page  # a's Markdown did not change; the post its tag names did
    shutil.rmtree(tmp_path / ".cache")
    _build(config_file, tmp_path / "clean")
    assert _tree(tmp_path / "two") == _tree(tmp_path / "clean")


@pytest.mark.usefixtures("fixed_clock")
def test_a_forged_conversion_changes_nothing_and_a_signed_one_is_still_sanitised(
    tmp_path: Path,
) -> None:
    config_file = write_site(tmp_path, {"a.md": _post("A"), "b.md": _post("B")})
    _build(config_file, tmp_path / "cold")
    entries = _entries(tmp_path, "render")
    markup = 'Forged<script>alert(1)</script><img src="x" onerror="alert(1)">'

    def forge(sign: Callable[[str, bytes], bytes]) -> dict[str, bytes]:
        forged = {}
        for key, data in entries.items():
            value = json.loads(data[32:])
            value["content"] = value["content"].replace("Text under it.", markup)
            forged[key] = sign(key, json.dumps(value).encode())
        return forged

    _overwrite(tmp_path, "render", forge(lambda key, p: hashlib.sha256(p).digest() + p))
    again = _build(config_file, tmp_path / "again")
    assert again.render_cache is not None
    assert again.render_cache.store.stats.rejected == len(entries)
    assert _tree(tmp_path / "again") == _tree(tmp_path / "cold")
    # Signed with this machine's own key, an entry is served, but through the sanitiser.
    _overwrite(tmp_path, "render", forge(_signed))
    _build(config_file, tmp_path / "signed")
    page = (tmp_path / "signed/larissacaldwell/a/index.html").read_text(encoding="utf-8")
    assert "Forged" in page
    assert "alert(1)" not in page


_TITLES = st.sampled_from(["Queues", "Caches in Go", "A & B", "Tabs <vs> spaces", "Ünïcode"])
_BODIES = st.sampled_from(
    [
        "Plain text.\n",
        "A [link](p0.md) and `code`.\n\n## Section\n\nMore.\n",
        "A [broken link](nowhere.md).\n",
        "{% link larissacaldwell/p1 %}\n",
        "```python\nprint('hi')\n```\n",
    ]
)


@st.composite
def _post_sets(draw: st.DrawFn) -> dict[str, str]:
    count = draw(st.integers(1, 4))
    return {
        f"p{n}.md": _post(f"{draw(_TITLES)} {n}", body=draw(_BODIES))
        .replace("tags: [python, web]", draw(st.sampled_from(["tags: [go]", "tags: [web]"])))
        .replace("published: true", f"published: {draw(st.booleans())}".lower())
        for n in range(count)
    }


@settings(max_examples=6, deadline=None, derandomize=True, database=None, phases=[Phase.generate])
@given(posts=_post_sets(), victim=st.integers(0, 10**6), byte=st.integers(0, 10**6))
def test_warm_equals_cold_and_one_tampered_entry_changes_nothing(
    posts: dict[str, str], victim: int, byte: int
) -> None:
    with tempfile.TemporaryDirectory() as folder, _fixed_epoch():
        root = Path(folder)
        config_file = write_site(root, posts)
        with _cache_off():
            _build(config_file, root / "cold")
        _build(config_file, root / "first")
        _build(config_file, root / "warm")
        cold = _tree(root / "cold")
        assert _tree(root / "first") == cold
        assert _tree(root / "warm") == cold
        kinds = [
            kind
            for kind in ("check", "render")
            if list((root / ".cache/proofpress").glob(f"{kind}-*"))
        ]
        kind = kinds[victim % len(kinds)]
        entries = _entries(root, kind)
        key = sorted(entries)[victim % len(entries)]
        data = bytearray(entries[key])
        data[byte % len(data)] ^= 1 << (byte % 8)
        _overwrite(root, kind, {key: bytes(data)})
        _build(config_file, root / "tampered")
        assert _tree(root / "tampered") == cold
        # Another version of a library that renders: another cache, the same site.
        with _another_version_of("Pygments", root / "environment"):
            made = _build(config_file, root / "swapped")
            assert made.render_cache is not None
            assert made.render_cache.store.stats.hits == 0
        assert _tree(root / "swapped") == cold
        # A link planted on the cache's path: the cache is not used, nothing outside changes.
        outside = root / "outside"
        outside.mkdir()
        planted = [".cache/proofpress/.gitignore", ".cache/proofpress", ".cache"][victim % 3]
        target = root / planted
        if target.is_dir():
            shutil.rmtree(target)
        else:
            target.unlink()
        target.symlink_to(outside, target_is_directory=planted != ".cache/proofpress/.gitignore")
        _build(config_file, root / "planted")
        assert _tree(root / "planted") == cold
        assert list(outside.iterdir()) == []


@contextlib.contextmanager
def _another_version_of(name: str, folder: Path) -> Iterator[None]:
    """Python's path as if another version of ``name`` were installed."""
    (folder / f"{name}-0.0.1.dist-info").mkdir(parents=True)
    sys.path.insert(0, str(folder))
    cache.salt.cache_clear()
    try:
        yield
    finally:
        sys.path.remove(str(folder))
        cache.salt.cache_clear()


@contextlib.contextmanager
def _fixed_epoch() -> Iterator[None]:
    with _env("SOURCE_DATE_EPOCH", "1800000000"):
        yield


@contextlib.contextmanager
def _cache_off() -> Iterator[None]:
    with _env("PROOFPRESS_CACHE", "off"):
        yield


@contextlib.contextmanager
def _env(name: str, value: str) -> Iterator[None]:
    old = os.environ.get(name)
    os.environ[name] = value
    try:
        yield
    finally:
        if old is None:
            del os.environ[name]
        else:
            os.environ[name] = old


@pytest.mark.usefixtures("fixed_clock")
def test_warm_builds_follow_the_resolved_configuration(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``!ENV`` values and ``INHERIT:``ed files are part of what a warm build depends on."""
    config_file = write_site(tmp_path, {"a.md": _post("A")})
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    base = {"markdown_extensions": config.pop("markdown_extensions")}
    (tmp_path / "base.yml").write_text(yaml.safe_dump(base), encoding="utf-8")
    config.pop("site_name")
    text = "INHERIT: base.yml\nsite_name: !ENV [PP_SITE_NAME, Fallback]\n"
    config_file.write_text(text + yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    page = tmp_path / "site/larissacaldwell/a/index.html"
    monkeypatch.setenv("PP_SITE_NAME", "First name")
    _build(config_file, tmp_path / "site")
    assert "<title>A - First name</title>" in page.read_text(encoding="utf-8")
    assert 'class="headerlink"' in page.read_text(encoding="utf-8")
    monkeypatch.setenv("PP_SITE_NAME", "Second name")
    base["markdown_extensions"] = [
        {"toc": {"permalink": False}} if e == {"toc": {"permalink": True}} else e
        for e in base["markdown_extensions"]
    ]
    (tmp_path / "base.yml").write_text(yaml.safe_dump(base), encoding="utf-8")
    warm = _build(config_file, tmp_path / "site")
    html = page.read_text(encoding="utf-8")
    assert "<title>A - Second name</title>" in html
    assert "First name" not in html
    assert 'class="headerlink"' not in html  # the inherited extension settings changed
    assert warm.render_cache is not None
    assert warm.render_cache.store.stats.hits == 0


def test_another_version_of_any_installed_library_is_another_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pygments, Material, a Markdown extension: any of them may change a page, so a warm
    build after any installed distribution changed version finds nothing to reuse."""
    config_file = write_site(tmp_path / "site", {"a.md": _post()})
    _check(config_file)
    before, (database,) = cache.salt(), list((tmp_path / "site/.cache/proofpress").glob("check-*"))
    _, stats = _check(config_file)
    assert (stats.hits, stats.misses) == (1, 0)
    elsewhere = tmp_path / "another-environment"
    (elsewhere / "Pygments-0.0.1.dist-info").mkdir(parents=True)
    monkeypatch.syspath_prepend(str(elsewhere))
    cache.salt.cache_clear()
    try:
        assert "Pygments-0.0.1.dist-info" in cache.installed()
        assert cache.salt() != before
        _, stats = _check(config_file)
        assert (stats.hits, stats.misses) == (0, 1)
        assert not database.exists()  # the other salt's file is gone
    finally:
        cache.salt.cache_clear()


def _outside(tmp_path: Path) -> tuple[Path, dict[str, bytes]]:
    """A folder outside the site holding someone's files named like the cache's."""
    outside = tmp_path / "outside"
    for name in ("check-0123456789abcdef.sqlite", "proofpress/render-0123456789abcdef.sqlite"):
        (outside / name).parent.mkdir(parents=True, exist_ok=True)
        (outside / name).write_bytes(b"someone else's file")
    return outside, _tree(outside)


def _links_refused(config_file: Path, caplog: pytest.LogCaptureFixture, where: str) -> None:
    """Check and build: the findings and the site as without a cache, one warning naming the
    link, nothing read or written through it."""
    with caplog.at_level(logging.WARNING, logger="proofpress.cache"):
        assert check_site(load_site_config(config_file)).ok
        made = _build(config_file, config_file.parent / "site")
    assert made.check_cache is not None
    assert made.check_cache.store.refused
    assert (made.check_cache.store.stats.hits, made.check_cache.store.stats.misses) == (0, 1)
    assert (config_file.parent / "site/larissacaldwell/a/index.html").is_file()
    warnings = [r.getMessage() for r in caplog.records if r.name == "proofpress.cache"]
    assert warnings
    assert all(f"{where} is a symbolic link" in message for message in warnings)


@pytest.mark.parametrize("link", [".cache", ".cache/proofpress"])
def test_a_cache_folder_that_is_a_link_is_never_followed(
    tmp_path: Path, link: str, caplog: pytest.LogCaptureFixture
) -> None:
    config_file = write_site(tmp_path / "site", {"a.md": _post()})
    outside, before = _outside(tmp_path)
    (tmp_path / "site" / link).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / "site" / link).symlink_to(outside, target_is_directory=True)
    _links_refused(config_file, caplog, str(tmp_path / "site" / link))
    assert _tree(outside) == before  # nothing written, nothing deleted


@pytest.mark.parametrize("name", [".gitignore", "check-{salt}.sqlite", "check-{salt}.sqlite-wal"])
def test_a_cache_file_that_is_a_link_is_never_followed(
    tmp_path: Path, name: str, caplog: pytest.LogCaptureFixture
) -> None:
    config_file = write_site(tmp_path / "site", {"a.md": _post()})
    outside, before = _outside(tmp_path)
    folder = tmp_path / "site/.cache/proofpress"
    folder.mkdir(parents=True)
    planted = folder / name.format(salt=cache.salt()[:16])
    planted.symlink_to(outside / "created-through-the-link")  # dangling: nothing there yet
    _links_refused(config_file, caplog, str(planted))
    assert _tree(outside) == before
    assert not (outside / "created-through-the-link").exists()


def test_a_database_another_process_holds_is_waited_for_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    posts = {f"p{n}.md": _post(f"Post {n}", colour="red" if n == 3 else "blue") for n in range(6)}
    config_file = write_site(tmp_path, posts)
    expected, _ = _check(config_file)
    monkeypatch.setattr(cache, "BUSY_SECONDS", 0.05)
    holder = sqlite3.connect(_database(tmp_path, "check"))
    try:
        holder.execute("PRAGMA locking_mode=EXCLUSIVE")
        holder.execute("BEGIN EXCLUSIVE")
        holder.execute("DELETE FROM entries")  # another process, mid-write
        with caplog.at_level(logging.WARNING, logger="proofpress.cache"):
            found, stats = _check(config_file)
    finally:
        holder.rollback()
        holder.close()
    assert found == expected
    assert (stats.locked, stats.hits, stats.misses) == (1, 0, 6)
    warnings = [r.getMessage() for r in caplog.records if r.name == "proofpress.cache"]
    assert len(warnings) == 1
    assert "in use by another process" in warnings[0]
    _, stats = _check(config_file)  # released: used again, nothing lost
    assert (stats.locked, stats.hits) == (0, 6)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("slug", "../../outside"),
        ("src_uri", "posts/another.md"),
        ("path", "docs/posts/another.md"),
        ("tags", ["../x"]),
        ("canonical_url", "javascript:alert(1)"),
        ("cover_image", "../../secret.png"),
    ],
)
def test_a_validly_signed_entry_is_still_checked_as_if_fresh(
    tmp_path: Path, field: str, value: object
) -> None:
    """A signature says who wrote an entry, not that it is safe: a cached post holding what
    the checker refuses is recomputed, and the build writes nothing outside the site."""
    config_file = write_site(tmp_path, {"a.md": _post("A")})
    expected, _ = _check(config_file)
    ((key, good),) = _entries(tmp_path, "check").items()
    entry = json.loads(good[32:])
    entry["post"][field] = value
    _overwrite(tmp_path, "check", {key: _signed(key, json.dumps(entry).encode())})
    again, stats = _check(config_file)
    assert again == expected
    assert (stats.hits, stats.rejected) == (0, 1)
    assert _entries(tmp_path, "check") == {key: good}  # recomputed and rewritten
    _overwrite(tmp_path, "check", {key: _signed(key, json.dumps(entry).encode())})
    _build(config_file, tmp_path / "site")
    assert not (tmp_path / "outside").exists()
    assert (tmp_path / "site/larissacaldwell/a/index.html").is_file()


def test_a_weak_or_exposed_key_turns_the_cache_off_with_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    caplog.set_level(logging.WARNING, logger="proofpress.cache")
    cache._refused.cache_clear()  # each reason is said once a process
    for weak in ("x", "from a CI secret", "a" * 64, "00" * 31, "ab" * 32):
        monkeypatch.setenv("PROOFPRESS_CACHE_KEY", weak)
        assert cache.secret() is None, weak
    assert "make one with python3 -c" in caplog.text
    strong = secrets.token_hex(32)
    for written in (strong, base64.b64encode(bytes.fromhex(strong)).decode()):
        monkeypatch.setenv("PROOFPRESS_CACHE_KEY", written)
        assert cache.secret() == written.encode()
    monkeypatch.delenv("PROOFPRESS_CACHE_KEY")
    made = cache.secret()
    assert made is not None
    file = tmp_path / "config/proofpress/cache-key"
    for mode in (0o640, 0o604, 0o620):
        file.chmod(mode)
        assert cache.secret() is None, oct(mode)
    file.chmod(0o600)
    assert cache.secret() == made
    file.rename(tmp_path / "elsewhere")
    file.symlink_to(tmp_path / "elsewhere")  # a key planted by a link is not this user's file
    assert cache.secret() is None
    assert "cannot be used" in caplog.text
    config_file = write_site(tmp_path / "site", {"a.md": _post()})
    assert check_site(load_site_config(config_file)).ok
    assert not (tmp_path / "site/.cache").exists()
