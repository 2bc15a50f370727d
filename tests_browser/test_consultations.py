"""An enterprise asks a question on the board, staff answer it, and the enterprise reads
the answer with its tracking number and query code, then rates it."""

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
    call_command("load_demo_consultations", stdout=io.StringIO())
    return demo_site


def ask_and_track(page, base_url: str, screenshot, label: str) -> None:
    page.goto(base_url + "/consultations/")
    expect(page.get_by_role("heading", level=1)).to_have_text("政策咨询留言板")
    expect(page.get_by_text("企业如何申请产业高质量发展扶持资金？")).to_be_visible()
    screenshot(page, f"consultations-board-{label}")

    # A mistake first: no contact details. The page says so in Chinese and keeps the text.
    page.get_by_label("企业", exact=True).check()
    page.get_by_label("企业或组织名称").fill("上海徐泾智造科技有限公司")
    page.get_by_label("姓名").fill("王立明")
    page.get_by_label("咨询主题").select_option(label="经济管理")
    page.get_by_label("标题").fill("研发费用补贴怎么申请")
    page.get_by_label("留言内容").fill("我们公司今年研发投入较大，想了解镇里对企业研发费用有没有补贴，怎么申请？")
    page.get_by_label("同意在隐去个人信息后公开（留言选登）").check()
    page.get_by_role("button", name="提交留言").click()
    expect(page.get_by_text("请至少填写联系电话或电子邮箱中的一项").first).to_be_visible()
    expect(page.get_by_label("标题")).to_have_value("研发费用补贴怎么申请")
    screenshot(page, f"consultations-board-error-{label}")

    page.get_by_label("联系电话").fill("13812345678")
    page.get_by_role("button", name="提交留言").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("留言已提交")
    number = page.locator("#tracking-number").inner_text().strip()
    code = page.locator("#query-code").inner_text().strip()
    assert re.fullmatch(r"\d{12}", number) and re.fullmatch(r"[A-Z0-9]{6}", code)
    screenshot(page, f"consultations-submitted-{label}")

    # Staff answer it (the admin buttons call these services).
    message = Message.objects.get(tracking_number=number)
    assert message.phone == "13812345678" and message.asker_type == "enterprise"
    organisation = Organisation.objects.get(slug="economy")
    services.message_assign(message=message, organisation=organisation, user=None)
    services.message_save_draft(message=message, user=None, text="您好！研发费用补贴请于每年9月通过一网通办申请。")
    services.message_send_answer(message=message, user=None)

    page.goto(base_url + "/consultations/track/")
    page.get_by_role("textbox", name="查询号").fill(number)
    page.get_by_role("textbox", name="查询码").fill("WRONG1")
    page.get_by_role("button", name="查询").click()
    expect(page.get_by_text("查询号或查询码不正确").first).to_be_visible()

    page.get_by_role("textbox", name="查询码").fill(code)
    page.get_by_role("button", name="查询").click()
    expect(page.get_by_text("已答复").first).to_be_visible()
    expect(page.get_by_text("研发费用补贴请于每年9月通过一网通办申请")).to_be_visible()
    screenshot(page, f"consultations-track-{label}")

    page.get_by_label("满意", exact=True).check()
    page.get_by_role("button", name="提交评价").click()
    expect(page.get_by_text("感谢您的评价")).to_be_visible()
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
