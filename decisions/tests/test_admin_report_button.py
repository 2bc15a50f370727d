"""The "发布意见采纳情况反馈报告" button on a decision's admin page (decisions.admin_views):
shown to those who may publish; a refused press answers 403 (role) or 409 (a rule blocks
it for now) and publishes nothing."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from decisions.models import FeedbackReport, OpinionGroup, Stage
from factories import DecisionFactory, OpinionFactory, PolicyDocumentFactory, client_for, put_in_stage

pytestmark = pytest.mark.django_db


@pytest.fixture
def decided(organisation, drafter):
    decision = DecisionFactory(
        organisation=organisation, issued_on=dt.date(2023, 9, 27), result_document=PolicyDocumentFactory(published=True)
    )
    put_in_stage(decision, Stage.DECIDED, drafter)
    return decision


def _publish_url(decision) -> str:
    return f"/admin/decisions/decision/{decision.pk}/publish-report/"


def test_a_signer_publishes_the_report_from_the_decisions_page(decided, signer):
    report = FeedbackReport.objects.create(decision=decided, body="意见采纳情况……")
    page = client_for(signer).get(f"/admin/decisions/decision/{decided.pk}/change/").content.decode()
    assert _publish_url(decided) in page
    with time_machine.travel(dt.date(2023, 10, 9)):
        response = client_for(signer).post(_publish_url(decided), follow=True)
    assert "已发布" in response.content.decode()
    report.refresh_from_db()
    decided.refresh_from_db()
    assert report.published_at is not None and decided.stage == Stage.FEEDBACK


def test_a_drafter_sees_no_button_and_is_refused_with_403(decided, drafter):
    report = FeedbackReport.objects.create(decision=decided, body="意见采纳情况……")
    page = client_for(drafter).get(f"/admin/decisions/decision/{decided.pk}/change/").content.decode()
    assert _publish_url(decided) not in page
    assert client_for(drafter).post(_publish_url(decided)).status_code == 403
    report.refresh_from_db()
    assert report.published_at is None


def test_undisposed_opinions_block_publishing_with_409(decided, signer):
    OpinionFactory(decision=decided)
    report = FeedbackReport.objects.create(decision=decided, body="意见采纳情况……")
    response = client_for(signer).post(_publish_url(decided))
    assert response.status_code == 409
    assert "没有处理结果" in response.content.decode()
    report.refresh_from_db()
    decided.refresh_from_db()
    assert report.published_at is None and decided.stage == Stage.DECIDED


def test_publishing_without_a_drafted_report_is_blocked_with_409(decided, signer):
    response = client_for(signer).post(_publish_url(decided))
    assert response.status_code == 409
    assert "请先生成反馈报告草稿" in response.content.decode()
    assert not FeedbackReport.objects.exists()


def test_a_get_only_leads_back_to_the_decision(decided, signer):
    FeedbackReport.objects.create(decision=decided, body="意见采纳情况……")
    response = client_for(signer).get(_publish_url(decided))
    assert response.status_code == 302 and response["Location"].endswith(f"/decision/{decided.pk}/change/")
    assert FeedbackReport.objects.get().published_at is None


def test_a_groups_summary_is_reworded_in_the_admin(decided, decision_staff):
    group = OpinionGroup.objects.create(decision=decided, summary="原归纳")
    data = {"summary": "建议提高补贴标准", "disposition": group.disposition, "reason": "", "opinions-TOTAL_FORMS": "0"}
    data["opinions-INITIAL_FORMS"] = "0"
    client_for(decision_staff).post(f"/admin/decisions/opiniongroup/{group.pk}/change/", data)
    group.refresh_from_db()
    assert group.summary == "建议提高补贴标准"
