"""A citizen follows 订阅 in the main menu, picks a tag's feed, and reads it as a page."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .conftest import ARTIFACTS, DESKTOP, PHONE

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_a_citizen_subscribes_to_a_tag_and_the_feed_reads_as_a_page(demo_site, new_page, screenshot, viewport):
    page = new_page(viewport)
    label = "desktop" if viewport is DESKTOP else "phone"
    page.goto(demo_site + "/")
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="订阅").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("订阅")
    expect(page.get_by_role("heading", name="什么是订阅源，怎样订阅")).to_be_visible()
    screenshot(page, f"subscribe-{label}")
    page.get_by_role("link", name="订阅标签“财政预决算”（RSS）").click()

    # A readable page, not raw XML: the note, and each document as a link with its date.
    expect(page.get_by_text("这是一个 RSS 订阅源")).to_be_visible()
    item = page.locator("a.feed-item__title", has_text="徐泾镇人民政府2024年度“三公”经费决算情况说明")
    expect(item).to_be_visible()
    expect(page.get_by_text("2025年8月25日发布 · 徐泾镇人民政府").first).to_be_visible()
    # Chromium cannot take a full-page shot of an XML document: the visible part only.
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"feed-tag-{label}.png"))

    item.click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("“三公”经费决算情况说明")
