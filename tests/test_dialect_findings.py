"""What DEV would refuse is a located finding: unknown and malformed Liquid tags (PP701,
PP702), remote images a site would drop (PP703); and DEV's empty optional keys are not errors.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import GOOD_FRONT_MATTER, check_posts, run_module, write_site

from proofpress.body.tags import TAGS
from proofpress.check.engine import check_site
from proofpress.hooks.config import load_site_config

P = "docs/posts/p.md"
SUPPORTED = ", ".join(sorted(TAGS))
# GOOD_FRONT_MATTER is 9 lines: the body starts on line 10.
BAD_LIQUID = (
    "Intro {% vid abc %} here.\n"  # 10
    "\n"
    "{% youtube https://vimeo.com/1 %}\n"  # 12
    "\n"
    "`{% vid x %}` is code, and so is\n"  # 14
    "```\n"
    "{% vid %}\n"
    "```\n"
    "{% details %}\n"  # 18
    "x\n"
    "{% enddetails %}\n"
    "{% spoiler Open %}\n"  # 21
    "{% endcollapsible %}\n"  # 22
    "{% stackblitz app view=side %}\n"  # 23
    "{% raw %}{% vid %}{% endraw %} is literal\n"  # 24
    "{% katex %}\n"  # 25
    "x^\n"
    "{% endkatex %}\n"
    "a {% broken\n"  # 28
)


def test_unknown_and_malformed_tags_are_located(tmp_path: Path) -> None:
    assert check_posts(tmp_path, {"p.md": GOOD_FRONT_MATTER + BAD_LIQUID}) == [
        (P, 10, 7, "PP701", "unknown Liquid tag 'vid': DEV refuses a post that uses it"),
        (
            P,
            12,
            1,
            "PP702",
            "youtube: expected a YouTube video id or URL (11 letters, digits, - or _), "
            "found 'https://vimeo.com/1'",
        ),
        (P, 18, 1, "PP702", "details: expected the summary text after 'details', found nothing"),
        (P, 21, 1, "PP701", "the '{% spoiler %}' block is never closed with '{% endspoiler %}'"),
        (P, 22, 1, "PP701", "'{% endcollapsible %}' closes no '{% collapsible %}' block"),
        (P, 23, 1, "PP702", "stackblitz: expected view=both, preview or editor, found 'side'"),
        (
            P,
            25,
            1,
            "PP702",
            "katex: the TeX cannot be rendered: missing super script or subscript",
        ),
        (P, 28, 3, "PP701", "a '{%' that does not open a complete tag '{% name … %}'"),
    ]


def test_hints_name_the_supported_tags_and_the_grammar(tmp_path: Path) -> None:
    body = "{% vid abc %}\n\n{% codepen https://example.com/pen %}\n"
    config = write_site(tmp_path, {"p.md": GOOD_FRONT_MATTER + body})
    unknown, malformed = check_site(load_site_config(config)).diagnostics
    assert unknown.hint == (
        f"supported tags: {SUPPORTED}; to show the tag as text, put it in `backticks` or "
        "{% raw %}…{% endraw %}"
    )
    assert (malformed.line, malformed.column, malformed.code) == (12, 1, "PP702")
    assert malformed.message == (
        "codepen: expected a CodePen URL (https://codepen.io/<user>/pen/<id>), "
        "found 'https://example.com/pen'"
    )
    assert malformed.hint == "write {% codepen <pen URL> [default-tab=<tabs>] %}"


def test_every_supported_tag_passes(tmp_path: Path) -> None:
    tour = Path(__file__).parent / "fixtures/sites/devdialect/docs/blog-posts/liquid-tour"
    body = (tour / "liquid-tour.md").read_text(encoding="utf-8").split("---\n", 2)[2]
    used = {line.split()[1] for line in body.splitlines() if line.startswith("{% ")}
    assert used >= set(TAGS)  # the fixture really uses every tag
    assert check_posts(tmp_path, {"p.md": GOOD_FRONT_MATTER + body}) == []


def test_plain_markdown_dialect_does_not_read_liquid(tmp_path: Path) -> None:
    config = write_site(tmp_path, {"p.md": GOOD_FRONT_MATTER + BAD_LIQUID})
    _set(config, dialect="markdown")
    assert check_site(load_site_config(config)).diagnostics == []


def test_build_refuses_an_unknown_tag_with_its_location(tmp_path: Path) -> None:
    write_site(tmp_path, {"p.md": GOOD_FRONT_MATTER + "Intro {% vid abc %} here.\n"})
    done = run_module(tmp_path, "mkdocs", "build", "-d", str(tmp_path / "site"))
    assert done.returncode == 1
    assert (
        "WARNING -  docs/posts/p.md:10:7: PP701 unknown Liquid tag 'vid': DEV refuses a post "
        "that uses it" in done.stderr.splitlines()
    )
    assert "Traceback" not in done.stderr


# --- remote images -----------------------------------------------------------------------------

REMOTE_COVER = "https://raw.githubusercontent.com/me/blog/master/blog-posts/p/assets/cover.png"
REMOTE_POST = GOOD_FRONT_MATTER.replace(
    "published: true\n", f"published: true\ncover_image: {REMOTE_COVER}\n"
) + (
    "![diagram](https://i.example.org/d.png)\n"  # line 11
    "\n"
    'Inline <img alt="x" src="https://i.example.org/x.gif"> too.\n'  # 13
    "\n"
    "`![code](https://i.example.org/not-an-image.png)`\n"
    "\n"
    "![by reference][fig] and ![local](d.png)\n"  # 17
    "\n"
    "[fig]: https://i.example.org/fig.png\n"
)
LOCALISE = (
    "download it into the site with 'proofpress import --localize-images', or set "
    "'remote_images: true' under extra.proofpress in mkdocs.yml"
)


def test_remote_images_are_findings_when_the_site_refuses_them(tmp_path: Path) -> None:
    config = write_site(tmp_path, {"p.md": REMOTE_POST})
    found = check_site(load_site_config(config)).diagnostics
    assert [(d.line, d.column, d.code, d.message) for d in found] == [
        (
            8,
            1,
            "PP703",
            f"cover_image: '{REMOTE_COVER}' is on another host, and remote_images is false: "
            "the page would show no cover",
        ),
        (
            11,
            1,
            "PP703",
            "the image 'https://i.example.org/d.png' is on another host, and remote_images is "
            "false: the page would show no image",
        ),
        (
            13,
            8,
            "PP703",
            "the image 'https://i.example.org/x.gif' is on another host, and remote_images is "
            "false: the page would show no image",
        ),
        (
            17,
            1,
            "PP703",
            "the image 'https://i.example.org/fig.png' is on another host, and remote_images is "
            "false: the page would show no image",
        ),
    ]
    assert {d.hint for d in found} == {LOCALISE}


def test_remote_images_pass_when_allowed(tmp_path: Path) -> None:
    config = write_site(tmp_path, {"p.md": REMOTE_POST})
    _set(config, remote_images=True)
    assert check_site(load_site_config(config)).diagnostics == []


# --- front matter as DEV reads it --------------------------------------------------------------

DEV_TEMPLATE = """\
---
title: A post from DEV's template
published: true
description:
tags:
cover_image:
canonical_url:
series:
slug:
date: 2026-11-02
author: larissa
---

