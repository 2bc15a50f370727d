"""The "推进到下一阶段" button on a decision's admin page: a comment goes into the stage record;
a refused step answers 409 with the reason and keeps the comment; reloading the URL is harmless."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from decisions.models import FeedbackReport, Stage, StageChange
from factories import DecisionFactory, OpinionFactory, client_for, put_in_stage

pytestmark = pytest.mark.django_db


def _urls(decision) -> tuple[str, str]:
    page = f"/admin/decisions/decision/{decision.pk}/change/"
    return page, f"/admin/decisions/decision/{decision.pk}/advance/"


def test_the_page_offers_the_next_stage_with_a_comment_box(decision_staff, organisation):
    decision = DecisionFactory(organisation=organisation)
    page = client_for(decision_staff).get(_urls(decision)[0]).content.decode()
    assert "推进到“起草”阶段" in page and 'name="comment"' in page


def test_advancing_records_the_comment(decision_staff, organisation):
    decision = DecisionFactory(organisation=organisation)
    page, advance = _urls(decision)
    response = client_for(decision_staff).post(advance, {"comment": "经镇政府常务会议同意启动起草。"}, follow=True)
    assert response.redirect_chain[-1][0] == page
    assert "已进入“起草”阶段" in response.content.decode()
    decision.refresh_from_db()
    assert decision.stage == Stage.DRAFTING
    change = StageChange.objects.get(decision=decision)
    assert (change.actor, change.comment) == (decision_staff, "经镇政府常务会议同意启动起草。")


@time_machine.travel(dt.date(2023, 9, 15))
def test_a_refused_step_says_why_and_keeps_the_comment(decision_staff, open_decision):
    _, advance = _urls(open_decision)
    response = client_for(decision_staff).post(advance, {"comment": "征求意见结束，进入论证。"})
    assert response.status_code == 409
    text = response.content.decode()
    assert "未能推进" in text and "征求意见期到 2023年9月30日 才结束" in text
    assert "征求意见结束，进入论证。</textarea>" in text
    open_decision.refresh_from_db()
    assert open_decision.stage == Stage.CONSULTATION


def test_the_enterprise_gate_is_explained_on_the_page(decision_staff, organisation, drafter):
    decision = DecisionFactory(organisation=organisation, concerns_enterprises=True)
    put_in_stage(decision, Stage.REVIEW, drafter)
    page, advance = _urls(decision)
    assert "必须先记录企业和行业协会" in client_for(decision_staff).get(page).content.decode()  # before clicking
    response = client_for(decision_staff).post(advance, {"comment": ""})
    assert response.status_code == 409 and "必须先记录企业和行业协会" in response.content.decode()
    decision.refresh_from_db()
    assert decision.stage == Stage.REVIEW


def test_reloading_the_button_url_opens_the_decision_page(decision_staff, organisation):
    decision = DecisionFactory(organisation=organisation)
    page, advance = _urls(decision)
    response = client_for(decision_staff).get(advance)
    assert response.status_code == 302 and response["Location"] == page
    decision.refresh_from_db()
    assert decision.stage == Stage.CATALOGUE


def test_a_too_long_comment_is_refused_and_kept(decision_staff, organisation):
    decision = DecisionFactory(organisation=organisation)
    response = client_for(decision_staff).post(_urls(decision)[1], {"comment": "长" * 501})
    assert response.status_code == 400 and "说明最多 500 字" in response.content.decode()
    assert "长" * 501 in response.content.decode()
    decision.refresh_from_db()
    assert decision.stage == Stage.CATALOGUE


def test_an_unknown_decision_is_404(decision_staff):
    assert client_for(decision_staff).post("/admin/decisions/decision/999999/advance/").status_code == 404


@time_machine.travel(dt.date(2023, 9, 15))
def test_the_report_cannot_be_drafted_from_the_page_while_the_window_is_open(decision_staff, open_decision):
    OpinionFactory(decision=open_decision)
    response = client_for(decision_staff).post(f"/admin/decisions/decision/{open_decision.pk}/draft-report/")
    assert response.status_code == 409 and "征求意见结束后才能生成反馈报告草稿" in response.content.decode()
    assert not FeedbackReport.objects.exists()


@time_machine.travel(dt.date(2023, 10, 9))
def test_the_page_drafts_a_preliminary_report_while_opinions_are_undisposed(decision_staff, open_decision):
    OpinionFactory(decision=open_decision)
    response = client_for(decision_staff).post(
        f"/admin/decisions/decision/{open_decision.pk}/draft-report/", follow=True
    )
    report = FeedbackReport.objects.get()
    assert response.redirect_chain[-1][0] == f"/admin/decisions/feedbackreport/{report.pk}/change/"
    assert report.is_preliminary and report.body.startswith("初稿（尚有1条意见未处理")
    assert "反馈报告初稿" in response.content.decode()


def test_the_feedback_stage_is_reached_by_publishing_not_by_the_button(decision_staff, organisation, drafter):
    decision = DecisionFactory(organisation=organisation)
    put_in_stage(decision, Stage.DECIDED, drafter)
    page = client_for(decision_staff).get(_urls(decision)[0]).content.decode()
    assert "推进到“意见采纳反馈”阶段" not in page and "发布意见采纳情况反馈报告后，决策自动进入该阶段" in page
    response = client_for(decision_staff).post(_urls(decision)[1], {"comment": ""})
    assert response.status_code == 409 and "反馈报告发布后" in response.content.decode()
