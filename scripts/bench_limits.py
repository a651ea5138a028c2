"""Measure the renderer pathologies behind the limits (PP801-PP811) and the check's growth.

Usage: python scripts/bench_limits.py [--quick] [--build]

For each construct, render it with Python-Markdown configured as mkdocs.yml configures it
(MkDocs' default toc/tables/fenced_code plus pymdownx highlight, superfences, inlinehilite) at
growing sizes, and print the best of two runs (or the exception it dies with); for inline
items in one paragraph (PP811), also the time per item, which stays flat while the build is
linear. Then time the check's scans (words, claims, limits, Liquid tags) at n and 4n on hostile
bodies and print the growth ratio (about 4 means linear). Numbers quoted in the rules' ``why``
and RULES.md's Limits section come from this script on a 2-core machine.

``--build`` also checks and builds (a real ``mkdocs build`` in a fresh site) one post per limit
that holds the construct exactly at its limit, at about 500 KB and then 1 MB: the check
passes both, and the build time grows about 2x (linear), never past a few seconds.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable

import markdown

from proofpress.body import claims, limits, liquid, words
from proofpress.dialect.extension import DevDialect
from proofpress.reading import sections

EXTENSIONS = [
    "toc",
    "tables",
    "fenced_code",
    "pymdownx.highlight",
    "pymdownx.superfences",
    "pymdownx.inlinehilite",
]
CONFIGS = {"toc": {"permalink": True}, "pymdownx.highlight": {"anchor_linenums": False}}

RENDER: dict[str, Callable[[int], str]] = {
    "nested list (PP801)": lambda n: "".join("    " * i + "- x\n" for i in range(n)),
    "nested quote (PP802)": lambda n: ">" * n + " x\n",
    "nested [ (PP803)": lambda n: "[" * n + "x" + "]" * n + "\n",
    "unclosed [ (PP804)": lambda n: "[a " * n + "\n",
    "nested <div> (PP805)": lambda n: "<div>" * n + "x" + "</div>" * n + "\n",
    "unclosed <b (PP806)": lambda n: "a <b x\n\n" * n,
    "nested * (PP807)": lambda n: "*" * n + "x" + "*" * n + "\n",
    "headings (PP808)": lambda n: "".join(f"## h{i}\n\ntext\n\n" for i in range(n)),
    "setext headings (PP808)": lambda n: ("word " * 200 + "\n---\n") * n,
    "paragraphs (PP809)": lambda n: "x\n\n" * (40 * n),
    "horizontal rules (PP810)": lambda n: "***\n" * (10 * n),
}

# One paragraph of n inline items (PP811). Measured 2026-12-04, 2-core machine, seconds and
# microseconds per item at 1,000 / 4,000 / 16,000 / 64,000 items: escapes 0.007 s 7 µs /
# 0.031 s 8 µs / 0.22 s 14 µs / 16.7 s 261 µs; code spans 29 / 33 / 35 / 85 µs (64,000: 5.4 s);
# links 26 / 28 / 46 / 99 µs (6.3 s); emoji 9 / 12 / 25 / 98 µs (6.2 s); entities 12 / 12 / 22
# / 99 µs (6.4 s); inline tags 55 / 39 / 140 µs at 16,000 (2.2 s). Flat up to about 4,000
# items, then climbing: the limit is 1,000.
INLINE: dict[str, str] = {
    "escapes (PP811)": "\\* ",
    "code spans (PP811)": "`a` ",
    "links (PP811)": "[a](b) ",
    "emoji (PP811)": ":wave: ",
    "entities (PP811)": "&amp; ",
    "inline tags (PP811)": "<b>a</b> ",
    "plain words": "word ",
}

GROWTH: dict[str, Callable[[int], str]] = {
    "backtick runs": lambda n: "".join("`" * (i % 40 + 1) + "a " for i in range(n)),
    "unclosed image targets": lambda n: "![a](" * n,
    "unclosed <script": lambda n: "<script " * n,
    "a.a.a (URL schemes)": lambda n: "a." * n,
    "long closing # run": lambda n: "## " + "#" * n + "x",
    "numbers in one sentence": lambda n: "1 words, " * n,
    "unclosed {% tags": lambda n: "{% a " * n,
    "katex never ended": lambda n: "{% katex %} x " * n,
    "emoji aliases": lambda n: ":wave::" * n,
    "details tags": lambda n: "{% details Summary %} text {% enddetails %} " * n,
    "falling backtick runs": lambda n: "".join(
        "`" * k + " x " for k in range(int((2 * n) ** 0.5), 1, -1)
    ),
    "escapes in one paragraph": lambda n: "\\* " * n,
    "code spans in one paragraph": lambda n: "`a` " * n,
    "emoji in one paragraph": lambda n: ":wave: " * n,
}


def render(text: str) -> None:
    markdown.Markdown(extensions=EXTENSIONS, extension_configs=CONFIGS).convert(text)


def render_dev(text: str) -> None:
    """As the site renders a post: mkdocs.yml's extensions and DEV's dialect (emoji...)."""
    extensions = [*EXTENSIONS, DevDialect()]
    markdown.Markdown(extensions=extensions, extension_configs=CONFIGS).convert(text)


def best(function: Callable[[str], object], text: str, repeats: int = 2) -> float:
    fastest = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        function(text)
        fastest = min(fastest, time.perf_counter() - started)
    return fastest


def count_and_claims(text: str) -> None:
    """The check's scans of a body: words, claims, limits and Liquid tags."""
    if hasattr(sections.parse, "cache_clear"):
        sections.parse.cache_clear()
    outline = sections.parse(text)
    words.count_post(outline)
    claims.find_claims(outline, ["Cover Letter", "Final Notes"])
    limits.scan(outline)
    liquid.scan(text, outline)


