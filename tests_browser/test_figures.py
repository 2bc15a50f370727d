"""The public data page (政务公开数据) in the browser: a citizen follows the footer link, sees
each chart drawn (a canvas in every chart box) above its table, on a desktop and a phone;
ECharts runs under the site's CSP without a violation; without JavaScript the tables carry
the figures and the chart boxes stay hidden."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from .conftest import DESKTOP, PHONE

pytestmark = pytest.mark.browser

CHARTS = ["documents", "messages", "ratings", "windows", "applications"]
TABLES = ["table-documents", "table-messages", "table-ratings", "table-windows", "table-applications"]


@pytest.fixture
def figures_site(demo_site) -> str:
    for command in ("load_demo_consultations", "load_demo_decisions", "load_demo_applications"):
        call_command(command, stdout=io.StringIO())
    return demo_site


def _watch(page) -> list[str]:
    problems: list[str] = []
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    return problems


@pytest.mark.parametrize("viewport,label", [(DESKTOP, "desktop"), (PHONE, "phone")])
def test_a_citizen_opens_the_data_page_from_the_footer_and_sees_every_chart(
    figures_site, new_page, screenshot, viewport, label
):
    page = new_page(viewport)
    problems = _watch(page)
    page.goto(figures_site + "/")
    page.locator("footer").get_by_role("link", name="政务公开数据").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("政务公开数据")

    for chart in CHARTS:
        box = page.locator(f'[data-chart="{chart}"]')
        expect(box).to_be_visible()
        expect(box.locator("canvas")).to_have_count(1)
        assert box.get_attribute("role") == "img" and "见" in box.get_attribute("aria-label")
        width = box.locator("canvas").evaluate("canvas => canvas.getBoundingClientRect().width")
        assert width > 280, (chart, width)
    for table in TABLES:
        expect(page.locator(f"#{table} caption")).to_be_visible()
    expect(page.locator("#table-applications")).to_contain_text("予以公开")
    screenshot(page, f"figures-{label}")
    assert not problems, problems


def test_without_javascript_the_tables_carry_the_figures(figures_site, browser, screenshot):
    context = browser.new_context(viewport=DESKTOP, locale="zh-CN", java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(figures_site + "/data/")
        for table in TABLES:
            expect(page.locator(f"#{table}")).to_be_visible()
        for chart in CHARTS:
            expect(page.locator(f'[data-chart="{chart}"]')).to_be_hidden()
        screenshot(page, "figures-no-javascript")
    finally:
        context.close()
