"""Prove a change leaves the built sample site byte for byte the same.

    .venv/bin/python scripts/same_site.py [REV]

Builds the sample blog twice, each from a clean copy of its own source: once as committed at REV
(default ``HEAD``) and once as the working tree stands (tracked and untracked files git does not
ignore), each with its own ``src/`` first on the import path, the build date fixed and both
caches off. Then compares the two ``site/`` folders file by file and prints every path that
differs, is missing or is new. Exits 0 when the sites are identical, 1 when they differ.
"""

from __future__ import annotations

import argparse
import filecmp
import io
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def export_revision(rev: str, into: Path) -> None:
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", "--format=tar", rev],
        capture_output=True,
        check=True,
    ).stdout
    into.mkdir(parents=True)
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")


def export_working_tree(into: Path) -> None:
    listed = subprocess.run(
        ["git", "-C", str(ROOT), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        capture_output=True,
        check=True,
    ).stdout
    for name in filter(None, listed.decode().split("\0")):
        source = ROOT / name
        if source.is_file():  # a tracked file deleted in the working tree is gone
            target = into / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)


def build(tree: Path, site: Path) -> None:
    env = {
        **os.environ,
        "PYTHONPATH": str(tree / "src"),
        "SOURCE_DATE_EPOCH": "1767225600",  # 2026-01-01: the sitemap and feeds carry the date
        "PROOFPRESS_CACHE": "off",
        "NO_MKDOCS_2_WARNING": "1",
    }
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site)],
        cwd=tree,
        env=env,
        check=True,
    )


def differences(before: Path, after: Path) -> list[str]:
    found: list[str] = []

    def walk(cmp: filecmp.dircmp[str], prefix: str) -> None:
        found.extend(f"only before: {prefix}{name}" for name in sorted(cmp.left_only))
        found.extend(f"only after: {prefix}{name}" for name in sorted(cmp.right_only))
        _, mismatch, errors = filecmp.cmpfiles(cmp.left, cmp.right, cmp.common_files, shallow=False)
        found.extend(f"differs: {prefix}{name}" for name in sorted(mismatch + errors))
        for name, sub in sorted(cmp.subdirs.items()):
            walk(sub, f"{prefix}{name}/")

    walk(filecmp.dircmp(before, after), "")
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("rev", nargs="?", default="HEAD", help="the revision to compare with")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="same-site-") as work:
        base = Path(work)
        export_revision(args.rev, base / "before")
        export_working_tree(base / "after")
        for side in ("before", "after"):
            build(base / side, base / f"{side}-site")
        found = differences(base / "before-site", base / "after-site")
        count = sum(1 for _ in (base / "after-site").rglob("*") if _.is_file())
    for line in found:
        print(line)
    if found:
        print(f"{len(found)} differences between {args.rev} and the working tree")
        return 1
    print(f"identical: {count} files, {args.rev} and the working tree")
    return 0


if __name__ == "__main__":
    sys.exit(main())
