"""An enterprise asks a question on the board, staff answer it, and the enterprise reads
the answer with its tracking number and query code, then rates it. Staff see the list of
messages at 1280 px with the overdue ones first, and send an answer only after a preview."""

from __future__ import annotations

import io
import re

import pytest
from django.core.cache import cache
from django.core.management import call_command
from playwright.sync_api import expect

from consultations import services
from consultations.models import Message
from organisations.models import Organisation

from .conftest import DESKTOP, PHONE

pytestmark = pytest.mark.browser


@pytest.fixture
def board_site(demo_site, settings) -> str:
    settings.CONSULTATION_MIN_FILL_SECONDS = 0
    cache.clear()
    call_command("load_demo_interpretations", stdout=io.StringIO())
    call_command("load_demo_consultations", stdout=io.StringIO())
    return demo_site


def ask_and_track(page, base_url: str, screenshot, label: str) -> None:
    page.goto(base_url + "/consultations/")
    expect(page.get_by_role("heading", level=1)).to_have_text("政策咨询留言板")
    expect(page.get_by_text("企业如何申请产业高质量发展扶持资金？")).to_be_visible()
    screenshot(page, f"consultations-board-{label}")

    # The FAQ search goes through the site search: 养老 finds the meal FAQ.
    page.get_by_label("搜索常见问题").fill("养老")
    page.get_by_label("搜索常见问题").press("Enter")
    expect(page.get_by_text("老年人助餐服务怎么申请？补贴多少？")).to_be_visible()
    expect(page.get_by_text("企业如何申请产业高质量发展扶持资金？")).to_have_count(0)

    # A mistake first: no contact details. The page says so in Chinese and keeps the text.
    page.get_by_label("企业", exact=True).check()
    page.get_by_label("企业或组织名称").fill("上海徐泾智造科技有限公司")
    page.get_by_label("姓名").fill("王立明")
    page.get_by_label("咨询类别").select_option(label="企业服务")
    # The related policy, found as you type; an expired one is marked.
    finder = page.get_by_label("查找其他政策（可选）")
    results = page.get_by_role("listbox", name="查找到的政策")
    finder.press_sequentially("租赁", delay=40)
    expect(results.get_by_role("option", name=re.compile("居住房屋租赁管理实施细则.*已失效"))).to_be_visible()
    finder.fill("")
    finder.press_sequentially("扶持", delay=40)
    option = results.get_by_role("option", name=re.compile("促进产业高质量发展扶持办法"))
    expect(option).to_be_visible()
    option.click()
    expect(page.get_by_label("相关政策（可选）")).to_have_value(re.compile(r"^\d+$"))
    page.get_by_label("标题").fill("研发费用补贴怎么申请")
    page.get_by_label("留言内容").fill("我们公司今年研发投入较大，想了解镇里对企业研发费用有没有补贴，怎么申请？")
    page.get_by_label("同意在隐去个人信息后公开（留言选登）").check()
    page.get_by_role("button", name="提交留言").click()
    expect(page.get_by_text("请至少填写联系电话或电子邮箱中的一项").first).to_be_visible()
    expect(page.get_by_label("标题")).to_have_value("研发费用补贴怎么申请")
    expect(page.get_by_label("相关政策（可选）").locator("option:checked")).to_contain_text("扶持办法")
    screenshot(page, f"consultations-board-error-{label}")

    page.get_by_label("联系电话").fill("13812345678")
    page.get_by_role("button", name="提交留言").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("留言已提交")
    number = page.locator("#tracking-number").inner_text().strip()
    code = page.locator("#query-code").inner_text().strip()
    assert re.fullmatch(r"\d{12}", number) and re.fullmatch(r"[A-Z0-9]{6}", code)
    expect(page.locator("#promised-date")).to_have_text(re.compile(r"\d{4}年\d{1,2}月\d{1,2}日前"))
    expect(page.get_by_role("button", name="打印/保存回执")).to_be_visible()
    expect(page.get_by_text("无法通过短信发送查询码")).to_be_visible()
    screenshot(page, f"consultations-submitted-{label}")

    # Staff answer it (the admin buttons call these services).
    message = Message.objects.get(tracking_number=number)
    assert message.phone == "13812345678" and message.asker_type == "enterprise"
    assert message.everyday_topic == "business" and message.topic == "economy"
    assert message.related_policy is not None and message.related_policy.doc_number == "徐府发〔2023〕18号"
    organisation = Organisation.objects.get(slug="economy")
    services.message_assign(message=message, organisation=organisation, user=None)

    page.goto(base_url + "/consultations/track/")
    page.get_by_role("textbox", name="查询号").fill(number)
    page.get_by_role("textbox", name="查询码").fill("WRONG1")
    page.get_by_role("button", name="查询").click()
    expect(page.get_by_text("查询号或查询码不正确").first).to_be_visible()

    page.get_by_role("textbox", name="查询码").fill(code)
    page.get_by_role("button", name="查询").click()
    expect(page.get_by_text("正在办理").first).to_be_visible()
    expect(page.get_by_text("办理中")).to_have_count(0)
    expect(page.locator("#promised-date")).to_be_visible()

    services.message_save_draft(message=message, user=None, text="您好！研发费用补贴请于每年9月通过一网通办申请。")
    services.message_send_answer(message=message, user=None)
    page.reload()
    expect(page.get_by_text("已答复").first).to_be_visible()
    expect(page.get_by_text("研发费用补贴请于每年9月通过一网通办申请")).to_be_visible()
    screenshot(page, f"consultations-track-{label}")

    page.get_by_label("满意", exact=True).check()
    page.get_by_role("button", name="提交评价").click()
    expect(page.get_by_text("感谢您的评价")).to_be_visible()
    expect(page.get_by_text("研发费用补贴请于每年9月通过一网通办申请")).to_be_visible()  # the answer stays
    message.refresh_from_db()
    assert message.rating == "satisfied"
    # The phone number is on no public page.
    page.goto(base_url + "/consultations/published/")
    screenshot(page, f"consultations-published-{label}")
    assert "13812345678" not in page.content()


