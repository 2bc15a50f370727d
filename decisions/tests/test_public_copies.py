"""What staff record from citizens reaches the public without their personal data: the
feedback report's quoted opinions, activities, materials, representatives' names."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from decisions import services
from decisions.models import Activity, DecisionMaterial, Disposition, FeedbackReport, Representative
from factories import DecisionFactory, OpinionFactory, put_in_stage

pytestmark = pytest.mark.django_db

MOBILE, ID_NUMBER, LANDLINE = "13912345678", "11010519491231002X", "021-69876543"


def page(client, decision) -> str:
    return client.get(decision.get_absolute_url()).content.decode()


@pytest.fixture
def closed(organisation, drafter):
    decision = DecisionFactory(
        organisation=organisation, comment_opens_on=dt.date(2023, 8, 1), comment_closes_on=dt.date(2023, 8, 31)
    )
    put_in_stage(decision, "review", drafter)
    return decision


@time_machine.travel(dt.date(2023, 9, 15))
def test_the_report_quotes_an_opinion_without_the_commenters_name_phone_or_landline(closed, drafter):
    opinion = OpinionFactory(
        decision=closed,
        author_name=f"欧阳晓芸 {MOBILE}",
        contact_phone=LANDLINE,
        body=f"我是欧阳晓芸，建议取消收集点。电话{MOBILE}，座机{LANDLINE}，身份证{ID_NUMBER}。",
    )
    services.opinion_dispose(opinion=opinion, disposition=Disposition.NOT_ADOPTED, reason="不符合规划。", user=drafter)
    report = services.feedback_report_draft(decision=closed, user=drafter)
    for secret in ["欧阳晓芸", "1234", "69876543", "19491231"]:
        assert secret not in report.body, secret
    assert "建议取消收集点" in report.body and "欧**" in report.body


def test_the_published_body_hides_a_commenters_name_staff_typed_into_the_report(closed, drafter):
    OpinionFactory(decision=closed, author_name="欧阳晓芸", contact_email="ouyang@example.com")
    report = FeedbackReport(decision=closed, body="感谢欧阳晓芸（ouyang@example.com）的意见。")
    assert report.public_body == "感谢欧**（o***@example.com）的意见。"


def test_activities_and_materials_show_no_personal_data_on_the_page_or_the_api(citizen, closed, drafter):
    Activity.objects.create(
        decision=closed,
        kind=Activity.Kind.FORUM,
        held_on=dt.date(2023, 8, 20),
        participants=5,
        opinions_summary=f"居民（电话{MOBILE}，座机{LANDLINE}）建议迁址。",
    )
    DecisionMaterial.objects.create(
        decision=closed, kind=DecisionMaterial.Kind.RISK, title="风险评估", body=f"信访人身份证{ID_NUMBER}。"
    )
    shown = page(citizen, closed) + citizen.get(f"/api/decisions/{closed.pk}/").content.decode()
    for secret in ["1234", "69876543", "19491231"]:
        assert secret not in shown, secret
    assert "建议迁址" in shown and "信访人身份证" in shown


def test_a_consenting_representative_is_named_without_what_else_was_typed(citizen, closed, drafter, organisation):
    services.meeting_record(
        organisation=organisation,
        user=drafter,
        title="决策会议",
        held_on=dt.date(2023, 9, 1),
        decision=closed,
        representatives=[("citizen", f"上官明玥 {MOBILE}", True), ("citizen", "司马青岚", False)],
    )
    shown = citizen.get("/decisions/representatives/").content.decode()
    assert "上官明玥" in shown and "（姓名未公开）" in shown
    assert "1234" not in shown and "司马青岚" not in shown
    assert Representative(name=MOBILE, consent_to_publish_name=True).public_name == "（姓名未公开）"
