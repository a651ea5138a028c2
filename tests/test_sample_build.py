"""The sample blog builds strictly and its post page carries the seed article."""

from __future__ import annotations

import logging

from conftest import Built

POST = "larissacaldwell/backend-developer-application/"


def test_sample_post_page_holds_title_author_and_letter(sample_site: Built) -> None:
    page = sample_site.page(POST)
    assert page.findtext(".//title") == (
        "A Backend Developer Application Built Around Failure Modes - Proofpress Sample Blog"
    )
    assert "Larissa Caldwell" in page.text_content()
    cover_letter = page.xpath('//h2[@id="cover-letter"]/following-sibling::p[1]')
    assert cover_letter[0].text_content() == "Dear Hiring Manager,"
    assert [p.text_content() for p in page.xpath("//p[. = 'Lucibit']")] == ["Lucibit"]


def test_sample_build_logs_no_warning(sample_site: Built) -> None:
    assert sample_site.messages(logging.WARNING) == []
