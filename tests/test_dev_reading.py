"""DEV's reading of a post, proven against DEV's own renderer (Debian's ruby-redcarpet).

Every case of ``dev_cases.CASES`` and every generated document is rendered by Redcarpet with
Forem's settings and by the page's own Markdown conversion (the site's extensions and the DEV
dialect), and their structures are compared. The cases that differ are exactly the ones
DIALECT.md lists, each with its reason.
"""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest
import redcarpet_oracle as redcarpet
from conftest import GOOD_FRONT_MATTER, LINEAR, build_site, growth, make_post, write_site
from dev_cases import CASES
from hypothesis import Phase, given, settings
from hypothesis import strategies as st
from lxml import html

from proofpress.body import words
from proofpress.body.analysis import Analysis
from proofpress.check.engine import check_body
from proofpress.dialect.extension import DevDialect, Links
from proofpress.reading import body as reading
from proofpress.reading import sections
from proofpress.records.context import CheckContext

REPO = Path(__file__).resolve().parent.parent

# Every written case whose structure differs from Redcarpet's, and why (DIALECT.md lists them).
KNOWN_DIFFERENCES = {
    "nested three levels by two": "Redcarpet flattens a third level nested by two spaces",
    "item with fence no blank": "Redcarpet reads a fence inside a tight item as a code span",
    "item with indented code": "Redcarpet strips four more spaces from code in an item",
    "item with quote": "Redcarpet starts no quote inside a tight item",
    "empty item": "Redcarpet reads `- a` over a lone `-` as a setext heading",
    "underscore words": "Redcarpet opens emphasis on `_private` and closes it mid-word",
    "strong intraword": "Redcarpet half-reads `foo**bar**baz` as emphasis",
    "strong and em": "`***x***` nests <em> in <strong> on DEV, the reverse here",
    "fence longer": "Redcarpet closes a ```` fence at a ``` line inside it",
    "bullet items starting with numbers in a loose list": "Redcarpet reads `2.` as a list "
    "in every item after the first blank line",
}


def page_html(text: str) -> str:
    """The post's body as the site converts it: mkdocs.yml's extensions and the DEV dialect."""
    md = markdown.Markdown(
        extensions=[
            "toc",
            "pymdownx.highlight",
            "pymdownx.superfences",
            DevDialect(links=Links()),
        ],
    )
    return str(md.convert(text))


def disagreements(documents: list[str]) -> list[int]:
    """Indexes of the documents whose structure differs between Redcarpet and the page."""
    theirs = redcarpet.render(documents)
    return [
        i
        for i, (text, ref) in enumerate(zip(documents, theirs, strict=True))
        if redcarpet.structure(page_html(text)) != redcarpet.structure(ref)
    ]


@pytest.fixture(scope="module", autouse=True)
def _redcarpet() -> None:
    if not redcarpet.available():
        pytest.fail(redcarpet.MISSING)


def test_written_cases_agree_with_redcarpet() -> None:
    assert len(CASES) >= 200
    differ = {CASES[i][0] for i in disagreements([text for _, text in CASES])}
    assert differ == set(KNOWN_DIFFERENCES)
    agreement = 1 - len(differ) / len(CASES)
    assert agreement >= 0.95, agreement


def test_dialect_md_lists_every_known_difference() -> None:
    dialect = (REPO / "DIALECT.md").read_text(encoding="utf-8")
    for name in KNOWN_DIFFERENCES:
        assert f"`{name}`" in dialect, name
    shown = re.search(r"(\d+) of (\d+)\s+written cases", dialect)
    assert shown is not None
    assert (int(shown.group(1)), int(shown.group(2))) == (
        len(CASES) - len(KNOWN_DIFFERENCES),
        len(CASES),
    )


# --- generated DEV-style documents ------------------------------------------------------------

