"""An enterprise liaison opens the targeted (定向公开) demo document, is asked to sign in,
signs in on the public page as `enterprise` and lands back on the document."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from documents.models import PolicyDocument

from .conftest import DESKTOP, PHONE

pytestmark = pytest.mark.browser

TARGETED_TITLE = "关于做好西虹桥商务区重点企业2023年度安全生产检查的通知"
USERNAME, PASSWORD = "enterprise", "Xujing-Enterprise-2023"


def sign_in_to_the_targeted_document(page, base_url: str, screenshot, label: str) -> None:
    document = PolicyDocument.objects.get(title=TARGETED_TITLE)
    address = f"{base_url}/documents/{document.pk}/"

    response = page.goto(address)
    assert response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("该信息仅向特定对象定向公开")
    expect(page.get_by_text(TARGETED_TITLE)).to_have_count(0)
    assert TARGETED_TITLE not in page.title()
    screenshot(page, f"targeted-sign-in-hint-{label}")

    page.get_by_role("link", name="登录后查看").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next="))
    page.get_by_label("用户名").fill(USERNAME)
    page.get_by_label("密码", exact=True).fill(PASSWORD)
    screenshot(page, f"public-sign-in-{label}")
    page.get_by_role("button", name="登录").click()

    expect(page).to_have_url(address)
    expect(page.get_by_role("heading", level=1)).to_contain_text(TARGETED_TITLE)
    expect(page.get_by_text("检查内容包括安全生产责任制落实").first).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("^我的"))).to_be_visible()
    screenshot(page, f"targeted-document-signed-in-{label}")

    page.get_by_role("link", name=re.compile("^我的")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("我的")
    expect(page.get_by_role("link", name=TARGETED_TITLE)).to_be_visible()
    expect(page.get_by_text("西虹桥重点企业联络员").first).to_be_visible()
    screenshot(page, f"my-page-{label}")


def test_the_enterprise_liaison_signs_in_to_the_targeted_document_on_a_desktop(demo_site, new_page, screenshot):
    page = new_page(DESKTOP)
    sign_in_to_the_targeted_document(page, demo_site, screenshot, "desktop")

    page.get_by_role("button", name="退出").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("您已安全退出")
    expect(page.get_by_role("link", name="登录", exact=True)).to_be_visible()


def test_the_enterprise_liaison_signs_in_to_the_targeted_document_on_a_phone(demo_site, new_page, screenshot):
    page = new_page(PHONE)
    sign_in_to_the_targeted_document(page, demo_site, screenshot, "phone")

    # Nothing on the page is wider than the phone's screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