LINE = "The quick brown fox jumps over the lazy dog. " * 20 + "\n"  # 900 characters


def _fill(block: str, size: int) -> str:
    return block * max(1, size // len(block))


def _spread(parts: list[str], size: int) -> str:
    """``parts`` with lines of prose spread evenly after them (no blank line added), ``size``
    characters in all."""
    lines = max(0, size - sum(map(len, parts))) // len(LINE)
    count = len(parts)
    return "".join(
        part + LINE * (lines * (i + 1) // count - lines * i // count)
        for i, part in enumerate(parts)
    )


# A post holding one construct at its limit, ``size`` characters long. Per-paragraph and
# nesting limits repeat the construct; per-post limits hold it once and fill with prose in
# the same block (the worst case: every split re-reads the rest of the block).
AT_LIMIT: dict[str, Callable[[int], str]] = {
    "lists 10 deep": lambda n: _fill("".join("    " * i + "- item\n" for i in range(10)) + "\n", n),
    "quotes 10 deep": lambda n: _fill((">" * 10 + " quoted line\n") * 10 + "\n", n),
    "[ 10 deep": lambda n: _fill(("[" * 10 + "x" + "]" * 10 + " text ") * 10 + "\n\n", n),
    "10 unclosed [, one paragraph": lambda n: "[a " * 10 + "word " * (n // 5),
    "<div> 32 deep": lambda n: _fill("<div>" * 32 + "x" + "</div>" * 32 + "\n\n", n),
    "* runs of 20": lambda n: _fill(("*" * 20 + "x" + "*" * 20 + " text ") * 10 + "\n\n", n),
    "500 headings, one block": lambda n: _spread([f"## Part {i}\n" for i in range(500)], n),
    "500 setext headings, one block": lambda n: _spread(
        [f"Part {i}\n---\n" for i in range(500)], n
    ),
    "100 rules, one block": lambda n: "Start.\n" + _spread(["***\n"] * 100, n),
    "10,000 blank lines": lambda n: _spread(["Line.\n\n"] * 9_990, n),
    "10 unclosed <b at the end": lambda n: _fill(LINE, n) + "\n" + "a <b x\n\n" * 10,
    "5,000 code spans, 1,000 a paragraph": lambda n: _spread(["\n" + "`a` " * 1000 + "\n"] * 5, n),
    "1,000 items, one paragraph": lambda n: _spread([":wave: `a` [a](b) &amp; \\* "] * 200, n),
    "plain prose": lambda n: _fill(LINE + "\n", n),
}


def build_times() -> None:
    import subprocess
    import tempfile
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
    from conftest import GOOD_FRONT_MATTER, write_site  # the test suite's fixture site

    from proofpress.check.engine import check_site
    from proofpress.hooks.config import load_site_config

    print("\nA post at the limits, checked then built (mkdocs build, whole site): seconds")
    for name, make in AT_LIMIT.items():
        cells = []
        for size in (500_000, 1_000_000):
            body = make(size)
            with tempfile.TemporaryDirectory() as folder:
                root = Path(folder)
                config = write_site(root, {"p.md": GOOD_FRONT_MATTER + body})
                started = time.perf_counter()
                found = check_site(load_site_config(config)).diagnostics
                checked = time.perf_counter() - started
                started = time.perf_counter()
                built = subprocess.run(
                    [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(root / "site")],
                    cwd=root,
                    capture_output=True,
                    text=True,
                    check=False,
                )
                seconds = time.perf_counter() - started
                state = "ok" if built.returncode == 0 and not found else "FAILED"
                codes = ",".join(sorted({d.code for d in found}))
                size_kb = len(body) // 1000
                cells.append(
                    f"{size_kb} KB: check {checked:.2f} build {seconds:.2f} {state}{codes}"
                )
        print(f"  {name:32} " + "  ".join(cells), flush=True)


def main() -> int:
    quick = "--quick" in sys.argv
    sys.setrecursionlimit(1000)  # Python's default, as under mkdocs build
    sizes = (10, 100, 400) if quick else (10, 100, 400, 1000, 4000)
    print("Python-Markdown as mkdocs.yml configures it: seconds (best of 2)")
    for name, make in RENDER.items():
        cells = []
        for n in sizes:
            try:
                seconds = best(render, make(n))
                cells.append(f"{n}: {seconds:.3f}")
                if seconds > 5:
                    break
            except RecursionError:
                cells.append(f"{n}: RecursionError")
                break
        print(f"  {name:24} " + "  ".join(cells))
    print("\nInline items in one paragraph, as the site renders: seconds, microseconds per item")
    for name, unit in INLINE.items():
        cells = []
        for n in (1_000, 4_000) if quick else (1_000, 4_000, 16_000, 64_000):
            seconds = best(render_dev, unit * n + "\n", 1)
            cells.append(f"{n}: {seconds:.3f} {seconds / n * 1e6:.0f}us")
        print(f"  {name:24} " + "  ".join(cells), flush=True)
    n = 2_000 if quick else 25_000
    print(f"\nThe check's scans: seconds at n={n:,} and 4n, ratio (4 = linear)")
    for name, make in GROWTH.items():
        small = best(count_and_claims, make(n), 3)
        large = best(count_and_claims, make(4 * n), 3)
        print(f"  {name:24} {small:.3f}  {large:.3f}  x{large / max(small, 1e-9):.1f}")
    if "--build" in sys.argv:
        build_times()
    return 0


if __name__ == "__main__":
    sys.exit(main())