_WORD = st.sampled_from(
    ["deploy", "the", "queue", "retry", "fast", "Node", "API", "cache", "logs", "team", "2024"]
)
_PHRASE = st.lists(_WORD, min_size=1, max_size=6).map(" ".join)
_INLINE = st.one_of(
    _PHRASE,
    _PHRASE.map(lambda p: f"**{p}**"),
    _PHRASE.map(lambda p: f"*{p}*"),
    _PHRASE.map(lambda p: f"~~{p}~~"),
    _PHRASE.map(lambda p: f"`{p}`"),
    _PHRASE.map(lambda p: f"[{p}](https://example.com/{p.replace(' ', '-')})"),
    st.sampled_from(
        ["https://dev.to/ada", "(https://github.com/org/repo)", "see https://x.dev/a.", "a_b_c"]
    ),
)
_LINE = st.lists(_INLINE, min_size=1, max_size=4).map(" ".join)


@st.composite
def _list(draw: st.DrawFn) -> str:
    ordered = draw(st.booleans())
    items = draw(st.lists(_LINE, min_size=1, max_size=4))
    out = []
    for n, item in enumerate(items, 1):
        marker = f"{n}. " if ordered else draw(st.sampled_from(["- ", "* "]))
        out.append(marker + item)
        if draw(st.integers(0, 3)) == 0:
            nested = draw(st.lists(_LINE, min_size=1, max_size=3))
            indent = " " * (len(marker) if draw(st.booleans()) else 4)
            out.extend(f"{indent}- {line}" for line in nested)
    loose = draw(st.integers(0, 4)) == 0
    return ("\n\n" if loose else "\n").join(out)


_BLOCK = st.one_of(
    st.lists(_LINE, min_size=1, max_size=3).map("\n".join),  # a paragraph, hard-wrapped
    _list(),
    st.tuples(_LINE, _list()).map("\n".join),  # a list right after a line of text
    st.tuples(st.integers(1, 4), _PHRASE).map(lambda h: "#" * h[0] + " " + h[1]),
    _LINE.map(lambda line: "> " + line),
    st.tuples(st.sampled_from(["", "js", "bash"]), _PHRASE).map(
        lambda f: f"```{f[0]}\n{f[1]}\n```"
    ),
    st.just("| a | b |\n|---|---|\n| 1 | 2 |"),
    st.just("---"),
)
_DOCUMENT = st.lists(_BLOCK, min_size=1, max_size=6).map(lambda blocks: "\n\n".join(blocks) + "\n")


def test_generated_documents_agree_with_redcarpet() -> None:
    """Hypothesis writes 240 DEV-style documents; at least 95% read as Redcarpet reads them."""
    documents: list[str] = []

    @settings(max_examples=240, deadline=None, database=None, phases=[Phase.generate])
    @given(_DOCUMENT)
    def collect(document: str) -> None:
        documents.append(document)

    collect()
    assert len(documents) == 240
    differ = disagreements(documents)
    assert len(differ) / len(documents) <= 0.05, [documents[i] for i in differ]


# --- the proof reads what the page shows -----------------------------------------------------

LIST_AFTER_TEXT = (
    GOOD_FRONT_MATTER
    + "## Plan\n\n"
    + "On day one I would:\n"
    + "- map the critical paths\n"
    + "- read the runbooks\n\n"
    + "    and pair with on-call for a week\n\n"
    + "Plan length: 23 words.\n"
)


def test_words_in_a_list_after_text_are_counted_and_shown_as_prose(tmp_path: Path) -> None:
    config = write_site(tmp_path, {"plan.md": LIST_AFTER_TEXT})
    build_site(config, tmp_path / "site")
    page = html.fromstring((tmp_path / "site/larissacaldwell/plan/index.html").read_bytes())
    body = page.xpath("//article//div[contains(@class,'pp-body')]")
    article = body[0] if body else page
    items = [" ".join(li.text_content().split()) for li in article.xpath(".//ul/li")]
    assert items == [
        "map the critical paths",
        "read the runbooks and pair with on-call for a week",
    ]
    assert article.xpath(".//pre") == []
    # the section's count is those very words (the claim "23 words" passes the build above)
    outline = sections.parse(LIST_AFTER_TEXT.split("---\n", 2)[2])
    plan = outline.sections(2)[0]
    assert words.count_section(outline, plan) == 23


