"""Regenerate the reference blocks of README.md (front matter, authors, kinds, rule index) and
RULES.md (the rule reference) from the code.

Usage: python scripts/gen_docs.py [--check]
"""

from __future__ import annotations

import sys
from pathlib import Path

from proofpress.commands.reference import update

ROOT = Path(__file__).resolve().parent.parent
GENERATED = [ROOT / "README.md", ROOT / "RULES.md", ROOT / "DIALECT.md"]


def main() -> int:
    stale = []
    for path in GENERATED:
        current = path.read_text(encoding="utf-8")
        fresh = update(current)
        if fresh == current:
            continue
        stale.append(path.name)
        if "--check" not in sys.argv:
            path.write_text(fresh, encoding="utf-8")
    if stale and "--check" in sys.argv:
        print(f"{', '.join(stale)} stale: run python scripts/gen_docs.py", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
