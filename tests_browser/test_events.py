"""A citizen votes for a topic of the forum being prepared, registers for an open day
without an account, keeps the code, and cancels with it; the seat comes back."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from events import services
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
    assert Registration.objects.get(code_hash=services.code_hash(code)).state == RegistrationState.CANCELLED


def test_a_participant_answers_the_questionnaire_and_sees_the_results(events_site, new_page):
    """The demo's past event: a checked-in participant answers with the code (after one
    refusal that keeps what was chosen); the results are charted with a table beside
    each chart; both pages pass axe's WCAG 2.1 AA rules."""
    from events import demo
    from events.models import Event, QuestionnaireResponse

    from .a11y import axe_violations, describe

    event = Event.objects.get(title=demo.PAST_EVENT)
    session = event.sessions.get()
    receipt = services.registration_register(
        session_id=session.pk,
        name="测试参加者",
        phone="13912340000",
        party_size=1,
        now=session.starts_at() - dt.timedelta(days=2),
    )
    services.registration_check_in(registration=receipt.registration, now=session.starts_at())
    before = QuestionnaireResponse.objects.count()

    page = new_page()
    page.goto(events_site + event.get_absolute_url())
    page.get_by_role("link", name="填写活动问卷").click()
    violations = axe_violations(page, base_url=events_site)
    assert not violations, describe(violations)
    page.get_by_label("报名码").fill(receipt.code)
    page.get_by_role("group", name="您是从哪里得知本次活动的？").get_by_label("居委会通知").check()
    page.get_by_role("group", name="您最关心哪些内容？").get_by_label("报销比例").check()
    page.get_by_role("button", name="提交问卷").click()  # no rating yet
    expect(page.locator(".cf-error").first).to_contain_text("请选择 1 到 5 分")
    expect(page.get_by_role("group", name="您是从哪里得知本次活动的？").get_by_label("居委会通知")).to_be_checked()
    expect(page.get_by_label("报名码")).to_have_value(receipt.code)
    violations = axe_violations(page, base_url=events_site)
    assert not violations, describe(violations)
    page.get_by_role("group", name="您对本次宣讲的总体评价").get_by_label("5 分").check()
    page.get_by_role("button", name="提交问卷").click()

    expect(page.locator("#event-messages")).to_contain_text("问卷已提交")
    assert QuestionnaireResponse.objects.count() == before + 1
    expect(page.locator("#results-respondents")).to_contain_text(f"共收到 {before + 1} 份答卷")
    chart = page.locator("[data-chart]").first
    expect(chart).to_be_visible()
    expect(chart.locator("canvas")).to_have_count(1)
    assert "测试参加者" not in page.content() and "13912340000" not in page.content()
    violations = axe_violations(page, base_url=events_site)
    assert not violations, describe(violations)
