"""``proofpress init``: a new blog from the package's starter files, and the upgrade path.

Every file comes from a template in ``proofpress/starter/`` (Jinja with ``[[ ]]``/``[% %]``
delimiters, so GitHub's ``${{ }}`` and Jinja examples pass through untouched). Values reach YAML
only through PyYAML's emitter (the ``yaml`` filter) and Markdown only escaped (the ``markdown``
filter); every argument is validated first, and every problem is reported at once.

Three files are *managed*: the hook files and the Pages workflow. They hold no writer content,
carry a ``# Managed by Proofpress`` first line, and depend only on the installed version, so
``proofpress check`` can tell when they are from another version and ``init --refresh`` can
rewrite them (and nothing else). A writer who removes the first line owns the file from then on.
"""

from __future__ import annotations

import difflib
import html
import unicodedata
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import yaml
from jinja2 import Environment, PackageLoader, StrictUndefined

from proofpress import __version__
from proofpress.core.weburl import is_web_address
from proofpress.records.authors import MAX_USERNAME, USERNAME_RE
from proofpress.records.settings import PROOFPRESS_SCHEMA

MARKER = "# Managed by Proofpress:"
MANAGED: dict[str, str] = {  # target path in the blog -> template in proofpress/starter/
    "hooks/check.py": "hooks/check.py.jinja",
    "hooks/site.py": "hooks/site.py.jinja",
    ".github/workflows/pages.yml": "github/pages.yml",
}
FILES: dict[str, str] = {
    "mkdocs.yml": "mkdocs.yml",
    "README.md": "README.md",
    ".gitignore": "gitignore",
    ".pre-commit-config.yaml": "pre-commit-config.yaml",
    "docs/index.md": "docs/index.md",
    "docs/.authors.yml": "docs/authors.yml",
    "docs/posts/welcome.md": "docs/posts/welcome.md",
    **MANAGED,
}
MAX_NAME = 100  # characters: a site name also titles the welcome post (at most MAX_TITLE)
MAX_BIO = 500
PREVIEW = "http://127.0.0.1:8000"  # where `mkdocs serve` listens by default
REFRESH = "proofpress init --refresh"
# Where pre-commit fetches the proofpress-check hook (.pre-commit-hooks.yaml) from.
REPOSITORY = "https://github.com/proofpress/proofpress"


class InitError(Exception):
    """The blog cannot be written as asked; nothing was written."""


@dataclass(frozen=True)
class Blog:
    name: str
    username: str
    site_name: str
    site_url: str
    bio: str = ""

    @classmethod
    def validated(
        cls, name: str, username: str, site_name: str, site_url: str, bio: str = ""
    ) -> Blog:
        """The arguments checked and normalised; raises InitError listing every problem."""
        problems = _text_problems("--name", name, MAX_NAME, required=True)
        if not USERNAME_RE.match(username):
            problems.append(
                f"--username: 1 to {MAX_USERNAME} letters, digits or underscores, found "
                f"{username!r}"
            )
        problems += _text_problems("--site-name", site_name, MAX_NAME, required=True)
        url, url_problem = _site_url(site_url)
        if url_problem:
            problems.append(url_problem)
        problems += _text_problems("--bio", bio, MAX_BIO, required=False)
        if problems:
            raise InitError("\n".join(problems))
        return cls(name.strip(), username, site_name.strip(), url, bio.strip())

    @property
    def preview_url(self) -> str:
        return PREVIEW + urlsplit(self.site_url).path


def _text_problems(option: str, value: str, limit: int, *, required: bool) -> list[str]:
    text = value.strip()
    if required and not text:
        return [f"{option}: must not be empty"]
    if len(text) > limit:
        return [f"{option}: at most {limit} characters, found {len(text)}"]
    controls = sorted({c for c in text if unicodedata.category(c) in {"Cc", "Zl", "Zp", "Cs"}})
    if controls:
        shown = ", ".join(f"U+{ord(c):04X}" for c in controls)
        return [f"{option}: one line of text without control characters, found {shown}"]
    return []


def _site_url(value: str) -> tuple[str, str | None]:
    problem = f"--site-url: an https address such as https://you.github.io/blog/, found {value!r}"
    try:
        parts = urlsplit(value.strip())
        parts.port  # noqa: B018 (raises ValueError on a bad port)
    except ValueError:
        return "", problem
    bad_chars = any(c.isspace() or unicodedata.category(c)[0] == "C" for c in value.strip())
    if (
        parts.scheme != "https"
        or not is_web_address(value.strip(), ("https",))
        or parts.username is not None
        or parts.query
        or parts.fragment
        or bad_chars
    ):
        return "", problem
    path = parts.path if parts.path.endswith("/") else parts.path + "/"
    return urlunsplit(("https", parts.netloc, path, "", "")), None


# --- rendering ---------------------------------------------------------------------------------


def _yaml(value: Any) -> str:
    """One YAML scalar, written by PyYAML's emitter (quoted whenever plain text would change)."""
    text: str = yaml.safe_dump(
        value, default_flow_style=True, allow_unicode=True, width=float("inf")
    )
    text = text.removesuffix("\n").removesuffix("\n...")
    if "\n" in text:
        raise InitError(f"cannot write {value!r} on one YAML line")
    return text


# Python-Markdown's backslash escapes (Markdown.ESCAPED_CHARS); <, > and & become entities.
_MARKDOWN_SPECIAL = set("\\`*_{}[]()#+-.!")


