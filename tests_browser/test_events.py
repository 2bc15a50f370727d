"""A citizen votes for a topic of the forum being prepared, registers for an open day
without an account, keeps the code, and cancels with it; the seat comes back."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from events.models import Registration, RegistrationState

pytestmark = pytest.mark.browser


@pytest.fixture
def events_site(demo_site, settings) -> str:
    settings.EVENTS_MIN_FILL_SECONDS = 0
    call_command("load_demo_events", stdout=io.StringIO())
    return demo_site


def test_a_citizen_votes_registers_and_cancels(events_site, new_page, screenshot):
    page = new_page()
    page.goto(events_site + "/events/")
    page.get_by_role("link", name="座谈会：老旧小区加装电梯听取居民意见").click()
    expect(page.locator("#event-status")).to_have_text("征集中")
    page.get_by_role("button", name="为“施工期间的噪音和出行安排”投票").click()
    expect(page.get_by_text("已为“施工期间的噪音和出行安排”投票")).to_be_visible()
    row = page.locator("tr", has_text="施工期间的噪音和出行安排")
    expect(row.locator(".topic-votes")).to_have_text("8")
    page.get_by_role("button", name="为“施工期间的噪音和出行安排”投票").click()
    expect(page.locator("#topic-notice")).to_contain_text("只能投一票")

    page.goto(events_site + "/events/")
    page.get_by_role("link", name="政府开放月：走进徐泾镇政务服务中心").click()
    session = page.locator(".event-session").first
    session.get_by_label("姓名").fill("测试市民")
    session.get_by_label("手机号码").fill("1381234")  # too short first
    session.get_by_role("button", name="报名").click()
    expect(page.locator(".cf-error").first).to_contain_text("手机号码格式不正确")
    session = page.locator(".event-session").first
    expect(session.get_by_label("姓名")).to_have_value("测试市民")
    session.get_by_label("手机号码").fill("13812345678")
    session.get_by_label("参加人数").fill("2")
    session.get_by_role("button", name="报名").click()
    expect(page.get_by_role("heading", name="报名成功")).to_be_visible()
    code = page.locator("#registration-code").inner_text()
    screenshot(page, "events-registered")
    assert "测试市民" not in page.content() and "13812345678" not in page.content()

    page.get_by_role("link", name="查看或取消报名").first.click()
    page.get_by_label("报名码").fill(code)
    page.get_by_role("button", name="查看").click()
    expect(page.locator("#registration-state")).to_have_text("报名成功")
    page.get_by_role("button", name="取消报名").click()
    expect(page.locator("#cancelled-notice")).to_be_visible()
    expect(page.locator("#registration-state")).to_have_text("已取消")
    assert Registration.objects.get().state == RegistrationState.CANCELLED
