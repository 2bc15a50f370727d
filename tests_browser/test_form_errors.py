"""After a failed submit the keyboard and screen-reader user lands on the error summary,
the title starts with 错误：, and the message textarea's focus ring is every field's."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def _ring(page, selector: str) -> dict:
    page.focus(selector)
    return page.eval_on_selector(
        selector,
        "el => { const s = getComputedStyle(el);"
        " return {outline: s.outlineStyle + ' ' + s.outlineWidth + ' ' + s.outlineColor, shadow: s.boxShadow}; }",
    )


def test_a_failed_message_moves_focus_to_the_error_summary(demo_site, new_page, settings):
    settings.CONSULTATION_MIN_FILL_SECONDS = 0
    cache.clear()
    page = new_page()
    page.goto(demo_site + "/consultations/")
    page.keyboard.press("Tab")  # keyboard use, so :focus-visible applies to what is focused
    text_ring = _ring(page, "#id_title")
    textarea_ring = _ring(page, "#id_question")
    assert textarea_ring == text_ring
    assert "solid 3px" in textarea_ring["outline"]

    page.get_by_role("button", name="提交留言").click()

    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(page).to_have_title(re.compile(r"^错误："))
    question = page.locator("#id_question")
    described = question.get_attribute("aria-describedby") or ""
    assert "id_question_error" in described.split()
    expect(page.locator("#id_question_error")).not_to_be_empty()