def test_the_outline_reads_code_where_the_page_shows_code() -> None:
    body = "Steps:\n- one\n\n        code in the item\n\n```\nfenced\n```\n1. x\n"
    kinds = [kind.value for kind in sections.parse(body).kinds]
    assert kinds == [
        *("prose", "prose", "blank", "code", "blank"),
        *("code", "code", "code", "prose", "blank"),
    ]
    shown = html.fromstring(f"<div>{page_html(body)}</div>")
    assert [" ".join(pre.text_content().split()) for pre in shown.xpath("//pre")] == [
        "code in the item",
        "fenced",
    ]


def test_each_dialect_reads_the_outline_as_its_page_does() -> None:
    # A fence inside a quote is code on DEV's page; Python-Markdown's page shows it as text.
    body = "> ```\n> quoted code\n> ```\n"
    dev = [kind.value for kind in sections.parse(body).kinds]
    plain = [kind.value for kind in sections.parse(body, dialect="markdown").kinds]
    assert dev == ["code", "code", "code", "blank"]
    assert plain == ["prose", "prose", "prose", "blank"]
    assert "<pre>" in page_html(body)
    assert "<pre>" not in markdown.markdown(body)


def test_headings_come_from_the_same_reading() -> None:
    outline = sections.parse("#Setup\ntext\n- ## not a heading\n> ## nor this\n\n  ## nor this\n")
    assert [(h.level, h.text, h.line, h.column) for h in outline.headings] == [(1, "Setup", 1, 2)]


# --- an imported dev-to-git repository reads on the site as on DEV ---------------------------

RETRIES = """\
---
published: true
title: 'Retries without regret'
description: 'What I check before I retry a call.'
tags: backend, reliability
published_at: 2024-03-01T10:00:00Z
---

Retrying is easy to get wrong. Here is what I check:
- is the call idempotent?
- is there a budget?
  - per request
  - per client
- is there jitter?

1. Measure first
2. Add jitter
  - full jitter
  - equal jitter
3. Cap the attempts

The library is at https://github.com/example/retry-kit (MIT), see www.example.com/retries.

~~Exponential backoff alone~~ is not enough[^1].

| policy | attempts |
|---|---|
| aggressive | 5 |
| gentle | 2 |

# Code

```python
for attempt in range(3):
    call()
```

Thanks for reading!
Ada

[^1]: See the architecture blog.
"""

QUEUES = """\
---
published: true
title: 'Queues I have known'
description: 'Three queues and what they taught me.'
tags: queues
published_at: 2024-04-02T08:30:00Z
---

#The short version
Every queue needs an owner.
> A queue without an owner is a lake.
> It only grows.

#What to watch
Watch these, in this order:
3. depth
4. age of the oldest message
5. dead letters

- 1. Copy the dashboard template
- 2. Set the alert thresholds

Then the loose list:

* Loose item one

* Loose item two

    with a second paragraph

Notes live in (https://example.com/notes) and snake_case_names stay as they are, 2*3*4 too.
Run this:
```bash
make dashboards
```
"""


def test_an_imported_repository_builds_pages_that_read_as_redcarpet_reads_them(
    tmp_path: Path,
) -> None:
    from conftest import run_module

    source = tmp_path / "dev-posts"
    for slug, text in {"retries": RETRIES, "queues": QUEUES}.items():
        (source / "blog-posts" / slug).mkdir(parents=True)
        (source / "blog-posts" / slug / f"{slug}.md").write_text(text, encoding="utf-8")
    site = tmp_path / "site"
    config = write_site(site, {})
    done = run_module(site, "proofpress", "import", str(source), "--author", "larissa")
    assert done.returncode == 0, done.stdout + done.stderr
    build_site(config, tmp_path / "out", strict=True)
    for slug in ("retries", "queues"):
        imported = (site / f"docs/posts/{slug}/{slug}.md").read_text(encoding="utf-8")
        body = imported.split("---\n", 2)[2]
        page = html.fromstring((tmp_path / f"out/larissacaldwell/{slug}/index.html").read_bytes())
        (shown,) = page.xpath('//div[contains(@class, "pp-body")]')
        (theirs,) = redcarpet.render([body])
        mine = redcarpet.structure(html.tostring(shown, encoding="unicode"))
        assert mine == redcarpet.structure(theirs), slug
        assert shown.xpath(".//ul/li")
        assert shown.xpath(".//ol/li")


