"""Stage rules: one step at a time, what each step needs, the 涉企 gate, the feedback clock."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError

from deadlines import services as deadline_services
from decisions import services
from decisions.models import Opinion, Stage, StageChange
from factories import DecisionFactory, OpinionFactory, PolicyDocumentFactory, put_in_stage

pytestmark = pytest.mark.django_db


def test_each_stage_change_is_recorded_with_who_and_when(drafter, organisation):
    decision = DecisionFactory(organisation=organisation)
    with time_machine.travel(dt.datetime(2023, 8, 1, 10, tzinfo=dt.UTC), tick=False):
        services.decision_advance(decision=decision, to_stage=Stage.DRAFTING, user=drafter)
    decision.refresh_from_db()
    assert decision.stage == Stage.DRAFTING
    change = StageChange.objects.get(decision=decision)
    assert (change.from_stage, change.to_stage, change.actor) == (Stage.CATALOGUE, Stage.DRAFTING, drafter)
    assert change.at == dt.datetime(2023, 8, 1, 10, tzinfo=dt.UTC)


def test_a_stage_cannot_be_skipped(drafter, organisation):
    decision = DecisionFactory(organisation=organisation)
    with pytest.raises(services.StageBlocked, match="请先完成“起草”阶段"):
        services.decision_advance(decision=decision, to_stage=Stage.CONSULTATION, user=drafter)
    decision.refresh_from_db()
    assert decision.stage == Stage.CATALOGUE
    assert not StageChange.objects.exists()


def test_a_stage_cannot_go_back(drafter, organisation):
    decision = DecisionFactory(organisation=organisation)
    put_in_stage(decision, Stage.DRAFTING, drafter)
    with pytest.raises(services.StageBlocked, match="不能退回"):
        services.decision_advance(decision=decision, to_stage=Stage.CATALOGUE, user=drafter)


def test_consultation_needs_the_draft_and_the_window(drafter, organisation):
    decision = DecisionFactory(organisation=organisation, draft_text="")
    put_in_stage(decision, Stage.DRAFTING, drafter)
    with pytest.raises(services.StageBlocked, match="征求意见稿和起草说明"):
        services.decision_advance(decision=decision, to_stage=Stage.CONSULTATION, user=drafter)
    decision.draft_text = "第一条 ……"
    decision.save()
    with pytest.raises(services.StageBlocked, match="开始和截止日期"):
        services.decision_advance(decision=decision, to_stage=Stage.CONSULTATION, user=drafter)


def test_a_window_shorter_than_30_days_needs_a_reason(organisation):
    decision = DecisionFactory(
        organisation=organisation, comment_opens_on=dt.date(2023, 9, 1), comment_closes_on=dt.date(2023, 9, 20)
    )
    with pytest.raises(ValidationError) as error:
        decision.full_clean()
    assert "少于30日" in str(error.value.message_dict["short_window_reason"])
    decision.short_window_reason = "台风季前须完成，时间紧迫。"
    decision.full_clean()  # no error


def test_a_30_day_window_needs_no_reason(organisation):
    decision = DecisionFactory(
        organisation=organisation, comment_opens_on=dt.date(2023, 9, 1), comment_closes_on=dt.date(2023, 9, 30)
    )
    decision.full_clean()
    assert decision.comment_window_days == 30


@time_machine.travel(dt.date(2023, 9, 30))
def test_review_waits_until_the_window_has_closed(open_decision, drafter):
    with pytest.raises(services.StageBlocked, match="征求意见期到 2023年9月30日 才结束"):
        services.decision_advance(decision=open_decision, to_stage=Stage.REVIEW, user=drafter)


@time_machine.travel(dt.date(2023, 10, 1))
def test_review_after_the_window(open_decision, drafter):
    services.decision_advance(decision=open_decision, to_stage=Stage.REVIEW, user=drafter)
    open_decision.refresh_from_db()
    assert open_decision.stage == Stage.REVIEW


def test_enterprise_decision_cannot_go_to_deliberation_without_enterprise_opinions(drafter, organisation):
    decision = DecisionFactory(organisation=organisation, concerns_enterprises=True)
    put_in_stage(decision, Stage.REVIEW, drafter)
    OpinionFactory(decision=decision, submitter_type=Opinion.SubmitterType.CITIZEN)
    with pytest.raises(services.StageBlocked, match="涉企决策"):
        services.decision_advance(decision=decision, to_stage=Stage.DELIBERATION, user=drafter)
    decision.refresh_from_db()
    assert decision.stage == Stage.REVIEW


@pytest.mark.parametrize("kind", [Opinion.SubmitterType.ENTERPRISE, Opinion.SubmitterType.ASSOCIATION])
def test_enterprise_decision_goes_to_deliberation_once_enterprises_were_heard(drafter, organisation, kind):
    decision = DecisionFactory(organisation=organisation, concerns_enterprises=True)
    put_in_stage(decision, Stage.REVIEW, drafter)
    OpinionFactory(decision=decision, submitter_type=kind, channel=Opinion.Channel.FORUM)
    services.decision_advance(decision=decision, to_stage=Stage.DELIBERATION, user=drafter)
    decision.refresh_from_db()
    assert decision.stage == Stage.DELIBERATION


def test_other_decisions_need_no_enterprise_opinions(drafter, organisation):
    decision = DecisionFactory(organisation=organisation, concerns_enterprises=False)
    put_in_stage(decision, Stage.REVIEW, drafter)
    services.decision_advance(decision=decision, to_stage=Stage.DELIBERATION, user=drafter)
    decision.refresh_from_db()
    assert decision.stage == Stage.DELIBERATION


def test_deciding_needs_the_result_document_and_date(drafter, organisation):
    decision = DecisionFactory(organisation=organisation)
    put_in_stage(decision, Stage.DELIBERATION, drafter)
    with pytest.raises(services.StageBlocked, match="决策结果文件"):
        services.decision_advance(decision=decision, to_stage=Stage.DECIDED, user=drafter)


@time_machine.travel(dt.date(2023, 9, 28))
def test_issuing_across_national_day_sets_the_feedback_due_date(drafter, organisation):
    """Issued Wed 2023-09-27: 29 Sept - 6 Oct off, Sat 7 and Sun 8 Oct worked; day 10 is Tue 17 Oct."""
    decision = DecisionFactory(
        organisation=organisation, issued_on=dt.date(2023, 9, 27), result_document=PolicyDocumentFactory(published=True)
    )
    put_in_stage(decision, Stage.DELIBERATION, drafter)
    services.decision_advance(decision=decision, to_stage=Stage.DECIDED, user=drafter)
    decision.refresh_from_db()
    assert decision.stage == Stage.DECIDED
    assert decision.feedback_due_on == dt.date(2023, 10, 17)
    deadline = deadline_services.deadline_for(decision, services.FEEDBACK_KIND)
    assert deadline.due_date == dt.date(2023, 10, 17)
    assert deadline.remind_before == 3
    assert deadline.organisation == organisation


def test_feedback_stage_only_by_publishing_the_report(drafter, organisation):
    decision = DecisionFactory(organisation=organisation)
    put_in_stage(decision, Stage.DECIDED, drafter)
    with pytest.raises(services.StageBlocked, match="反馈报告发布后"):
        services.decision_advance(decision=decision, to_stage=Stage.FEEDBACK, user=drafter)
