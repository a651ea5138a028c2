"""Hostile posts at the renderer's limits, YAML tags and ``proofpress new`` abuse.

Each case asserts the exact finding (path, line, column, code) that ``proofpress check`` gives,
and that nothing else is reported. Body line 10 is the first line after GOOD_FRONT_MATTER.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import (
    AUTHORS,
    GOOD_FRONT_MATTER,
    LINEAR,
    build_site,
    check_posts,
    growth,
    run_module,
    write_site,
)

from proofpress.body import limits

P = "docs/posts/p.md"
A = "docs/.authors.yml"
BODY = 10  # file line of the body's first line under GOOD_FRONT_MATTER


def nested_list(levels: int, indent: str = "    ") -> str:
    return "".join(f"{indent * i}- item {i}\n" for i in range(levels))


def headings(count: int) -> str:
    return "".join(f"## Part {i}\n\nText.\n\n" for i in range(count))


FM_TAG = "---\ntitle: T\ndate: 2026-11-02\nauthor: larissa\npublished: true\n"

# name: (body or whole file, expected findings as (path, line, column, code))
CASES: dict[str, tuple[str, list[tuple[str, int, int, str]]]] = {
    # lists: 10 levels pass, the 11th item is located at its marker
    "list-at-limit": (nested_list(10), []),
    "list-over-limit": (nested_list(11), [(P, BODY + 10, 41, "PP801")]),
    "list-300-levels": (nested_list(300), [(P, BODY + 10, 41, "PP801")]),
    "list-tab-indented": (nested_list(12, "\t"), [(P, BODY + 10, 11, "PP801")]),
    "ordered-list-over-limit": (
        "".join(f"{'    ' * i}1. item\n" for i in range(11)),
        [(P, BODY + 10, 41, "PP801")],
    ),
    "sibling-lists-are-flat": ("".join("- item\n" for _ in range(500)), []),
    # block quotes
    "quote-at-limit": (">" * 10 + " deep\n", []),
    "quote-over-limit": (">" * 11 + " deep\n", [(P, BODY, 1, "PP802")]),
    "quote-spaced-over-limit": ("> " * 11 + "deep\n", [(P, BODY, 1, "PP802")]),
    # brackets
    "brackets-at-limit": ("[" * 10 + "x" + "]" * 10 + "\n", []),
    "brackets-over-limit": ("text " + "[" * 11 + "x" + "]" * 11 + "\n", [(P, BODY, 16, "PP803")]),
    "bracket-storm": (
        "[" * 5000 + "]" * 5000 + "\n",
        [(P, BODY, 1, "PP811"), (P, BODY, 11, "PP803")],  # 5,000 openings: inline items too
    ),
    "open-brackets-at-limit": ("[a " * 10 + "\n", []),
    "open-brackets-over-limit": ("[a " * 11 + "\n", [(P, BODY, 31, "PP804")]),
    "open-images-over-limit": ("![a " * 11 + "\n", [(P, BODY, 42, "PP804")]),
    "open-brackets-per-paragraph": ("[a " * 10 + "\n\n" + "[b " * 10 + "\n", []),
    "brackets-in-code-span": ("`" + "[" * 40 + "` and `" + "]" * 3 + "`\n", []),
    "escaped-brackets": ("\\[" * 40 + "\n", []),
    "brackets-in-fenced-code": ("```\n" + "[" * 40 + "\n```\n", []),
    "links-many-but-flat": ("[a](https://example.org) " * 1000 + "\n", []),
    # HTML
    "div-at-limit": ("<div>" * 32 + "x" + "</div>" * 32 + "\n", []),
    "div-over-limit": ("<div>" * 33 + "x" + "</div>" * 33 + "\n", [(P, BODY, 161, "PP805")]),
    "div-lines-over-limit": (
        "".join("<div>\n" for _ in range(40)) + "x\n" + "".join("</div>\n" for _ in range(40)),
        [(P, BODY + 32, 1, "PP805")],
    ),
    "unclosed-p-is-not-depth": ("<p>para\n\n" * 100, []),
    "open-tags-at-limit": ("if a <b then\n\n" * 10, []),
    "open-tags-over-limit": ("if a <b then\n\n" * 11, [(P, BODY + 20, 6, "PP806")]),
    "open-tags-closed-later": ("if a <b then\n\n" * 50 + "> a quote closes them\n", []),
    "open-tags-in-fenced-code": ("```c\n" + "for (i=0; i<n; i++)\n" * 50 + "```\n", []),
    "open-tags-in-indented-code": (
        "Code:\n\n" + "    for (i=0; i<n; i++)\n" * 11,
        [(P, BODY + 12, 16, "PP806")],
    ),
    # emphasis
    "emphasis-at-limit": ("*" * 20 + "x\n", []),
    "emphasis-over-limit": ("a " + "*" * 21 + "x" + "*" * 21 + "\n", [(P, BODY, 3, "PP807")]),
    "underscores-over-limit": ("_" * 2000 + "x" + "_" * 2000 + "\n", [(P, BODY, 1, "PP807")]),
    "horizontal-rule-is-fine": ("text\n\n" + "*" * 60 + "\n\nmore\n", []),
    # headings
    "headings-at-limit": (headings(500), []),
    "headings-over-limit": (headings(501), [(P, BODY + 2000, 1, "PP808")]),
    "setext-headings-over-limit": (
        "".join(f"Part {i}\n---\n\nText.\n\n" for i in range(501)),
        [(P, BODY + 2500, 1, "PP808")],
    ),
    # blocks: every blank line outside fenced code, quoted ones too
    "blank-lines-at-limit": ("Line.\n\n" * 10_000, []),
    "blank-lines-over-limit": ("Line.\n\n" * 10_001, [(P, BODY + 20_001, 1, "PP809")]),
    "one-run-of-blank-lines": ("a\n" + "\n" * 10_001 + "b\n", [(P, BODY + 10_001, 1, "PP809")]),
    "quoted-blank-lines": ("> a\n" + ">\n" * 10_001, [(P, BODY + 10_001, 1, "PP809")]),
    "blank-lines-in-fenced-code": ("```\n" + "\n" * 20_000 + "```\n", []),
    # horizontal rules
    "rules-at-limit": ("Part.\n\n***\n\n" * 100, []),
    "rules-over-limit": ("Part.\n\n***\n\n" * 101, [(P, BODY + 402, 1, "PP810")]),
    "rules-in-one-block": ("***\n" * 101, [(P, BODY + 100, 1, "PP810")]),
    "setext-underlines-are-not-rules": (
        "".join(f"Part {i}\n---\n\nText.\n\n" for i in range(150)),
        [],
    ),
    # inline items per paragraph: each is located at its paragraph's first line
    "escapes-at-limit": ("\\* " * 1000 + "\n", []),
    "escapes-over-limit": ("\\* " * 1001 + "\n", [(P, BODY, 1, "PP811")]),
    "code-spans-over-limit": ("Intro.\n\n" + "`a` " * 1001 + "\n", [(P, BODY + 2, 1, "PP811")]),
    "links-over-limit": ("[a](https://example.org) " * 1001 + "\n", [(P, BODY, 1, "PP811")]),
    "emoji-over-limit": (":wave: " * 1001 + "\n", [(P, BODY, 1, "PP811")]),
    "entities-over-limit": ("&amp; " * 1001 + "\n", [(P, BODY, 1, "PP811")]),
    "tags-over-limit": ("<b>a</b> " * 501 + "\n", [(P, BODY, 1, "PP811")]),
    "emphasis-over-limit-items": ("*a* " * 501 + "\n", [(P, BODY, 1, "PP811")]),
    "items-over-limit-across-lines": (
        "Intro.\n\n" + "A line with `code` and [a link](https://example.org).\n" * 501,
        [(P, BODY + 2, 1, "PP811")],
    ),
    "code-spans-then-a-space-are-no-breaks": ("`a` " * 500 + "\n" + "`a` " * 500 + "\n", []),
    "items-per-paragraph": (("`a` " * 1000 + "\n\n") * 3, []),
    "items-in-a-quote-over-limit": ("> " + "`a` " * 1001 + "\n", [(P, BODY, 1, "PP811")]),
    "items-in-a-code-span-count-once": ("`" + "\\* &amp; " * 2000 + "`\n", []),
    "items-in-fenced-code": ("```\n" + "`a` \\* &amp; " * 2000 + "\n```\n", []),
    "snake-case-is-not-emphasis": ("snake_case_name " * 2000 + "\n", []),
    # inline items per post
    "post-items-at-limit": (("`a` " * 1000 + "\n\n") * 5, []),
    "post-items-over-limit": (
        ("`a` " * 1000 + "\n\n") * 5 + "Last `a`.\n",
        [(P, BODY + 10, 1, "PP812")],
    ),
    "post-items-over-limit-in-many-paragraphs": (
        ("A [link](https://example.org).\n\n") * 5001,
        [(P, BODY + 10_000, 1, "PP812")],
    ),
    "long-prose-paragraph": (
        "The quick brown fox, a `fox` in [a sentence](https://example.org): *fast*. " * 150 + "\n",
        [],
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_limit_case(tmp_path: Path, name: str) -> None:
    body, expected = CASES[name]
    found = check_posts(tmp_path, {"p.md": GOOD_FRONT_MATTER + body})
    assert [f[:4] for f in found] == expected


def test_limit_messages_name_the_number_and_the_limit(tmp_path: Path) -> None:
    found = check_posts(tmp_path, {"p.md": GOOD_FRONT_MATTER + nested_list(12)})
    assert found == [
        (P, BODY + 10, 41, "PP801", "found 11 levels; the limit is 10 levels of nested lists")
    ]


def test_every_limit_has_a_rule_and_a_case() -> None:
    from proofpress.check.registry import rules

    limited = {limit.rule.code for limit in limits.LIMITS}
    assert limited == {rule.code for rule in rules() if rule.code.startswith("PP8")}
    assert len(limited) == len(limits.LIMITS) == 12
    tested = {code for _, expected in CASES.values() for *_, code in expected}
    assert limited <= tested


# --- linear time on hostile bodies ----------------------------------------------------------


def falling_backticks(n: int, after: str = " x ") -> str:
    """Runs of backticks from about sqrt(2n) down to 2 long, each followed by ``after``."""
    return "".join("`" * k + after for k in range(int((2 * n) ** 0.5), 1, -1))


# Bodies that were quadratic to count, claim-scan or limit-scan (characters, n and 4n): the
# whole per-file check (words, claims, limits and every other body rule) must grow linearly.
HOSTILE_BODIES: dict[str, tuple[int, object]] = {
    "backtick runs of many lengths": (50_000, lambda n: "".join(
        "`" * (i % 40 + 1) + "a " for i in range(n // 22)
    )),
    "unclosed image targets": (50_000, lambda n: "![a](" * (n // 5)),
    "unclosed link targets": (50_000, lambda n: "[a](" * (n // 4)),
    "unclosed script tags": (50_000, lambda n: "<script " * (n // 8)),
    "scheme-like words": (50_000, lambda n: "a." * (n // 2)),
    "a long closing # run": (50_000, lambda n: "## H " + "#" * n + "x\n\nText.\n"),
    "numbers in one sentence": (10_000, lambda n: "the post is 1 words, " * (n // 21)),
    "katex never ended": (50_000, lambda n: "{% katex %} x " * (n // 14)),
    "Liquid openers never closed": (50_000, lambda n: "{% a " * (n // 5)),
    "bracket storm": (50_000, lambda n: "[" * (n // 2) + "]" * (n // 2)),
    "unclosed tag openings": (50_000, lambda n: "a <b " * (n // 5)),
    "deep lists, repeated": (50_000, lambda n: ("".join(
        "    " * i + "- x\n" for i in range(20)
    ) + "\n") * (n // 900)),
    # backtick runs of falling length (``` ... `` x): every run but the last has no partner
    "falling backtick runs": (50_000, lambda n: falling_backticks(n) + "\n"),
    "falling backtick runs, a line each": (50_000, lambda n: falling_backticks(n, " x\n")),
    "falling backtick runs with tags": (50_000, lambda n: falling_backticks(n, " {% a %} ")),
    "falling backtick runs with numbers": (50_000, lambda n: falling_backticks(n, " 1 words ")),
    # inline items in one paragraph (PP811 reports them; the scan that counts them is linear)
    "escapes in one paragraph": (50_000, lambda n: "\\* " * (n // 3)),
    "code spans in one paragraph": (50_000, lambda n: "`a` " * (n // 4)),
    "links in one paragraph": (50_000, lambda n: "[a](b) " * (n // 7)),
    "emoji in one paragraph": (50_000, lambda n: ":wave: " * (n // 7)),
    "entities in one paragraph": (50_000, lambda n: "&amp; " * (n // 6)),
}  # fmt: skip


def test_check_time_grows_linearly_on_hostile_bodies(tmp_path: Path) -> None:
    from proofpress.check.engine import check_post, load_context
    from proofpress.hooks.config import load_site_config

    site = load_site_config(write_site(tmp_path, {}))
    context, _ = load_context(site)
    post = tmp_path / "docs" / "posts" / "hostile.md"

    def check(body: str) -> None:
        post.write_text(GOOD_FRONT_MATTER + body, encoding="utf-8")
        check_post(post, site, context)

    ratios = {
        name: growth(check, make, n)  # type: ignore[arg-type]
        for name, (n, make) in HOSTILE_BODIES.items()
    }
    assert {name: r for name, r in ratios.items() if r >= LINEAR} == {}, ratios


def at_the_item_limit(n: int) -> str:
    """One paragraph of about ``n`` characters holding exactly PP811's limit of inline items
    (escapes, code spans, links, emoji, entities), spread evenly through prose."""
    items = limits.INLINE_ITEMS.value // 5
    words = "word " * max(0, (n // items - 40) // 5)
    return "".join(f"\\* `a` [a](b) :wave: &amp; {words}" for _ in range(items)) + "\n"


def test_a_post_just_under_the_item_limit_builds_in_linear_time(tmp_path: Path) -> None:
    """A real ``mkdocs build`` of one paragraph at PP811's limit, 100 KB and 400 KB long."""
    config = write_site(tmp_path, {})
    post = tmp_path / "docs" / "posts" / "p.md"
    assert check_posts(tmp_path, {"p.md": GOOD_FRONT_MATTER + at_the_item_limit(400_000)}) == []

    def build(body: str) -> None:
        post.write_text(GOOD_FRONT_MATTER + body, encoding="utf-8")
        build_site(config, tmp_path / "site")

    ratio = growth(build, at_the_item_limit, 100_000)
    assert ratio < LINEAR, ratio
    page = (tmp_path / "site/larissacaldwell/p/index.html").read_text(encoding="utf-8")
    assert page.count("<code>a</code>") == limits.INLINE_ITEMS.value // 5


