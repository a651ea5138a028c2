"""The site settings: a closed, typed schema read once, its problems located in mkdocs.yml."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
import yaml
from conftest import GOOD_FRONT_MATTER, build_site, write_site

from proofpress.check.engine import check_site
from proofpress.hooks.config import load_site_config
from proofpress.records.settings import ConfigError, Settings, setting_positions

CONFIG_TEXT = """\
site_name: x
docs_dir: docs
extra:
  proofpress:
    per_page: 5
    remote_image: true
  comments:
    provider: giscus
    repo: a/b
    repo_id: R_1
    category: C
    category_id: DIC_1
    theme: dark
"""


def _site(tmp_path: Path, text: str) -> Path:
    config = tmp_path / "mkdocs.yml"
    config.write_text(text, encoding="utf-8")
    (tmp_path / "docs" / "posts").mkdir(parents=True)
    return config


def test_positions_of_extra_keys() -> None:
    positions = setting_positions(CONFIG_TEXT + "theme: !ENV [THEME, material]\n")
    assert positions[("extra",)] == (3, 1)
    assert positions[("extra", "proofpress", "per_page")] == (5, 5)
    assert positions[("extra", "comments", "theme")] == (13, 5)


def test_valid_settings_are_typed_and_unknown_ones_located(tmp_path: Path) -> None:
    site = load_site_config(_site(tmp_path, CONFIG_TEXT))
    assert site.settings == Settings(
        posts_dir="posts",
        per_page=5,
        feed_size=20,
        remote_images=False,
        comments={
            "provider": "giscus",
            "repo": "a/b",
            "repo_id": "R_1",
            "category": "C",
            "category_id": "DIC_1",
            "mapping": "pathname",
            "theme": "dark",
            "lang": "en",
        },
    )
    assert [d.to_text() for d in site.problems] == [
        "mkdocs.yml:6:5: PP601 extra.proofpress: unknown setting 'remote_image'; did you mean "
        "'remote_images'?\n    hint: rename it to 'remote_images'"
    ]


def test_check_reports_settings_with_the_posts(tmp_path: Path) -> None:
    config = write_site(tmp_path, {"good.md": GOOD_FRONT_MATTER + "Some text.\n"})
    data = yaml.safe_load(config.read_text())
    data["extra"]["proofpress"]["feed_size"] = True
    config.write_text(yaml.safe_dump(data, sort_keys=False))
    result = check_site(load_site_config(config))
    assert [(d.path, d.code, d.message) for d in result.diagnostics] == [
        (
            "mkdocs.yml",
            "PP602",
            "extra.proofpress: feed_size: expected a whole number from 1 to 1000, found the "
            "boolean true",
        )
    ]


@pytest.mark.parametrize("value", ["/etc", "posts/../..", "..", "a\\..\\b"])
def test_posts_dir_stays_inside_docs(tmp_path: Path, value: str) -> None:
    text = f"site_name: x\nextra:\n  proofpress:\n    posts_dir: {yaml.safe_dump(value)}"
    site = load_site_config(_site(tmp_path, text))
    assert site.posts_dir == "posts"
    assert [d.code for d in site.problems] == ["PP602"]


def test_check_reads_the_configuration_as_mkdocs_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``INHERIT:`` and ``!ENV`` are resolved as for ``mkdocs build``: the check sees the same
    settings the build will use."""
    config_file = write_site(tmp_path, {})
    (tmp_path / "docs/articles").mkdir()
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    base = {key: config.pop(key) for key in ("extra", "site_url")}
    base["extra"]["proofpress"] = {"posts_dir": "articles", "per_page": 7}
    (tmp_path / "base.yml").write_text(yaml.safe_dump(base), encoding="utf-8")
    text = yaml.safe_dump({"INHERIT": "base.yml", **config}, sort_keys=False)
    text += "extra:\n  proofpress:\n    feed_size: !ENV [PP_FEED_SIZE, 3]\n"
    config_file.write_text(text, encoding="utf-8")
    monkeypatch.setenv("PP_FEED_SIZE", "9")
    site = load_site_config(config_file)
    assert (site.posts_dir, site.settings.per_page, site.settings.feed_size) == ("articles", 7, 9)
    assert site.site_url == base["site_url"]
    monkeypatch.delenv("PP_FEED_SIZE")
    assert load_site_config(config_file).settings.feed_size == 3
    (tmp_path / "base.yml").unlink()
    with pytest.raises(ConfigError, match=r"Inherited config file 'base\.yml' does not exist"):
        load_site_config(config_file)


@pytest.mark.parametrize(
    ("extra", "colors", "problems"),
    [
        ("", {"python": "#3572a5"}, []),
        (
            "      rust: orange\n",
            {},
            [
                "mkdocs.yml:4:5: PP602 extra.proofpress: tag_colors: expected a colour like "
                "#3b49df for tag 'rust', found 'orange'\n    hint: quote the colour: python: "
                "'#3572a5'"
            ],
        ),
    ],
)
def test_tag_colors_are_read_and_a_bad_one_located(
    tmp_path: Path, extra: str, colors: dict[str, str], problems: list[str]
) -> None:
    text = "site_name: x\nextra:\n  proofpress:\n    tag_colors:\n      python: '#3572A5'\n"
    site = load_site_config(_site(tmp_path, text + extra))
    assert site.settings.tag_colors == colors
    assert [d.to_text() for d in site.problems] == problems


@pytest.mark.parametrize(
    "value",
    ['"javascript://x.com/%0aalert(1)"', "data:text/html,x", "ftp://example.org/", "/blog/",
     "https://", "example.org"],
)  # fmt: skip
def test_site_url_is_an_http_address_or_a_located_finding(tmp_path: Path, value: str) -> None:
    config = _site(tmp_path, f"site_name: x\nsite_url: {value}\n")
    site = load_site_config(config)
    assert site.site_url == ""
    assert [(d.path, d.line, d.column, d.code) for d in site.problems] == [
        ("mkdocs.yml", 2, 11, "PP602")
    ]
    assert site.problems[0].message.startswith("site_url: expected the http(s) address")


def test_a_javascript_site_url_fails_the_build(
    tmp_path: Path, mkdocs_logs: list[logging.LogRecord]
) -> None:
    from mkdocs.exceptions import Abort, PluginError

    config = write_site(tmp_path, {"good.md": GOOD_FRONT_MATTER + "Some text.\n"})
    data = yaml.safe_load(config.read_text())
    data["site_url"] = "javascript://x.com/%0aalert(1)"
    config.write_text(yaml.safe_dump(data, sort_keys=False))
    with pytest.raises((Abort, PluginError)):
        build_site(config, tmp_path / "site")
    assert any("site_url: expected the http(s) address" in r.getMessage() for r in mkdocs_logs)
    assert not (tmp_path / "site" / "index.html").exists()


def test_an_http_site_url_is_kept(tmp_path: Path) -> None:
    config = _site(tmp_path, "site_name: x\nsite_url: https://ada.github.io/notes/\n")
    site = load_site_config(config)
    assert (site.site_url, site.problems) == ("https://ada.github.io/notes/", ())
