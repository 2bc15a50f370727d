"""A citizen finds the seed document through the 政务公开 tag and sees that it is in force."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .conftest import DESKTOP, PHONE

pytestmark = pytest.mark.browser

SEED_TITLE = "徐泾镇2023年政务公开工作要点"
SEED_NUMBER = "徐府发〔2023〕32号"


def browse_to_seed_document(page, base_url: str, screenshot, label: str) -> None:
    page.goto(base_url + "/")
    expect(page).to_have_title(re.compile("徐泾镇"))
    screenshot(page, f"home-{label}")

    tags = page.get_by_role("region", name="按标签浏览")
    tags.get_by_role("link", name=re.compile(r"^政务公开")).click()

    expect(page).to_have_url(re.compile(r"/documents/\?.*tag="))
    seed_link = page.get_by_role("link", name=re.compile(SEED_TITLE))
    expect(seed_link.first).to_be_visible()
    # The filter keeps out documents without the tag.
    expect(page.get_by_role("link", name=re.compile("老年人助餐服务管理办法"))).to_have_count(0)
    screenshot(page, f"list-tag-{label}")

    seed_link.first.click()

    expect(page.get_by_role("heading", level=1)).to_contain_text(SEED_TITLE)
    expect(page.locator(".badge", has_text=re.compile(r"^(有效性：)?有效$")).first).to_be_visible()
    expect(page.get_by_text(SEED_NUMBER).first).to_be_visible()
    expect(page.get_by_text("28、逐项抓好任务落地")).to_be_visible()
    screenshot(page, f"detail-seed-{label}")


def test_a_citizen_reaches_the_seed_document_through_a_tag_on_a_desktop(demo_site, new_page, screenshot):
    browse_to_seed_document(new_page(DESKTOP), demo_site, screenshot, "desktop")


def test_a_citizen_reaches_the_seed_document_through_a_tag_on_a_phone(demo_site, new_page, screenshot):
    page = new_page(PHONE)
    browse_to_seed_document(page, demo_site, screenshot, "phone")

    # Nothing on the page is wider than the phone's screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
