"""A citizen searches from the header box, narrows the results by a facet and opens one."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from .conftest import DESKTOP, PHONE

pytestmark = pytest.mark.browser

SHOTS = Path("/tmp/portal-search-screenshots")
QUERY = "就业"
ORGANISATION = "徐泾镇经济发展办公室"
TITLE = "徐泾镇创业带动就业补贴实施办法"


def shot(page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def search_filter_and_open(page, base_url: str, label: str) -> None:
    page.goto(base_url + "/")
    page.get_by_role("searchbox", name="搜索政策文件", exact=True).fill(QUERY)
    page.get_by_role("searchbox", name="搜索政策文件", exact=True).press("Enter")

    expect(page).to_have_url(re.compile(r"/search/\?q=%E5%B0%B1%E4%B8%9A"))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"搜索“{QUERY}”")
    results = page.locator(".search-hit")
    expect(results.first).to_be_visible()
    total = results.count()
    assert total >= 3
    expect(page.locator(".search-hit__title mark").first).to_have_text(QUERY)
    shot(page, f"search-results-{label}")

    filters = page.locator("details.filters")
    if filters.get_attribute("open") is None:  # folded away on a phone
        filters.locator("summary").click()
    facet = page.get_by_role("region", name="发文机关")
    facet.get_by_role("link", name=re.compile(f"^{ORGANISATION}")).click()

    expect(page).to_have_url(re.compile(r"[?&]organisation="))
    expect(page).to_have_url(re.compile(r"[?&]q=%E5%B0%B1%E4%B8%9A"))
    expect(page.locator(".chip", has_text=f"发文机关：{ORGANISATION}")).to_be_visible()
    expect(results).to_have_count(1)
    assert results.count() < total
    shot(page, f"search-filtered-{label}")

    page.get_by_role("link", name=TITLE).click()

    expect(page.get_by_role("heading", level=1)).to_contain_text(TITLE)
    expect(page).to_have_url(re.compile(r"/documents/\d+/"))
    shot(page, f"search-opened-{label}")


def test_a_citizen_searches_filters_and_opens_a_result_on_a_desktop(demo_site, new_page):
    search_filter_and_open(new_page(DESKTOP), demo_site, "desktop")


def test_a_citizen_searches_filters_and_opens_a_result_on_a_phone(demo_site, new_page):
    page = new_page(PHONE)
    search_filter_and_open(page, demo_site, "phone")

    page.go_back()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_a_search_without_results_explains_itself(demo_site, new_page):
    page = new_page(DESKTOP)
    page.goto(demo_site + "/search/?q=量子计算&doc_type=normative")

    expect(page.get_by_text("没有找到包含“量子计算”的内容。")).to_be_visible()
    expect(page.get_by_text("相关标签：")).to_be_visible()
    shot(page, "search-empty-desktop")
