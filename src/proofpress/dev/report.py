"""What ``import`` and ``publish-dev`` print: lines that fit the terminal, progress only on one.

``import`` prints one short line per post as it is done (its result, where it went, what it
took), then a summary: posts by result, images by where they came from, the command that would
fetch the images left on other hosts. ``--verbose`` adds, under each post, its date and every
note and image reference. No line is wider than the terminal (``COLUMNS``, else the terminal
stdout is): a long line is wrapped, or a post's short line cut with an ellipsis, since
``--verbose`` holds the rest. In a log, where there is no terminal, every line stays whole, to
be searched and copied.

On a terminal, a transient line on stderr says how far a long run is and what it waits for
(DEV's rate limit); in a log (stderr not a terminal) nothing of it is written.
"""

from __future__ import annotations

import os
import shlex
import sys
import textwrap
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TextIO

from proofpress.dev.importer import Outcome

INDENT = "    "
RESULTS = ("imported", "would import", "unchanged", "skipped")  # an Outcome's status, in order


def width() -> int | None:
    """The terminal's width: ``COLUMNS``, else stdout's terminal; None in a log."""
    given = os.environ.get("COLUMNS", "")
    if given.isdigit():
        return max(40, int(given))
    try:
        return max(40, os.get_terminal_size(sys.stdout.fileno()).columns)
    except (AttributeError, ValueError, OSError):  # not a terminal (a pipe, a test's buffer)
        return None


def wrap(text: str, columns: int | None, indent: str = "") -> list[str]:
    """``text`` in lines of at most ``columns``, continued under ``indent`` + two spaces
    (None: one line)."""
    if columns is None or len(indent + text) <= columns:
        return [indent + text]
    return textwrap.wrap(
        text,
        columns,
        initial_indent=indent,
        subsequent_indent=indent + "  ",
        break_on_hyphens=False,
    ) or [indent]


def cut(text: str, columns: int | None) -> str:
    if columns is None or len(text) <= columns:
        return text
    return text[: columns - 1].rstrip() + "…"


def post_line(outcome: Outcome, columns: int | None, *, verbose: bool = False) -> str:
    """The post's one line: its result, where it went (or came from), and what it took or
    (without ``verbose``, whose lines under it say it whole) why it was skipped."""
    where = outcome.target or outcome.origin
    if outcome.status == "skipped":
        brief = outcome.notes[0] if outcome.notes and not verbose else ""
    else:
        brief = ", ".join(_files(outcome))
    head = f"{outcome.status:<12} "
    tail = f"  {brief}" if brief else ""
    if columns is not None:
        room = columns - len(head)
        if len(tail) > room // 3:  # a long brief (a reason) gets what the place leaves
            left = room - len(where) - 2
            tail = "  " + cut(brief, left) if left >= 10 else ""
        if len(where) + len(tail) > room:  # keep the place's end: the file's name
            where = "…" + where[len(where) + len(tail) - room + 1 :]
    return head + where + tail


def post_details(outcome: Outcome, columns: int | None) -> list[str]:
    """Everything else ``--verbose`` shows under the post's line."""
    details: list[str] = [f"source: {outcome.origin}"] if outcome.target else []
    if outcome.date:
        details.append(f"date {outcome.date} (from {outcome.date_source})")
    if outcome.status != "skipped" and outcome.relevelled:
        details.append(f"{outcome.relevelled} heading(s) re-levelled")
    details += outcome.notes
    if outcome.status != "skipped":
        details += [f"from the checkout: {url} -> {ref}" for url, ref in outcome.from_checkout]
        details += [f"downloaded: {url} -> {ref}" for url, ref in outcome.downloaded]
        details += [f"remote: {url}" for url in outcome.remote]
    return [line for detail in details for line in wrap(detail, columns, INDENT)]


def _files(outcome: Outcome) -> list[str]:
    counts = (
        (outcome.copied, "copied"),
        (len(outcome.from_checkout), "from the checkout"),
        (len(outcome.downloaded), "downloaded"),
        (len(outcome.remote), "remote"),
    )
    return [f"{number} {what}" for number, what in counts if number]


def totals(
    outcomes: Sequence[Outcome], retry: Sequence[str], columns: int | None, *, verbose: bool
) -> list[str]:
    """The summary after the posts: by result, by image source, and what to run next.
    ``retry``: the import's own command line, to fetch the images left on other hosts."""
    results = Counter(outcome.status for outcome in outcomes)
    posts = ", ".join(f"{results[status]} {status}" for status in RESULTS if results[status])
    lines = [f"Posts: {posts or 'none'}."]
    images = {
        "copied from the source": sum(o.copied for o in outcomes),
        "from the checkout": sum(len(o.from_checkout) for o in outcomes),
        "downloaded": sum(len(o.downloaded) for o in outcomes),
        "left on other hosts": sum(len(o.remote) for o in outcomes if o.status != "skipped"),
    }
    if any(images.values()):
        counted = ", ".join(f"{count} {where}" for where, count in images.items() if count)
        lines.append(f"Images: {counted}.")
    if images["left on other hosts"] and "--localize-images" not in retry:
        command = shlex.join([*retry, "--localize-images"])
        lines.append(f"An import with --localize-images downloads them: {command}")
    if not verbose and any(post_details(o, None) for o in outcomes):
        lines.append("--verbose shows each post's date, notes and every image.")
    return [line for text in lines for line in wrap(text, columns)]


class Progress:
    """A transient status line on a terminal (stderr); nothing at all in a log."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.live = self.stream.isatty()
        self.shown = False

    def show(self, text: str) -> None:
        if self.live:
            self.stream.write("\r\x1b[K" + cut(text, (width() or 80) - 1))
            self.stream.flush()
            self.shown = True

    def clear(self) -> None:
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.shown = False

    def waiting(self, sleep: Callable[[float], None]) -> Callable[[float], None]:
        """``sleep``, saying on the terminal what it waits for while it waits."""

        def wait(seconds: float) -> None:
            if seconds >= 1:
                self.show(f"waiting {seconds:.0f} s for DEV's rate limit…")
            sleep(seconds)
            self.clear()

        return wait


def echo_fitted(echo: Callable[[str], None], columns: int | None) -> Callable[[str], None]:
    """``echo`` with every line wrapped to ``columns`` (None: as it is)."""
    if columns is None:
        return echo

    def fitted(text: str) -> None:
        for line in text.split("\n"):
            for part in wrap(line, columns):
                echo(part)

    return fitted


def command_line(sources: Iterable[Path], author: str, *, from_api: bool) -> list[str]:
    """The import's command line, as a writer would type it again."""
    words = ["proofpress", "import", *(str(source) for source in sources), "--author", author]
    return [*words, "--from-api"] if from_api else words
