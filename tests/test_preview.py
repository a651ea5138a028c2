"""``mkdocs serve`` shows a post's findings at the top of its preview instead of stopping."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import yaml
from conftest import GOOD_FRONT_MATTER, Preview, write_site
from lxml import html

FALSE_CLAIM = GOOD_FRONT_MATTER + (
    "## Summary\n\nThree short words.\n\n## Notes\n\nSummary length: 5 words.\n"
)


def test_serve_shows_findings_on_the_previewed_page(tmp_path: Path) -> None:
    config = write_site(tmp_path, {"claims.md": FALSE_CLAIM})
    mount = urlsplit(yaml.safe_load(config.read_text())["site_url"]).path  # serve mounts here
    with Preview(tmp_path) as preview:
        page = html.fromstring(preview.get(f"{mount}{PREVIEW_PATH}"))
    output = preview.output
    banner = page.xpath('//div[contains(@class, "pp-findings")]')
    assert len(banner) == 1
    items = [" ".join(li.text_content().split()) for li in banner[0].xpath(".//li")]
    assert items == [
        "docs/posts/claims.md:16:17 PP403 claim says Summary has 5 words; counted 3 "
        "Hint: write 3, or change the text to match the claim"
    ]
    assert "docs/posts/claims.md:16:17: PP403" in output
    assert "Traceback" not in output


PREVIEW_PATH = "larissacaldwell/claims/"
