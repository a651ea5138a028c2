"""Time a strict build of N synthetic DEV-style posts: Proofpress's site hooks, and optionally
Material's blog plugin on the same posts.

    python scripts/bench.py                       # 100 and 1,000 posts, Proofpress only
    python scripts/bench.py 100 1000 --compare-blog
    python scripts/bench.py 3000 --runs 1
    python scripts/bench.py 1000 --warm           # also: a second build with the cache, and
                                                  # the plain-Python floor, in the same run
    python scripts/bench.py 1000 --serve          # edit -> updated page under mkdocs serve

Each post has about 1,100 words in five sections, 1 to 4 tags from a pool of 30, one of six
authors, and every fifth post belongs to one of 12 series. Each build runs in a fresh child
process (``--child``), which reports its own peak memory; the wall time includes start-up.
Sites are generated under a temporary folder (``--keep DIR`` keeps them there instead).

A cold build starts without Proofpress' cache (``.cache/proofpress/``, deleted first); with
``--warm`` a second build follows with the cache the first one left, and its ``site/`` tree is
compared byte for byte with the cold one (``SOURCE_DATE_EPOCH`` is fixed so feeds match).
``--warm`` also times the plain-Python floor on the same posts: python-frontmatter, then
Python-Markdown (no extensions, one converter reset between posts), then a trivial Jinja
template, written to one file per post.

``--serve`` starts ``mkdocs serve`` on the N-post site, then edits post bodies and titles one at
a time, polling the served pages until each edit shows (the post's page; for a title, also the
home page listing it). It reports the median time from saving the file to the updated page,
then starts a clean server without the cache on the final files and compares the whole folder
each server serves from, byte for byte; then, in the same run, times the same kind of edits
with MkDocs' own rebuild (``PROOFPRESS_PREVIEW=clean``: a clean build on every change).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime, timedelta
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
AUTHORS = ["ada", "brian", "chen", "dana", "emeka", "farah"]
TAGS = [
    "python", "rust", "go", "javascript", "typescript", "webdev", "devops", "docker",
    "kubernetes", "aws", "database", "postgres", "redis", "testing", "security", "career",
    "beginners", "tutorial", "opensource", "linux", "git", "api", "performance", "react",
    "node", "ai", "machinelearning", "architecture", "productivity", "discuss",
]  # fmt: skip
SERIES = [f"Building Things Part {n}" for n in range(1, 13)]
VOCABULARY = [
    "queue", "retry", "backoff", "latency", "request", "handler", "index", "cache", "schema",
    "migration", "deploy", "rollback", "trace", "metric", "log", "alert", "budget", "replica",
    "shard", "lock", "timeout", "contract", "payload", "client", "server", "worker", "job",
    "batch", "stream", "event", "signal", "failure", "recovery", "incident", "runbook",
    "review", "pipeline", "the", "a", "of", "to", "and", "in", "that", "is", "for", "on",
    "with", "as", "it", "be", "this", "by", "are", "or", "from", "at",
]  # fmt: skip
SECTION_TITLES = ["Context", "The problem", "What we tried", "What worked", "Takeaways"]


def post_text(rng: random.Random, number: int, blog: bool) -> tuple[str, str]:
    """(file name, Markdown) of synthetic post ``number``."""
    date = datetime(2020, 1, 1, tzinfo=UTC) + timedelta(hours=7 * number)
    author = AUTHORS[number % len(AUTHORS)]
    tags = rng.sample(TAGS, rng.randint(1, 4))
    title = f"Post {number}: {' '.join(rng.sample(VOCABULARY[:40], 4)).capitalize()}"
    # The excerpt marker after the first paragraph lets the blog plugin show what our cards
    # show (the first paragraph); Proofpress ignores the comment.
    body = [paragraph(rng, 60), "<!-- more -->"]
    for heading in SECTION_TITLES:
        body += [f"## {heading}", paragraph(rng, 110), paragraph(rng, 95)]
    if blog:
        meta = {
            "title": title,
            "description": f"Synthetic post {number} for the benchmark.",
            "date": date.date(),
            "authors": [author],
            "categories": tags[:1],
        }
    else:
        meta = {
            "title": title,
            "description": f"Synthetic post {number} for the benchmark.",
            "date": date.date(),
            "author": author,
            "published": True,
            "tags": tags,
        }
        if number % 5 == 0:
            meta["series"] = SERIES[number % len(SERIES)]
    front = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True)
    return f"post-{number:05d}.md", f"---\n{front}---\n\n" + "\n\n".join(body) + "\n"


def paragraph(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(VOCABULARY) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def write_ours(root: Path, count: int) -> Path:
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    config["hooks"] = [str(REPO / hook) for hook in config["hooks"]]
    config["theme"]["custom_dir"] = str(REPO / config["theme"]["custom_dir"])
    config.pop("watch", None)
    config["site_name"] = f"Bench {count}"
    docs = root / "docs"
    (docs / "posts").mkdir(parents=True)
    (docs / "index.md").write_text("---\ntitle: Home\n---\n\n# Bench\n", encoding="utf-8")
    authors = {
        key: {"name": key.capitalize() + " Writer", "username": key, "bio": "Writes posts."}
        for key in AUTHORS
    }
    (docs / ".authors.yml").write_text(yaml.safe_dump(authors), encoding="utf-8")
    rng = random.Random(count)
    for number in range(count):
        name, text = post_text(rng, number, blog=False)
        (docs / "posts" / name).write_text(text, encoding="utf-8")
    config_file = root / "mkdocs.yml"
    config_file.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return config_file


def write_blog(root: Path, count: int) -> Path:
    config = {
        "site_name": f"Blog bench {count}",
        "site_url": "https://example.org/",
        "strict": True,
        "theme": {"name": "material", "font": False},
        "plugins": ["search", "blog"],
        "nav": [{"Blog": "blog/index.md"}],
    }
    docs = root / "docs"
    (docs / "blog" / "posts").mkdir(parents=True)
    (docs / "blog" / "index.md").write_text("# Blog\n", encoding="utf-8")
    authors = {
        "authors": {
            key: {
                "name": key.capitalize() + " Writer",
                "description": "Writes posts.",
                "avatar": "",
            }
            for key in AUTHORS
        }
    }
    (docs / "blog" / ".authors.yml").write_text(yaml.safe_dump(authors), encoding="utf-8")
    rng = random.Random(count)
    for number in range(count):
        name, text = post_text(rng, number, blog=True)
        (docs / "blog" / "posts" / name).write_text(text, encoding="utf-8")
    config_file = root / "mkdocs.yml"
    config_file.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return config_file


FLOOR_TEMPLATE = (
    "<!doctype html><html><head><title>{{ title }}</title></head>"
    "<body><h1>{{ title }}</h1>{{ body }}</body></html>"
)


def floor_child(config_file: str, out_dir: str) -> None:
    """The plain-Python floor: front matter, Markdown, a trivial template; then peak memory."""
    import frontmatter
    import jinja2
    import markdown

    template = jinja2.Environment(autoescape=False).from_string(FLOOR_TEMPLATE)
    converter = markdown.Markdown()
    out = Path(out_dir)
    for file in sorted((Path(config_file).parent / "docs" / "posts").glob("*.md")):
        post = frontmatter.load(file)
        html = converter.reset().convert(post.content)
        target = out / file.stem / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(template.render(title=post["title"], body=html), encoding="utf-8")
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"peak_mib": peak_kib / 1024}))


def child(config_file: str, site_dir: str) -> None:
    """Build in this process and print its peak memory (MiB) as the last line of stdout."""
    from mkdocs.__main__ import cli

    try:
        cli.main(
            ["build", "--strict", "--quiet", "-f", config_file, "-d", site_dir],
            standalone_mode=False,
        )
    finally:
        peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print(json.dumps({"peak_mib": peak_kib / 1024}))


def timed_build(config_file: Path, site_dir: Path, mode: str = "--child") -> tuple[float, float]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH}
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, __file__, mode, str(config_file), str(site_dir)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    wall = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"build of {config_file} failed:\n{done.stdout}\n{done.stderr}")
    peak = json.loads(done.stdout.strip().splitlines()[-1])["peak_mib"]
    return wall, peak


SOURCE_DATE_EPOCH = "1800000000"  # 2027-01-15: every synthetic post is in the past


def measure(config_file: Path, out: Path, runs: int, *, cold: bool, mode: str = "--child"):
    """Median wall time and peak memory of ``runs`` builds; ``cold`` deletes the cache first."""
    walls, peaks = [], []
    for _ in range(runs):
        if cold:
            shutil.rmtree(config_file.parent / ".cache", ignore_errors=True)
        shutil.rmtree(out, ignore_errors=True)
        wall, peak = timed_build(config_file, out, mode)
        walls.append(wall)
        peaks.append(peak)
    return statistics.median(walls), max(peaks)


def same_tree(a: Path, b: Path) -> bool:
    """Whether two folders hold the same files with the same bytes."""
    files_a = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    return files_a == files_b and all((a / f).read_bytes() == (b / f).read_bytes() for f in files_a)


def bench(
    counts: list[int], runs: int, compare_blog: bool, keep: Path | None, warm: bool = False
) -> list[dict]:
    rows = []
    base = keep or Path(tempfile.mkdtemp(prefix="proofpress-bench-"))
    try:
        for count in counts:
            kinds = [("proofpress", write_ours)] + ([("material blog", write_blog)] * compare_blog)
            for label, writer in kinds:
                root = base / f"{label.replace(' ', '-')}-{count}"
                shutil.rmtree(root, ignore_errors=True)
                config_file = writer(root, count)
                wall, peak = measure(config_file, root / "site", runs, cold=True)
                pages = sum(1 for _ in (root / "site").rglob("*.html"))
                cold_label = f"{label} cold" if warm and label == "proofpress" else label
                rows.append(row_of(count, cold_label, wall, peak, pages))
                print(format_row(rows[-1]), flush=True)
                if not (warm and label == "proofpress"):
                    continue
                shutil.copytree(root / "site", root / "site-cold", dirs_exist_ok=True)
                wall, peak = measure(config_file, root / "site", runs, cold=False)
                rows.append(row_of(count, "proofpress warm", wall, peak, pages))
                rows[-1]["identical_to_cold"] = same_tree(root / "site-cold", root / "site")
                print(format_row(rows[-1]), flush=True)
                wall, peak = measure(config_file, root / "floor", runs, cold=False, mode="--floor")
                rows.append(row_of(count, "plain Python", wall, peak, count))
                print(format_row(rows[-1]), flush=True)
                floor = rows[-1]["wall_s"]
                print(
                    f"posts {count}: cold {rows[-3]['wall_s'] / floor:.2f}x the floor, "
                    f"warm {rows[-2]['wall_s'] / floor:.2f}x; warm site identical to cold: "
                    f"{rows[-2]['identical_to_cold']}",
                    flush=True,
                )
    finally:
        if keep is None:
            shutil.rmtree(base, ignore_errors=True)
    return rows


def row_of(count: int, label: str, wall: float, peak: float, pages: int) -> dict:
    return {"posts": count, "build": label, "wall_s": wall, "peak_mib": peak, "html_pages": pages}


HEADER = f"| {'posts':>6} | {'build':<16} | {'wall (s)':>8} | {'peak MiB':>8} | {'pages':>6} |"


def format_row(row: dict) -> str:
    return (
        f"| {row['posts']:>6} | {row['build']:<16} | {row['wall_s']:>8.1f} | "
        f"{row['peak_mib']:>8.0f} | {row['html_pages']:>6} |"
    )


# --- --serve ----------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Server:
    """``mkdocs serve`` on a site, in a child process, serving from a folder under ``tmp``."""

    def __init__(
        self,
        config_file: Path,
        tmp: Path,
        *,
        cache: bool = True,
        port: int = 0,
        clean: bool = False,
    ) -> None:
        self.port = port or free_port()  # the same port gives the same site_url
        config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
        mount = "/" + (config.get("site_url") or "/").split("://", 1)[-1].partition("/")[2]
        self.base = f"http://127.0.0.1:{self.port}{mount}"
        self.tmp = tmp
        tmp.mkdir(parents=True)
        env = {
            **os.environ,
            "NO_MKDOCS_2_WARNING": "1",
            "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH,
            "TMPDIR": str(tmp),  # mkdocs serve builds into a mkdocs_* folder here
        }
        if not cache:
            env["PROOFPRESS_CACHE"] = "off"
        if clean:
            env["PROOFPRESS_PREVIEW"] = "clean"  # MkDocs' own builder: a clean build each time
        self.log = tempfile.TemporaryFile()  # noqa: SIM115 (closed in stop())
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-f", str(config_file),
             "--dev-addr", f"127.0.0.1:{self.port}"],
            stdout=self.log, stderr=subprocess.STDOUT, env=env, cwd=config_file.parent,
        )  # fmt: skip

    def get(self, path: str) -> bytes | None:
        try:
            with urllib.request.urlopen(self.base + path, timeout=120) as response:
                return strip_livereload(response.read())
        except urllib.error.HTTPError as err:
            return None if err.code == 404 else b"HTTP %d" % err.code
        except OSError:
            return None

    def wait_ready(self, timeout: float = 900) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self.log.seek(0)
                sys.exit("mkdocs serve exited:\n" + self.log.read().decode(errors="replace"))
            if self.get("") is not None:
                return
            time.sleep(0.2)
        sys.exit("mkdocs serve did not start")

    def wait_for(self, path: str, text: str, timeout: float = 120) -> float:
        """Poll ``path`` until it contains ``text``; when it did (perf_counter)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            page = self.get(path)
            if page is not None and text.encode() in page:
                return time.perf_counter()
            time.sleep(0.02)
        sys.exit(f"{path} never showed {text!r}")

    def folder(self) -> dict[str, bytes]:
        """Every file of the folder the server serves, by path."""
        (served,) = [p for p in self.tmp.iterdir() if p.name.startswith("mkdocs_")]
        return {
            p.relative_to(served).as_posix(): p.read_bytes()
            for p in served.rglob("*")
            if p.is_file()
        }

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