def test_an_enterprise_asks_and_reads_the_answer_on_a_desktop(board_site, new_page, screenshot):
    ask_and_track(new_page(DESKTOP), board_site, screenshot, "desktop")


def test_an_enterprise_asks_and_reads_the_answer_on_a_phone(board_site, new_page, screenshot):
    page = new_page(PHONE)
    ask_and_track(page, board_site, screenshot, "phone")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def sign_in(page, base_url: str, username: str, password: str) -> None:
    page.goto(base_url + "/admin/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()
    expect(page).not_to_have_url(re.compile("/login/"))


def test_the_message_list_is_readable_at_1280_px_with_the_overdue_one_first(board_site, new_page, screenshot):
    page = new_page(DESKTOP)
    sign_in(page, board_site, "consult-dispatcher", "Xujing-Dispatcher-2023")
    page.goto(board_site + "/admin/consultations/message/")
    table = page.locator("#result_list")
    for header in ["留言", "状态", "承办机构", "到期日", "选登状态", "满意度", "典型案例"]:
        cell = table.get_by_role("columnheader", name=header, exact=True)
        expect(cell).to_be_visible()
        box = cell.bounding_box()
        assert box["x"] + box["width"] <= DESKTOP["width"], header  # nothing hidden to the right
    first = table.locator("tbody tr").first
    expect(first).to_contain_text("就业困难人员认定")  # the demo's overdue message
    expect(first.get_by_text("已逾期")).to_be_visible()
    title = first.locator(".cf-admin-title")
    assert title.bounding_box()["height"] < 3 * 24  # one or two lines, not a character a line
    expect(page.get_by_role("link", name=re.compile("已逾期 1"))).to_be_visible()
    screenshot(page, "consultations-admin-list-desktop")


def test_a_handler_previews_the_answer_before_it_is_sent(board_site, new_page, screenshot):
    page = new_page(DESKTOP)
    sign_in(page, board_site, "consult-handler-community", "Xujing-Handler-Community-2023")
    message = Message.objects.get(submission_key="demo-06")
    page.goto(board_site + f"/admin/consultations/message/{message.pk}/change/")
    page.get_by_label("答复草稿").fill(
        "刘洋您好！请到社区事务受理服务中心“就业服务”窗口申请认定，咨询电话021-59740000。"
    )
    page.get_by_role("button", name="预览并发送答复").click()
    expect(page.get_by_role("heading", name="留言人将看到的答复（查询页面）")).to_be_visible()
    expect(page.get_by_text("刘**您好").first).to_be_visible()  # the public copy, masked
    message.refresh_from_db()
    assert message.status == Message.Status.ASSIGNED  # nothing sent yet
    screenshot(page, "consultations-answer-preview-desktop")
    page.get_by_role("button", name="确认发送答复").click()
    expect(page.get_by_text("答复已发送")).to_be_visible()
    message.refresh_from_db()
    assert message.status == Message.Status.ANSWERED
