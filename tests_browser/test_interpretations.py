"""A citizen opens a policy, finds its interpretation in the 解读 panel and reads
the 办事指引 (how to apply), on a desktop and on a phone."""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from .conftest import DESKTOP, PHONE

pytestmark = pytest.mark.browser

POLICY = "徐泾镇老年人助餐服务管理办法"
INTERPRETATION = "《徐泾镇老年人助餐服务管理办法》解读"


@pytest.fixture
def site(demo_site) -> str:
    call_command("load_demo_interpretations", stdout=io.StringIO())
    return demo_site


def read_how_to_apply(page, base_url: str, screenshot, label: str) -> None:
    page.goto(base_url + "/documents/normative/")
    page.get_by_role("link", name=re.compile(POLICY)).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(POLICY)

    panel = page.get_by_role("region", name=re.compile("^解读"))
    expect(panel).to_be_visible()
    screenshot(page, f"interpretation-panel-{label}")
    panel.get_by_role("link", name=INTERPRETATION).click()

    expect(page.get_by_role("heading", level=1)).to_have_text(INTERPRETATION)
    how_to_apply = page.get_by_role("region", name=re.compile("办事指引"))
    expect(how_to_apply).to_be_visible()
    expect(how_to_apply).to_contain_text("带上身份证，到所在村委会或居委会登记")
    # The how-to-apply box comes before the other sections, right under the title.
    box = how_to_apply.bounding_box()
    scope = page.get_by_role("region", name="适用范围").bounding_box()
    assert box and scope and box["y"] < scope["y"]
    # The way back to the policy itself.
    expect(page.get_by_role("link", name="阅读政策原文")).to_have_attribute("href", re.compile(r"/documents/\d+/"))
    screenshot(page, f"interpretation-detail-{label}")


def test_a_citizen_reads_how_to_apply_on_a_desktop(site, new_page, screenshot):
    page = new_page(DESKTOP)
    read_how_to_apply(page, site, screenshot, "desktop")

    page.get_by_role("navigation", name="目录").get_by_role("link", name="办事指引").click()
    expect(page).to_have_url(re.compile("#how-to-apply$"))


def test_a_citizen_reads_how_to_apply_on_a_phone(site, new_page, screenshot):
    page = new_page(PHONE)
    read_how_to_apply(page, site, screenshot, "phone")

    # Nothing on the page is wider than the phone's screen.
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"]
