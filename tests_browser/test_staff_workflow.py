"""Staff take a document from draft to published through the admin's real
workflow buttons; a citizen then finds it on /documents/, with the paragraphs and
headings the drafter pasted as plain text and the organ it was issued in the name of."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from documents.demo import ACCOUNTS

from .conftest import DESKTOP, PHONE

pytestmark = pytest.mark.browser

TITLE = "徐泾镇关于开展2024年社区睦邻点建设的通知"
DOC_NUMBER = "徐府发〔2024〕88号"
# What a drafter pastes from a plain-text file: paragraphs separated by blank lines.
PLAIN_BODY = (
    "各居委会：\n\n"
    "为方便居民就近开展活动，现将睦邻点建设有关事项通知如下。\n\n"
    "一、工作目标\n\n"
    "各居委会要在今年内建成至少一个睦邻点。\n\n"
    "二、工作要求\n\n"
    "请于2024年6月底前报送建设情况。"
)
PASSWORDS = {account.username: account.password for account in ACCOUNTS}


def log_in(page, base_url: str, username: str) -> None:
    """Through the login form, as a person would: django-axes watches this form."""
    page.goto(base_url + "/admin/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORDS[username])
    page.get_by_role("button", name="登录").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))


def fill_if_present(page, selector: str, value: str) -> None:
    field = page.locator(selector)
    if field.count():
        field.fill(value)


def select_if_present(page, selector: str, label: str) -> None:
    field = page.locator(selector)
    if field.count():
        field.select_option(label=label)


def paste_plain_text(page, selector: str, text: str) -> None:
    """Paste as from the clipboard (text/plain only), the way a drafter brings in a text file."""
    page.locator(selector).click()
    page.locator(selector).evaluate(
        """(element, text) => {
            const data = new DataTransfer();
            data.setData("text/plain", text);
            element.dispatchEvent(new ClipboardEvent("paste", {clipboardData: data, bubbles: true, cancelable: true}));
        }""",
        text,
    )


def create_draft(page, base_url: str, screenshot) -> int:
    page.goto(base_url + "/admin/documents/policydocument/add/")
    page.locator("#id_title").fill(TITLE)
    page.locator("#id_doc_number").fill(DOC_NUMBER)
    # Drafted by 党政办, issued in the name of the town government (徐府发).
    page.locator("select#id_issuing_organisation").select_option(label="徐泾镇人民政府")
    select_if_present(page, "select#id_organisation", "徐泾镇党政办公室")
    page.locator("#id_written_date").fill("2024-03-01")
    page.locator("#id_doc_type").select_option(label="通知公告")
    page.locator("#id_topic").select_option(label="民政、扶贫、救灾")
    select_if_present(page, "select#id_catalogue_item", "村居务公开 / 居务公开")
    fill_if_present(page, "#id_summary", "在各居委会建设睦邻点，为居民提供活动和议事空间。")
    expect(page.locator("textarea#id_body")).to_be_hidden()  # the editor stands in for it
    paste_plain_text(page, ".document-body-editor .ql-editor", PLAIN_BODY)
    expect(page.locator(".document-body-editor .ql-editor p", has_text="一、工作目标")).to_be_visible()
    tags = page.locator("select#id_tags")
    if tags.count():
        multiple = tags.get_attribute("multiple") is not None
        tags.select_option(label=["社区治理", "市民"] if multiple else "社区治理")
    screenshot(page, "admin-add-document-desktop")
    page.get_by_role("button", name="保存并继续编辑").click()
    expect(page.locator(".errornote")).to_have_count(0)
    match = re.search(r"/policydocument/(\d+)/change/", page.url)
    assert match, f"保存后未进入修改页：{page.url}"
    return int(match[1])


def press_workflow_button(page, label: str, done: str) -> None:
    """Click the workflow button by its visible label, then its confirmation if the admin asks for one;
    the page then shows the success message `done`, and nothing that reads like a failure."""
    page.get_by_role("button", name=label).or_(page.get_by_role("link", name=label)).first.click()
    page.wait_for_load_state()
    confirm = page.get_by_role("button", name=re.compile(f"^(确认)?{label}$"))
    if confirm.count() and "/change/" not in page.url:
        confirm.first.click()
        page.wait_for_load_state()
    expect(page.locator(".messagelist .success")).to_have_text(done)
    expect(page.locator(".errornote, .messagelist .error, .messagelist .warning, .workflow-note")).to_have_count(0)
    expect(page.get_by_text("不能进行此操作")).to_have_count(0)


def test_staff_take_a_document_from_draft_to_published(demo_site, new_page, screenshot):
    drafter = new_page(DESKTOP)
    blocked = []
    drafter.on(
        "console", lambda message: blocked.append(message.text) if "Content Security Policy" in message.text else None
    )
    log_in(drafter, demo_site, "drafter")
    pk = create_draft(drafter, demo_site, screenshot)
    change_url = f"{demo_site}/admin/documents/policydocument/{pk}/change/"
    expect(drafter.locator(".document-body-editor .ql-editor h2", has_text="一、工作目标")).to_be_visible()
    assert blocked == [], blocked  # the editor runs under the portal's CSP
    press_workflow_button(drafter, "提交审查", "已提交公开审查。")
    screenshot(drafter, "admin-submitted-desktop")

    reviewer = new_page(DESKTOP)
    log_in(reviewer, demo_site, "reviewer")
    reviewer.goto(change_url)
    screenshot(reviewer, "admin-review-desktop")
    press_workflow_button(reviewer, "审查通过", "公开审查已通过，已送审签。")

    signer_phone = new_page(PHONE)
    log_in(signer_phone, demo_site, "signer")
    signer_phone.goto(change_url)
    expect(signer_phone.get_by_role("button", name="审签发布")).to_be_visible()
    screenshot(signer_phone, "admin-signoff-phone")

    signer = new_page(DESKTOP)
    log_in(signer, demo_site, "signer")
    signer.goto(change_url)
    expect(signer.get_by_role("button", name="提交审查")).to_have_count(0)
    screenshot(signer, "admin-signoff-desktop")
    press_workflow_button(signer, "审签发布", "已审签发布。")
    expect(signer.locator(".workflow-status")).to_contain_text("已发布")
    screenshot(signer, "admin-published-desktop")

    citizen = new_page(PHONE)
    citizen.goto(demo_site + "/documents/")
    link = citizen.get_by_role("link", name=TITLE)
    expect(link).to_be_visible()
    screenshot(citizen, "list-after-publish-phone")
    link.click()
    expect(citizen.get_by_role("heading", level=1)).to_contain_text(TITLE)
    body = citizen.locator(".document__body")
    expect(body.locator("p")).to_have_count(4)  # the drafter's paragraphs, not one run-on block
    expect(body.get_by_role("heading", level=2, name="一、工作目标")).to_be_visible()
    expect(body.get_by_role("heading", level=2, name="二、工作要求")).to_be_visible()
    expect(citizen.locator(".meta-table")).to_contain_text("徐泾镇人民政府")
    expect(citizen.locator(".meta-table")).not_to_contain_text("党政办")
    screenshot(citizen, "document-detail-paragraphs-phone")


def test_a_citizen_does_not_see_a_draft(demo_site, new_page):
    citizen = new_page(DESKTOP)
    citizen.goto(demo_site + "/documents/")

    expect(citizen.get_by_role("link", name=re.compile("徐泾镇2024年为民办实事项目征集方案"))).to_have_count(0)