def test_counting_words_grows_linearly_with_unclosed_liquid_tags() -> None:
    # The whole check on this shape is in HOSTILE_BODIES; the tag scan alone just below.
    from proofpress.body import words

    ratio = growth(words.count_words, lambda n: "{% a " * (n // 5), 50_000)
    assert ratio < LINEAR, ratio


# --- YAML tags ------------------------------------------------------------------------------

TAG_CASES: dict[str, tuple[str, tuple[int, int]]] = {
    "custom-tag": ("bio: !Wow x\n", (6, 6)),
    "python-object": ("description: !!python/object:os.system x\n", (6, 14)),
    "binary": ("description: !!binary aGVsbG8=\n", (6, 14)),
    "tag-in-list": ("tags: [a, !x b]\n", (6, 11)),
    "verbatim-tag": ("description: !<tag:x> y\n", (6, 14)),
    "non-specific-tag": ("description: ! y\n", (6, 14)),
    "set": ("tags: !!set {a, b}\n", (6, 7)),
}


@pytest.mark.parametrize("name", sorted(TAG_CASES))
def test_yaml_tag_in_a_post_is_located(tmp_path: Path, name: str) -> None:
    line, (row, column) = TAG_CASES[name]
    found = check_posts(tmp_path, {"p.md": FM_TAG + line + "---\n\nBody.\n"})
    assert [f[:4] for f in found] == [(P, row, column, "PP011")]


def test_yaml_tag_on_the_whole_front_matter(tmp_path: Path) -> None:
    found = check_posts(tmp_path, {"p.md": "---\n!!map\ntitle: T\n---\n\nBody.\n"})
    assert [f[:4] for f in found] == [(P, 2, 1, "PP011")]


def test_quoted_bang_is_text(tmp_path: Path) -> None:
    post = GOOD_FRONT_MATTER.replace("description: A", 'description: "!Wow" # A') + "Body.\n"
    assert check_posts(tmp_path, {"p.md": post}) == []


@pytest.mark.parametrize(
    ("authors", "where"),
    [
        (AUTHORS.replace("bio: Backend developer.", "bio: !Wow Backend developer."), (4, 8)),
        (AUTHORS.replace("name: Larissa Caldwell", "name: !!python/name:os.system"), (2, 9)),
        (AUTHORS.replace("joined: 2024-03-14", "joined: !!timestamp 2024-03-14"), (6, 11)),
        ("%TAG ! tag:evil,2026:\n---\n" + AUTHORS.replace("bio: B", "bio: !x B"), (6, 8)),
    ],
)
def test_yaml_tag_in_the_authors_registry_is_located(
    tmp_path: Path, authors: str, where: tuple[int, int]
) -> None:
    found = check_posts(tmp_path, {"p.md": GOOD_FRONT_MATTER + "Body.\n"}, authors=authors)
    assert [f[:4] for f in found if f[0] == A] == [(A, *where, "PP011")]


def test_tagged_registry_fails_check_and_build_without_a_traceback(tmp_path: Path) -> None:
    authors = AUTHORS.replace("bio: Backend developer.", "bio: !Wow Backend developer.")
    write_site(tmp_path, {"p.md": GOOD_FRONT_MATTER + "Body.\n"}, authors=authors)
    checked = run_module(tmp_path, "proofpress", "check")
    assert checked.returncode == 1
    assert checked.stdout.startswith(
        "docs/.authors.yml:4:8: PP011 YAML tags such as '!Wow' are not allowed"
    )
    built = run_module(tmp_path, "mkdocs", "build", "--site-dir", str(tmp_path / "site"))
    assert built.returncode == 1
    assert "Traceback" not in built.stdout + built.stderr
    assert "docs/.authors.yml:4:8: PP011" in built.stderr
    assert not (tmp_path / "site/larissacaldwell").exists()


# --- proofpress new -------------------------------------------------------------------------


def new(site: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_module(site, "proofpress", "new", *args)


NEW_REFUSED: dict[str, tuple[tuple[str, ...], str]] = {
    "slug-escapes": (
        ("T", "--slug", "../../../x"),
        "--slug '../../../x' is not a slug: use lowercase letters and digits joined by single "
        "hyphens; try --slug x",
    ),
    "slug-with-space": (
        ("T", "--slug", "Bad Slug!"),
        "--slug 'Bad Slug!' is not a slug: use lowercase letters and digits joined by single "
        "hyphens; try --slug bad-slug",
    ),
    "slug-absolute": (("T", "--slug", "/tmp/x"), "--slug '/tmp/x' is not a slug"),
    "slug-uppercase": (("T", "--slug", "Hello"), "try --slug hello"),
    "title-empty": (("  ",), "title: the title is empty"),
    "title-no-letters": (
        ("🚀",),
        "the title '🚀' has no letters a to z or digits to make a slug from; pass --slug",
    ),
    "title-too-long": (("x" * 200,), "title: the title is 200 characters long"),
    "unknown-kind": (("T", "--kind", "essay"), "unknown kind 'essay'"),
    "unknown-author": (("T", "--author", "nobody"), "unknown author 'nobody'"),
    "bad-tags": (("T", "--tags", "a,b,c,d,e"), "tags: "),
}


@pytest.mark.parametrize("name", sorted(NEW_REFUSED))
def test_new_refuses_with_a_clear_error(tmp_path: Path, name: str) -> None:
    args, message = NEW_REFUSED[name]
    write_site(tmp_path, {})
    extra = () if "--author" in args else ("--author", "larissa")
    made = new(tmp_path, *args, *extra)
    assert made.returncode == 2, made.stdout
    assert message in made.stderr
    assert "Traceback" not in made.stderr
    assert sorted(p.name for p in tmp_path.rglob("*.md")) == ["index.md"]


def test_new_title_with_slashes_stays_in_the_posts_folder(tmp_path: Path) -> None:
    write_site(tmp_path, {})
    made = new(tmp_path, "../../etc/passwd", "--author", "larissa")
    assert made.returncode == 0, made.stderr
    assert made.stdout.startswith("created docs/posts/etc-passwd.md ")
    assert (tmp_path / "docs/posts/etc-passwd.md").is_file()


def test_new_refuses_a_posts_folder_that_leaves_docs(tmp_path: Path) -> None:
    write_site(tmp_path, {})
    outside = tmp_path / "outside"
    outside.mkdir()
    posts = tmp_path / "docs/posts"
    posts.rmdir()
    os.symlink(outside, posts)
    made = new(tmp_path, "T", "--author", "larissa")
    assert made.returncode == 2
    assert "resolves outside docs/" in made.stderr
    assert list(outside.iterdir()) == []


def test_new_when_the_posts_folder_is_a_file(tmp_path: Path) -> None:
    write_site(tmp_path, {})
    posts = tmp_path / "docs/posts"
    posts.rmdir()
    posts.write_text("not a folder\n", encoding="utf-8")
    made = new(tmp_path, "T", "--author", "larissa")
    assert made.returncode == 2
    assert "cannot create docs/posts/t.md" in made.stderr
    assert "Traceback" not in made.stderr
    assert posts.read_text(encoding="utf-8") == "not a folder\n"


def test_rules_md_states_every_limit_with_its_code_and_number() -> None:
    rules_md = (Path(__file__).resolve().parent.parent / "RULES.md").read_text(encoding="utf-8")
    section = rules_md.split("## Limits\n", 1)[1].split("\n## ", 1)[0]
    rows = {line.split("|")[1].strip(): line for line in section.splitlines() if "| [PP8" in line}
    assert len(rows) == len(limits.LIMITS)
    for limit in limits.LIMITS:
        link = f"[{limit.rule.code}](#{limit.rule.code.lower()}-{limit.rule.name})"
        assert f"| at most {limit.value:,} {limit.what} |" in rows[link]
        assert f"{limit.value:,}" in limit.rule.summary


@pytest.mark.parametrize(
    "make",
    [
        lambda n: "{% a " * (n // 5),  # openers that never close
        lambda n: "{% " * (n // 3) + "%}",  # openers before one far closer
        lambda n: "{% raw %}" * (n // 9),  # raw blocks that never end
    ],
    ids=["unclosed", "one-far-closer", "unended-raw"],
)
def test_the_liquid_tag_scan_grows_linearly(make: Callable[[int], str]) -> None:
    from proofpress.body import liquid

    ratio = growth(lambda text: liquid.scan(text), make, 50_000)
    assert ratio < LINEAR, ratio
