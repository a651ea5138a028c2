"""``proofpress new`` and the python-frontmatter handler that reads like the checker."""

from __future__ import annotations

from pathlib import Path

import frontmatter
import pytest
from click.testing import Result
from conftest import run_cli, write_site

from proofpress.reading.frontmatter_handler import ProofpressHandler
from proofpress.reading.yamlsafe import YamlProblem
from proofpress.records.kinds import KINDS


def proofpress(site: Path, *args: str) -> Result:
    return run_cli(site, *args)


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_new_post_of_every_kind_passes_every_check(tmp_path: Path, kind: str) -> None:
    write_site(tmp_path, {})
    made = proofpress(tmp_path, "new", "Hello Kind", "--author", "larissa", "--kind", kind)
    assert made.exit_code == 0, made.stderr
    assert (
        made.stdout
        == "created docs/posts/hello-kind.md (a draft: set published: true to publish)\n"
    )
    assert made.stderr == ""
    checked = proofpress(tmp_path, "check")
    assert (checked.exit_code, checked.stdout) == (0, "")
    post = frontmatter.load(tmp_path / "docs/posts/hello-kind.md", handler=ProofpressHandler())
    assert post["published"] is False
    assert post["author"] == "larissa"


def test_new_never_overwrites(tmp_path: Path) -> None:
    write_site(tmp_path, {"taken.md": "my precious words\n"})
    made = proofpress(tmp_path, "new", "Taken", "--author", "larissa")
    assert made.exit_code == 2
    assert "docs/posts/taken.md already exists; it was left as it is" in made.stderr
    assert (tmp_path / "docs/posts/taken.md").read_text() == "my precious words\n"


def test_new_refuses_unknown_author_kind_and_bad_tags(tmp_path: Path) -> None:
    write_site(tmp_path, {})
    author = proofpress(tmp_path, "new", "A", "--author", "larisa")
    assert "unknown author 'larisa' (registered: larissa)" in author.stderr
    kind = proofpress(tmp_path, "new", "A", "--author", "larissa", "--kind", "essay")
    assert "unknown kind 'essay'; expected one of: article, application-package" in kind.stderr
    tags = proofpress(tmp_path, "new", "A", "--author", "larissa", "--tags", "Node.js")
    assert "tags: tag 'Node.js' must be lowercase" in tags.stderr
    assert {author.exit_code, kind.exit_code, tags.exit_code} == {2}
    assert not list((tmp_path / "docs/posts").iterdir())


def test_handler_splits_like_mkdocs_and_loads_strictly() -> None:
    handler = ProofpressHandler()
    post = frontmatter.loads("\ufeff---\r\ntitle: T\r\n...\r\n\r\nBody\r\n", handler=handler)
    assert (post.metadata, post.content) == ({"title": "T"}, "Body")
    with pytest.raises(YamlProblem, match="anchors and aliases"):
        frontmatter.loads("---\na: &a 1\nb: *a\n---\nx\n", handler=handler)
    unfenced = frontmatter.loads("----\ntitle: T\n----\nx\n", handler=handler)
    assert (unfenced.metadata, unfenced.content) == ({}, "----\ntitle: T\n----\nx")
