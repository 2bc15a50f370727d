"""Disclosure on application (依申请公开) in the browser: a citizen finds the guide, applies online,
is offered documents already disclosed, keeps the receipt and follows the application; staff take
it through the admin's workflow buttons to the signed reply, closing and archiving."""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import call_command
from django.utils import timezone
from PIL import Image
from playwright.sync_api import expect
from pypdf import PdfReader

from applications.demo import ACCOUNTS
from applications.models import Application, Outcome, Status

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


def test_the_desktop_form_offers_documents_already_disclosed(applications_site, new_page):
    page = new_page(DESKTOP)
    page.goto(applications_site + "/applications/new/")
    page.get_by_label("所需信息的内容描述").fill("加装电梯补贴")
    expect(page.get_by_text("您要找的信息可能已经公开")).to_be_visible()


PASSWORDS = {account.username: account.password for account in ACCOUNTS}
CORRECTION = "请写明所需补贴信息的年度，以及您所在的小区名称。"
CORRECTED = "补正：需要2025年度的信息，小区为徐泾镇示范新村。"


def log_in(page, base_url: str, username: str) -> None:
    page.goto(base_url + "/admin/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORDS[username])
    page.get_by_role("button", name="登录").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))


def step_form(page, button: str):
    """The workflow panel's form whose button says ``button``."""
    return page.locator("form.workflow-action").filter(has=page.get_by_role("button", name=button, exact=True))


def press(page, button: str, fields: dict | None = None) -> None:
    form = step_form(page, button)
    for label, value in (fields or {}).items():
        field = form.get_by_label(label)
        if field.evaluate("e => e.tagName") == "SELECT":
            field.select_option(label=value)
        else:
            field.fill(value)
    form.get_by_role("button", name=button, exact=True).click()
    expect(page.locator(".messagelist .success, .messagelist .info").first).to_be_visible()


def open_application(page, base_url: str, number: str) -> None:
    application = Application.objects.get(number=number)
    page.goto(f"{base_url}/admin/applications/application/{application.pk}/change/")
    expect(page.locator("#workflow-heading")).to_be_visible()


def test_staff_take_an_online_application_to_the_end_and_the_citizen_answers_the_correction(
    applications_site, new_page, screenshot, tmp_path
):
    citizen = new_page(DESKTOP)
    number, code = apply_online(citizen, applications_site, screenshot, "desktop")

    # The registrar dispatches it to the office that holds the information.
    registrar = new_page(DESKTOP)
    log_in(registrar, applications_site, "apply-registrar")
    open_application(registrar, applications_site, number)
    registrar.get_by_label("承办机构").select_option(label="徐泾镇城市建设管理办公室")
    registrar.get_by_role("button", name="保存", exact=True).click()
    assert Application.objects.get(number=number).status == Status.IN_PROGRESS

    # The handler asks for a correction, once, listing what is missing.
    handler = new_page(DESKTOP)
    log_in(handler, applications_site, "apply-handler")
    open_application(handler, applications_site, number)
    screenshot(handler, "applications-admin-handling")
    press(handler, "一次性告知补正", {"需要补正的事项（逐项列出，一次性告知）": CORRECTION})
    assert Application.objects.get(number=number).status == Status.CORRECTION

    # The citizen reads it on the tracking page and sends the correction with a file.
    track(citizen, applications_site, number, code)
    expect(citizen.locator("#correction-items")).to_contain_text(CORRECTION)
    form = citizen.locator("#exchange-form")
    form.get_by_label("补正内容（请逐项补正上面列出的事项）").fill(CORRECTED)
    scan = tmp_path / "补正材料.png"
    Image.new("RGB", (40, 30), "white").save(scan, format="PNG")
    form.locator("input[type=file]").set_input_files(str(scan))
    form.get_by_role("button", name="提交补正").click()
    expect(citizen.get_by_role("status").first).to_be_visible()
    application = Application.objects.get(number=number)
    assert application.status == Status.IN_PROGRESS and application.restarted_on is not None
    expect(citizen.get_by_text(CORRECTED)).to_be_visible()
    screenshot(citizen, "applications-track-corrected")

    # The handler drafts the reply; the head of the office signs it; the handler closes and archives.
    handler.reload()
    expect(handler.get_by_text(CORRECTED)).to_be_visible()
    press(handler, "拟定答复", {"答复结果": "予以公开", "答复说明": "所申请的信息予以公开，见附件。"})
    head = new_page(DESKTOP)
    log_in(head, applications_site, "apply-head-urban")
    open_application(head, applications_site, number)
    press(head, "审签答复")
    application = Application.objects.get(number=number)
    assert application.status == Status.ANSWERED and application.outcome == Outcome.DISCLOSED

    # The citizen downloads the signed letter from the tracking page.
    track(citizen, applications_site, number, code)
    with citizen.expect_download() as download:
        citizen.get_by_role("link", name="下载答复告知书（PDF）").click()
    letter = PdfReader(download.value.path())
    text = "".join(page.extract_text() for page in letter.pages).replace("\n", "")
    assert number in text and "第三十六条" in text and "行政复议" in text

    handler.reload()
    press(handler, "登记送达", {"送达方式": "网上下载", "送达日期": timezone.localdate().isoformat()})
    handler.reload()
    press(handler, "办结")
    handler.reload()
    press(handler, "归档")
    assert Application.objects.get(number=number).status == Status.ARCHIVED
    screenshot(handler, "applications-admin-archived")

    # The citizen sees the reply in the trail.
    track(citizen, applications_site, number, code)
    expect(citizen.locator(".cf-tracked")).to_contain_text("答复")
    expect(citizen.locator(".cf-tracked")).to_contain_text("已归档")