Body.
"""


def test_empty_optional_keys_mean_not_set(tmp_path: Path) -> None:
    config = write_site(tmp_path, {"dev.md": DEV_TEMPLATE})
    result = check_site(load_site_config(config))
    assert result.diagnostics == []
    (post,) = result.posts
    assert (post.description, post.tags, post.cover_image, post.canonical_url, post.series) == (
        "",
        (),
        None,
        None,
        None,
    )
    assert post.slug == "dev"


def test_required_keys_stay_required_when_empty(tmp_path: Path) -> None:
    text = DEV_TEMPLATE.replace("title: A post from DEV's template", "title:").replace(
        "date: 2026-11-02", "date:"
    )
    assert check_posts(tmp_path, {"dev.md": text}) == [
        ("docs/posts/dev.md", 2, 7, "PP104", "title: expected text, found an empty value"),
        (
            "docs/posts/dev.md",
            10,
            6,
            "PP104",
            "date: expected a date such as 2026-11-02, found an empty value",
        ),
    ]


def _set(config: Path, **values: object) -> None:
    settings = yaml.safe_load(config.read_text(encoding="utf-8"))
    settings["extra"]["proofpress"].update(values)
    config.write_text(yaml.safe_dump(settings, sort_keys=False), encoding="utf-8")


CLAIMED = (
    "Intro {% embed https://example.org/a %} text :wave:.\n"
    "\n"
    "{% details Show the numbers %}\n"
    "Numbers here.\n"
    "{% enddetails %}\n"
    "\n"
    "This post is {n} words long.\n"
)


@pytest.mark.parametrize("dialect", ["dev", "markdown"])
def test_claims_count_the_same_words_in_either_dialect(tmp_path: Path, dialect: str) -> None:
    # Intro, text, Show, the, numbers, Numbers, here, This, post, is, 13, words, long
    config = write_site(
        tmp_path,
        {
            "right.md": GOOD_FRONT_MATTER + CLAIMED.replace("{n}", "13"),
            "wrong.md": GOOD_FRONT_MATTER + CLAIMED.replace("{n}", "15"),
        },
    )
    _set(config, dialect=dialect)
    found = check_site(load_site_config(config)).diagnostics
    assert [(d.path, d.line, d.code) for d in found] == [("docs/posts/wrong.md", 16, "PP403")]
