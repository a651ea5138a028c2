"""The templates, stylesheet and hooks come from the package; a blog's own overrides still win."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
import yaml
from conftest import GOOD_FRONT_MATTER, REPO, Built, build_site, write_site
from mkdocs.config import load_config

from proofpress.hooks.theme import THEME_DIR, use_packaged_theme

POST = "larissacaldwell/good/index.html"


def test_the_sample_blog_has_no_second_copy_of_the_templates(sample_site: Built) -> None:
    assert THEME_DIR == REPO / "src/proofpress/theme"
    assert sorted(p.name for p in (REPO / "overrides").rglob("*")) == ["README.md"]
    css = "assets/stylesheets/proofpress.css"
    assert (sample_site.site_dir / css).read_bytes() == (THEME_DIR / css).read_bytes()
    assert not (sample_site.site_dir / "README.md").exists()


def _with_custom_dir(config_file: Path, custom_dir: Path | None) -> Path:
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    config["theme"].pop("custom_dir", None)
    if custom_dir is not None:
        config["theme"]["custom_dir"] = str(custom_dir)
    config_file.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return config_file


def test_the_package_theme_sits_between_the_blogs_overrides_and_material(tmp_path: Path) -> None:
    (tmp_path / "own").mkdir()
    config = load_config(
        config_file=str(_with_custom_dir(write_site(tmp_path, {}), tmp_path / "own"))
    )
    material = config.theme.dirs[1]
    assert Path(material).parts[-2:] == ("material", "templates")
    use_packaged_theme(config)
    use_packaged_theme(config)  # a second call changes nothing
    assert config.theme.dirs[:3] == [str(tmp_path / "own"), str(THEME_DIR), material]

    plain = load_config(config_file=str(_with_custom_dir(tmp_path / "mkdocs.yml", None)))
    use_packaged_theme(plain)
    assert plain.theme.dirs[:2] == [str(THEME_DIR), material]


@pytest.fixture
def own_overrides(tmp_path: Path) -> Path:
    """A blog whose overrides/ extends a block of every page and replaces one partial."""
    overrides = tmp_path / "overrides"
    (overrides / "partials").mkdir(parents=True)
    (overrides / "main.html").write_text(
        '{% extends "pp-base.html" %}\n'
        "{% block announce %}<p id='own-announce'>Our own note</p>{% endblock %}\n",
        encoding="utf-8",
    )
    (overrides / "partials/pp-comments.html").write_text(
        "<section id='own-comments'>Write to us instead</section>\n", encoding="utf-8"
    )
    config_file = write_site(tmp_path, {"good.md": GOOD_FRONT_MATTER + "Some text.\n"})
    return _with_custom_dir(config_file, overrides)


def test_a_blogs_own_overrides_extend_any_block_and_keep_proofpress_blocks(
    tmp_path: Path, own_overrides: Path, mkdocs_logs: list[logging.LogRecord]
) -> None:
    build_site(own_overrides, tmp_path / "site")
    built = Built(tmp_path / "site", mkdocs_logs)
    assert built.messages(logging.WARNING) == []
    page = built.page(POST)
    assert [p.text_content() for p in page.xpath("//p[@id='own-announce']")] == ["Our own note"]
    assert [s.text_content().strip() for s in page.xpath("//section[@id='own-comments']")] == [
        "Write to us instead"
    ]
    # Proofpress's blocks (pp-base.html) and post template (pp-post.html) are still there.
    assert page.xpath("//link[@rel='stylesheet']/@href")[-1].endswith(
        "assets/stylesheets/proofpress.css"
    )
    assert page.xpath("//meta[@name='author']/@content") == ["Larissa Caldwell"]
    assert [h.text_content() for h in page.xpath("//h1")] == ["A good post"]
    home = built.page("")
    assert home.xpath("//p[@id='own-announce']")