def strip_livereload(content: bytes) -> bytes:
    """A served HTML page without the script ``mkdocs serve`` injects before ``</body>``."""
    end = content.rfind(b"</body>")
    start = content.rfind(b"<script>", 0, end) if end != -1 else -1
    if start == -1 or b"livereload" not in content[start:end]:
        return content
    return content[:start] + content[end:]


def time_edits(
    server: Server, posts: Path, count: int, edits: int, first: int
) -> tuple[list, list]:
    """Edit the bodies and titles of the newest posts, one save at a time; the seconds from
    each save to the updated page (for a title, also the home page listing the post)."""
    body_times, title_times = [], []
    for n in range(first, first + edits):
        number = count - 1 - 2 * (n % max(1, count // 2))  # newest posts: on the home page too
        file = posts / f"post-{number:05d}.md"
        author = AUTHORS[number % len(AUTHORS)]
        page = f"{author}/post-{number:05d}/"
        text = file.read_text(encoding="utf-8")
        marker = f"Bodyedit{n}marker"
        head, _, body = text.partition("\n---\n\n")
        saved = time.perf_counter()
        file.write_text(f"{head}\n---\n\n{marker} {body}", encoding="utf-8")
        body_times.append(server.wait_for(page, marker) - saved)
        time.sleep(1.0)
        title = f"Retitled {n} by the benchmark"
        text = file.read_text(encoding="utf-8")
        text = re.sub(r"^title: .*$", f"title: {title}", text, count=1, flags=re.M)
        saved = time.perf_counter()
        file.write_text(text, encoding="utf-8")
        server.wait_for(page, title)
        title_times.append(server.wait_for("", title) - saved)
        print(f"edit {n}: body {body_times[-1]:.2f} s, title {title_times[-1]:.2f} s", flush=True)
        time.sleep(1.0)
    return body_times, title_times


def serve_bench(count: int, edits: int, keep: Path | None) -> dict:
    """The preview (Proofpress' rebuilds of the touched pages), then whole folder against a
    clean server's, then MkDocs' own rebuild (a clean build each change) in the same run."""
    base = keep or Path(tempfile.mkdtemp(prefix="proofpress-serve-"))
    root = base / f"serve-{count}"
    shutil.rmtree(root, ignore_errors=True)
    config_file = write_ours(root, count)
    posts = root / "docs" / "posts"
    server = Server(config_file, root / "tmp-preview")
    try:
        start = time.perf_counter()
        server.wait_ready()
        first = time.perf_counter() - start
        print(f"first build and start: {first:.1f} s", flush=True)
        time.sleep(1.0)
        body_times, title_times = time_edits(server, posts, count, edits, 0)
        served = server.folder()
    finally:
        server.stop()
    clean = Server(config_file, root / "tmp-clean", cache=False, port=server.port)
    try:
        clean.wait_ready()
        expected = clean.folder()
    finally:
        clean.stop()
    differ = sorted(
        name for name in served.keys() | expected.keys() if served.get(name) != expected.get(name)
    )
    print("MkDocs' own rebuild (PROOFPRESS_PREVIEW=clean), the same edits:", flush=True)
    full = Server(config_file, root / "tmp-full", clean=True)
    try:
        full.wait_ready()
        time.sleep(1.0)
        full_body, full_title = time_edits(full, posts, count, edits, edits)
    finally:
        full.stop()
    if keep is None:
        shutil.rmtree(base, ignore_errors=True)
    result = {
        "posts": count,
        "first_build_s": first,
        "body_edit_median_s": statistics.median(body_times),
        "title_edit_median_s": statistics.median(title_times),
        "body_edits_s": body_times,
        "title_edits_s": title_times,
        "full_rebuild_body_median_s": statistics.median(full_body),
        "full_rebuild_title_median_s": statistics.median(full_title),
        "files_compared": len(served.keys() | expected.keys()),
        "files_differing": differ,
    }
    print(
        f"posts {count}: edit -> updated page, median of {edits}: body "
        f"{result['body_edit_median_s']:.2f} s, title {result['title_edit_median_s']:.2f} s "
        f"(MkDocs' own rebuild: body {result['full_rebuild_body_median_s']:.2f} s, title "
        f"{result['full_rebuild_title_median_s']:.2f} s); served folder equal to a clean "
        f"server's: {len(expected) - len(differ)} of {result['files_compared']} files"
        + (f" (differ: {', '.join(differ[:10])})" if differ else ""),
        flush=True,
    )
    return result


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3])
        return
    if len(sys.argv) == 4 and sys.argv[1] == "--floor":
        floor_child(sys.argv[2], sys.argv[3])
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("counts", nargs="*", type=int, default=[100, 1000])
    parser.add_argument("--runs", type=int, default=1, help="builds per size (median is shown)")
    parser.add_argument(
        "--compare-blog", action="store_true", help="also build with Material's blog plugin"
    )
    parser.add_argument(
        "--warm",
        action="store_true",
        help="also a second build with the cache, and the plain-Python floor",
    )
    parser.add_argument(
        "--serve",
        action="store_true",
        help="then time edit -> updated page under mkdocs serve",
    )
    parser.add_argument("--edits", type=int, default=5, help="body and title edits (--serve)")
    parser.add_argument("--keep", type=Path, help="generate the sites here and keep them")
    parser.add_argument("--json", type=Path, help="also write the rows to this file")
    args = parser.parse_args()
    print(HEADER)
    print("|" + "|".join("-" * (len(cell)) for cell in HEADER.split("|")[1:-1]) + "|")
    rows = bench(args.counts, args.runs, args.compare_blog, args.keep, args.warm)
    serving = [serve_bench(count, args.edits, args.keep) for count in args.counts * args.serve]
    if args.json:
        args.json.write_text(json.dumps({"builds": rows, "serve": serving}, indent=2), "utf-8")


if __name__ == "__main__":
    main()
