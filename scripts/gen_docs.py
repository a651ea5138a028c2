"""Regenerate the README's reference blocks (front matter, authors, rules) from the code.

Usage: python scripts/gen_docs.py [--check]
"""

from __future__ import annotations

import sys
from pathlib import Path

from proofpress.reference import update

README = Path(__file__).resolve().parent.parent / "README.md"


def main() -> int:
    current = README.read_text(encoding="utf-8")
    fresh = update(current)
    if "--check" in sys.argv:
        if fresh != current:
            print("README.md is stale: run python scripts/gen_docs.py", file=sys.stderr)
            return 1
        return 0
    README.write_text(fresh, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