# --- safety and growth --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Click javascript:alert(1) now",
        "See data:text/html;base64,PHNjcmlwdD4= here",
        "vbscript:msgbox(1) and JAVASCRIPT:alert(1) and file:///etc/passwd",
    ],
)
def test_bare_script_urls_never_become_links(text: str) -> None:
    page = html.fromstring(f"<div>{page_html(text)}</div>")
    assert page.xpath("//a") == []


def test_written_script_links_lose_their_address_as_on_dev() -> None:
    from proofpress.site import sanitize

    text = "[x](javascript:alert(1)) [y](JAVASCRIPT:alert(1)) [z](data:text/html,x) [ok](https://a.dev)"
    page = html.fromstring(sanitize.clean(page_html(text)))
    assert [(a.text, a.get("href")) for a in page.xpath("//a")] == [
        ("x", None),
        ("y", None),
        ("z", None),
        ("ok", "https://a.dev"),
    ]


def _read_and_render(text: str) -> None:
    sections.parse(text)
    page_html(text)


@pytest.mark.parametrize(
    ("name", "make", "n"),
    [
        ("list markers", lambda n: "Text\n" + "- item\n" * n, 2000),
        ("markers on one line", lambda n: "- " * n + "x\n", 2000),
        ("nested lists", lambda n: "".join("  " * (i % 100) + "- x\n" for i in range(n)), 500),
        ("long URL", lambda n: "see https://example.com/" + "a" * (25 * n) + " now\n", 1000),
        ("many URLs", lambda n: "https://example.com/a " * n + "\n", 1000),
        ("dedented paragraphs", lambda n: "- a\n\n  b\n\n" * n, 1000),
    ],
)
def test_reading_grows_linearly(name: str, make, n: int) -> None:  # type: ignore[no-untyped-def]
    assert growth(_read_and_render, make, n) < LINEAR, name


def test_five_hundred_nested_lists_read_without_error() -> None:
    text = "".join("  " * i + "- x\n" for i in range(500))
    outline = sections.parse(text)
    assert len(outline.lines) == 501
    assert "<li>" in page_html(text)
    assert reading.MAX_NESTING < 500


def test_hostile_body_gives_findings_not_a_traceback() -> None:
    post = make_post(*("  " * i + "- x" for i in range(500)))
    ctx = CheckContext(authors={}, authors_path="docs/.authors.yml")
    codes = {d.code for d in check_body(post, ctx)}
    assert "PP801" in codes
    assert Analysis(post).post_words == 500


def falling_runs(n: int) -> str:
    """Paragraphs of backtick runs that never close (each longer than the last), about ``n``
    characters: Python-Markdown's code-span scan was quadratic on them (issue 26, item 6)."""
    paragraphs, size = [], 0
    while size < n:
        runs = "".join("`" * k + "a " for k in range(1, 400))
        paragraphs.append(runs)
        size += len(runs)
    return "\n\n".join(paragraphs) + "\n"


def test_a_check_clean_post_of_unclosed_backtick_runs_builds_in_linear_time(
    tmp_path: Path,
) -> None:
    from conftest import check_posts

    post = GOOD_FRONT_MATTER + falling_runs(160_000)
    assert check_posts(tmp_path / "check", {"p.md": post}) == []
    config = write_site(tmp_path, {})
    target = tmp_path / "docs" / "posts" / "p.md"

    def build(body: str) -> None:
        target.write_text(GOOD_FRONT_MATTER + body, encoding="utf-8")
        build_site(config, tmp_path / "site")

    assert growth(build, falling_runs, 40_000) < LINEAR
    page = (tmp_path / "site/larissacaldwell/p/index.html").read_text(encoding="utf-8")
    assert "<code>" not in page.split('class="pp-body')[1].split("</article>")[0]