def _markdown(value: str) -> str:
    """Text shown literally by Markdown: HTML entities, backslash-escaped punctuation."""
    escaped = html.escape(value, quote=False)
    return "".join(f"\\{c}" if c in _MARKDOWN_SPECIAL else c for c in escaped)


_env = Environment(
    loader=PackageLoader("proofpress", "starter"),
    undefined=StrictUndefined,
    autoescape=False,  # each value goes through the filter its file format needs
    keep_trailing_newline=True,
    trim_blocks=True,
    lstrip_blocks=True,
    block_start_string="[%",
    block_end_string="%]",
    variable_start_string="[[",
    variable_end_string="]]",
    comment_start_string="[#",
    comment_end_string="#]",
)
_env.filters["yaml"] = _yaml
_env.filters["markdown"] = _markdown


def render(blog: Blog, today: date) -> dict[str, str]:
    """Every file ``init`` writes, by path in the blog."""
    values: Mapping[str, Any] = {
        **asdict(blog),
        "preview_url": blog.preview_url,
        "settings": PROOFPRESS_SCHEMA.fields,
        "today": today,
        "version": __version__,
        "repository": REPOSITORY,
    }
    return {target: _env.get_template(name).render(values) for target, name in FILES.items()}


def render_managed() -> dict[str, str]:
    """The managed files as this version writes them (they depend on nothing else)."""
    return {
        target: _env.get_template(name).render(version=__version__)
        for target, name in MANAGED.items()
    }


# --- writing -----------------------------------------------------------------------------------


def create(root: Path, blog: Blog, today: date) -> list[Path]:
    """Write a new blog into ``root``; never replaces a file (refuses before writing anything)."""
    if root.exists() and not root.is_dir():
        raise InitError(f"{root} is a file, not a folder; nothing was written")
    files = render(blog, today)
    present = [target for target in files if _taken(root, target)]
    if present:
        raise InitError(
            f"{root} already holds {', '.join(present)}; nothing was written "
            f"(init never overwrites a file; '{REFRESH}' updates an existing blog's managed files)"
        )
    written: list[Path] = []
    for target, text in files.items():
        path = root / target
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("x", encoding="utf-8", newline="\n") as out:  # "x": never overwrite
                out.write(text)
        except OSError as err:
            done = ", ".join(p.relative_to(root).as_posix() for p in written) or "nothing"
            raise InitError(
                f"cannot write {path}: {err.strerror}; written before it: {done}"
            ) from None
        written.append(path)
    return written


def _taken(root: Path, target: str) -> bool:
    """True when ``target`` exists, or a folder on its way is a file: init would not write it."""
    path = root / target
    if path.exists() or path.is_symlink():
        return True
    return any(parent.exists() and not parent.is_dir() for parent in path.parents)


def next_commands(root: Path, blog: Blog) -> list[str]:
    """The three commands that follow ``init``: go there, preview, commit."""
    import shlex

    in_git = any((folder / ".git").exists() for folder in [root.resolve(), *root.resolve().parents])
    commit = 'git add . && git commit -m "Start the blog with proofpress init"'
    return [
        f"cd {shlex.quote(str(root))}",
        f"mkdocs serve    # preview at {blog.preview_url}",
        commit if in_git else f"git init && {commit}",
    ]


def _normalised(text: str) -> str:
    return text.replace("\r\n", "\n")


def stale_managed(root: Path) -> list[str]:
    """Managed files (still carrying the marker line) that differ from this version's."""
    stale = []
    for target, text in render_managed().items():
        try:
            current = _normalised((root / target).read_text(encoding="utf-8", errors="replace"))
        except OSError:  # absent or unreadable: nothing to say about it
            continue
        if current.startswith(MARKER) and current != text:
            stale.append(target)
    return stale


def notices(root: Path) -> list[str]:
    """What ``proofpress check`` says about managed files from another version."""
    return [
        f"{target}: differs from what proofpress {__version__} writes; run '{REFRESH}' to "
        "update the managed files (hooks/*.py and the workflow; posts and settings are not touched)"
        for target in stale_managed(root)
    ]


@dataclass(frozen=True)
class Refreshed:
    target: str
    status: str  # "created", "updated", "unchanged" or "kept" (the writer removed the marker)
    diff: str = ""


def refresh(root: Path) -> list[Refreshed]:
    """Rewrite the managed files of the blog in ``root``; never touches any other file."""
    if not (root / "mkdocs.yml").is_file():
        raise InitError(f"{root} has no mkdocs.yml: not a blog; nothing was written")
    try:
        return [
            _refresh_one(root / target, target, text) for target, text in render_managed().items()
        ]
    except OSError as err:
        raise InitError(f"cannot refresh {err.filename}: {err.strerror}") from None


def _refresh_one(path: Path, target: str, text: str) -> Refreshed:
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
        return Refreshed(target, "created")
    current = _normalised(path.read_text(encoding="utf-8", errors="replace"))
    if current == text:
        return Refreshed(target, "unchanged")
    if not current.startswith(MARKER):
        return Refreshed(target, "kept")
    diff = difflib.unified_diff(
        current.splitlines(keepends=True),
        text.splitlines(keepends=True),
        f"a/{target}",
        f"b/{target}",
    )
    path.write_text(text, encoding="utf-8", newline="\n")
    return Refreshed(target, "updated", "".join(diff))
