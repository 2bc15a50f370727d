"""The admin: organisation scoping, the stage action with its Chinese messages, publishing."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from decisions.models import Catalogue, Decision, FeedbackReport, Opinion, Stage
from factories import CatalogueFactory, DecisionFactory, OpinionFactory, PolicyDocumentFactory, client_for, put_in_stage

pytestmark = pytest.mark.django_db


def test_staff_see_only_their_own_units_decisions(drafter, organisation, other_organisation):
    mine = DecisionFactory(organisation=organisation, title="本单位的决策")
    theirs = DecisionFactory(organisation=other_organisation, title="其他单位的决策")
    OpinionFactory(decision=theirs, contact_phone="13900001111")
    client = client_for(drafter)
    listing = client.get("/admin/decisions/decision/").content.decode()
    assert "本单位的决策" in listing and "其他单位的决策" not in listing
    assert client.get(f"/admin/decisions/decision/{mine.pk}/change/").status_code == 200
    other = client.get(f"/admin/decisions/decision/{theirs.pk}/change/")
    assert other.status_code == 302  # the admin's "does not exist" redirect
    assert "13900001111" not in client.get("/admin/decisions/opinion/").content.decode()


def test_a_citizen_cannot_open_the_admin(enterprise_user):
    response = client_for(enterprise_user).get("/admin/decisions/decision/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_the_advance_action_moves_one_stage(drafter, organisation):
    decision = DecisionFactory(organisation=organisation)
    response = client_for(drafter).post(
        "/admin/decisions/decision/", {"action": "advance", "_selected_action": [decision.pk]}, follow=True
    )
    assert "已进入“起草”阶段" in response.content.decode()
    decision.refresh_from_db()
    assert decision.stage == Stage.DRAFTING


def test_the_advance_action_explains_the_enterprise_gate(drafter, organisation):
    decision = DecisionFactory(organisation=organisation, concerns_enterprises=True)
    put_in_stage(decision, Stage.REVIEW, drafter)
    response = client_for(drafter).post(
        "/admin/decisions/decision/", {"action": "advance", "_selected_action": [decision.pk]}, follow=True
    )
    assert response.status_code == 200
    assert "必须先记录企业和行业协会" in response.content.decode()
    decision.refresh_from_db()
    assert decision.stage == Stage.REVIEW


def test_a_drafter_cannot_publish_a_report_but_a_signer_can(drafter, signer, organisation):
    decision = DecisionFactory(
        organisation=organisation, issued_on=dt.date(2023, 9, 27), result_document=PolicyDocumentFactory(published=True)
    )
    put_in_stage(decision, Stage.DECIDED, drafter)
    report = FeedbackReport.objects.create(decision=decision, body="意见采纳情况……")
    data = {"action": "publish", "_selected_action": [report.pk]}
    client_for(drafter).post("/admin/decisions/feedbackreport/", data, follow=True)
    report.refresh_from_db()
    assert report.published_at is None
    with time_machine.travel(dt.date(2023, 10, 9)):
        response = client_for(signer).post("/admin/decisions/feedbackreport/", data, follow=True)
    assert "已发布" in response.content.decode()
    report.refresh_from_db()
    assert report.published_at is not None


def test_creating_a_catalogue_starts_its_march_31_deadline(administrator, organisation):
    from deadlines import services as deadline_services

    with time_machine.travel(dt.date(2024, 1, 8)):
        client_for(administrator).post(
            "/admin/decisions/catalogue/add/", {"year": "2024", "organisation": organisation.pk, "introduction": ""}
        )
    catalogue = Catalogue.objects.get(year=2024)
    deadline = deadline_services.deadline_for(catalogue, "decision_catalogue")
    assert deadline.due_date == dt.date(2024, 3, 29)  # 31 March 2024 is a Sunday: the last working day before
    assert deadline.remind_before >= 20  # reminders from early March
    assert not Decision.objects.exists() and not Opinion.objects.exists()


def test_a_catalogue_for_a_year_without_a_calendar_is_created_and_its_deadline_waits(administrator, organisation):
    from deadlines.models import Deadline

    with time_machine.travel(dt.date(2026, 12, 1)):  # 2027's arrangement is not announced yet
        response = client_for(administrator).post(
            "/admin/decisions/catalogue/add/",
            {"year": "2027", "organisation": organisation.pk, "introduction": ""},
            follow=True,
        )
    assert response.status_code == 200
    html = response.content.decode()
    assert "公布期限尚未开始计时" in html and "导入2027年的安排" in html
    assert Catalogue.objects.filter(year=2027).exists()
    assert not Deadline.objects.exists()  # no due date guessed from a calendar nobody has


def test_publishing_an_empty_catalogue_is_refused(administrator, organisation):
    catalogue = CatalogueFactory(year=2024, organisation=organisation, published_at=None)
    response = client_for(administrator).post(
        "/admin/decisions/catalogue/", {"action": "publish", "_selected_action": [catalogue.pk]}, follow=True
    )
    assert "目录中还没有决策事项" in response.content.decode()
    catalogue.refresh_from_db()
    assert catalogue.published_at is None


def test_the_opinion_form_offers_only_the_units_own_decisions_and_activities(drafter, organisation, other_organisation):
    from decisions.models import Activity

    mine = DecisionFactory(organisation=organisation, title="本单位的决策")
    theirs = DecisionFactory(organisation=other_organisation, title="其他单位的决策")
    Activity.objects.create(decision=theirs, kind="forum", held_on=dt.date(2023, 9, 1), participants=3)
    form = client_for(drafter).get("/admin/decisions/opinion/add/").context["adminform"].form
    assert list(form.fields["decision"].queryset) == [mine]
    assert not form.fields["activity"].queryset.exists()
