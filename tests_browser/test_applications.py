"""Disclosure on application (依申请公开) in the browser: a citizen finds the guide, applies online,
is offered documents already disclosed, keeps the receipt and follows the application; staff take
it through the admin's workflow buttons to the signed reply, closing and archiving."""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from applications.models import Application, Status

from .conftest import DESKTOP, PHONE

pytestmark = pytest.mark.browser

DESCRIPTION = "申请公开徐泾镇2025年度既有多层住宅加装电梯补贴的申报条件和审核结果。"


@pytest.fixture
def applications_site(demo_site, settings) -> str:
    settings.APPLICATIONS_MIN_FILL_SECONDS = 0
    call_command("load_demo_applications", stdout=io.StringIO())
    return demo_site


def apply_online(page, base_url: str, screenshot, label: str) -> tuple[str, str]:
    """The citizen's way in: home page → guide → online form → receipt. Returns (number, code)."""
    page.goto(base_url + "/")
    page.get_by_role("link", name="依申请公开").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("政府信息公开指南")
    screenshot(page, f"applications-guide-{label}")
    page.get_by_role("link", name=re.compile("在线申请")).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("申请")
    page.get_by_label("姓名或名称").fill("测试申请人")
    page.get_by_label("证件类型").select_option(label="居民身份证")
    page.get_by_label("证件号码").fill("11010519491231002X")
    page.get_by_label("电子邮箱").fill(f"applicant-{label}@example.com")
    page.get_by_label("所需信息的内容描述").fill(DESCRIPTION)
    screenshot(page, f"applications-form-{label}")
    page.get_by_role("button", name="提交申请").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("申请已提交")
    number = page.locator("#application-number").inner_text().strip()
    code = page.locator("#query-code").inner_text().strip()
    expect(page.locator("#due-label")).to_contain_text("法定答复期限")
    screenshot(page, f"applications-receipt-{label}")
    return number, code


def track(page, base_url: str, number: str, code: str) -> None:
    page.goto(base_url + "/applications/track/")
    page.get_by_role("textbox", name="登记编号").fill(number)
    page.get_by_role("textbox", name="查询码").fill(code)
    page.get_by_role("button", name="查询").click()
    expect(page.get_by_role("heading", name=f"登记编号 {number}")).to_be_visible()


def test_a_citizen_applies_online_and_follows_the_application_on_a_phone(applications_site, new_page, screenshot):
    page = new_page(PHONE)
    number, code = apply_online(page, applications_site, screenshot, "phone")
    application = Application.objects.get(number=number)
    assert application.description == DESCRIPTION and application.status == Status.RECEIVED

    other = new_page(PHONE)  # another browser: the code is what lets the applicant in
    track(other, applications_site, number, code)
    expect(other.locator("#due-label")).to_contain_text("法定答复期限")
    expect(other.get_by_text("11010519491231002X")).to_have_count(0)  # the ID is masked
    screenshot(other, "applications-track-phone")

    stranger = new_page(PHONE)
    stranger.goto(applications_site + "/applications/track/")
    stranger.get_by_role("textbox", name="登记编号").fill(number)
    stranger.get_by_role("textbox", name="查询码").fill("WRONG-CODE")
    stranger.get_by_role("button", name="查询").click()
    expect(stranger.get_by_role("alert")).to_be_visible()
    expect(stranger.get_by_text(DESCRIPTION)).to_have_count(0)


def sign_in_admin(page, base_url: str, username: str, password: str) -> None:
    page.goto(base_url + "/admin/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()


def test_the_desktop_form_offers_documents_already_disclosed(applications_site, new_page):
    page = new_page(DESKTOP)
    page.goto(applications_site + "/applications/new/")
    page.get_by_label("所需信息的内容描述").fill("加装电梯补贴")
    expect(page.get_by_text("您要找的信息可能已经公开")).to_be_visible()
