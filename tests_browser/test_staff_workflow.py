"""Staff take a document from draft to published through the admin's real
workflow buttons; a citizen then finds it on /documents/."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .conftest import DESKTOP, PHONE

pytestmark = pytest.mark.browser

TITLE = "徐泾镇关于开展2024年社区睦邻点建设的通知"
PASSWORDS = {"drafter": "Xujing-Drafter-2023", "reviewer": "Xujing-Reviewer-2023", "signer": "Xujing-Signer-2023"}


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


def create_draft(page, base_url: str, screenshot) -> int:
    page.goto(base_url + "/admin/documents/policydocument/add/")
    page.locator("#id_title").fill(TITLE)
    select_if_present(page, "select#id_organisation", "徐泾镇党政办公室")
    page.locator("#id_written_date").fill("2024-03-01")
    page.locator("#id_doc_type").select_option(label="通知公告")
    page.locator("#id_topic").select_option(label="民政、扶贫、救灾")
    select_if_present(page, "select#id_catalogue_item", "村居务公开 / 居务公开")
    fill_if_present(page, "#id_summary", "在各居委会建设睦邻点，为居民提供活动和议事空间。")
    fill_if_present(page, "textarea#id_body", "<p>各居委会要在今年内建成至少一个睦邻点，方便居民就近开展活动。</p>")
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


def press_workflow_button(page, label: str) -> None:
    """Click the workflow button by its visible label, then its confirmation if the admin asks for one."""
    page.get_by_role("button", name=label).or_(page.get_by_role("link", name=label)).first.click()
    page.wait_for_load_state()
    confirm = page.get_by_role("button", name=re.compile(f"^(确认)?{label}$"))
    if confirm.count() and "/change/" not in page.url:
        confirm.first.click()
        page.wait_for_load_state()
    expect(page.locator(".errornote, .messagelist .error")).to_have_count(0)


def test_staff_take_a_document_from_draft_to_published(demo_site, new_page, screenshot):
    drafter = new_page(DESKTOP)
    log_in(drafter, demo_site, "drafter")
    pk = create_draft(drafter, demo_site, screenshot)
    change_url = f"{demo_site}/admin/documents/policydocument/{pk}/change/"
    press_workflow_button(drafter, "提交审查")
    screenshot(drafter, "admin-submitted-desktop")

    reviewer = new_page(DESKTOP)
    log_in(reviewer, demo_site, "reviewer")
    reviewer.goto(change_url)
    screenshot(reviewer, "admin-review-desktop")
    press_workflow_button(reviewer, "审查通过")

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
    press_workflow_button(signer, "审签发布")
    expect(signer.locator(".workflow-status")).to_contain_text("已发布")
    expect(signer.locator(".messagelist")).to_contain_text("已审签发布")
    screenshot(signer, "admin-published-desktop")

    citizen = new_page(PHONE)
    citizen.goto(demo_site + "/documents/")
    link = citizen.get_by_role("link", name=TITLE)
    expect(link).to_be_visible()
    screenshot(citizen, "list-after-publish-phone")
    link.click()
    expect(citizen.get_by_role("heading", level=1)).to_contain_text(TITLE)


def test_a_citizen_does_not_see_a_draft(demo_site, new_page):
    citizen = new_page(DESKTOP)
    citizen.goto(demo_site + "/documents/")

    expect(citizen.get_by_role("link", name=re.compile("徐泾镇2024年为民办实事项目征集方案"))).to_have_count(0)
