"""Each rule of the self-check fires on the data that breaks it and clears once it is put
right, on Monday 15 June 2026 (frozen)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from applications import deadline_rules as application_deadlines
from applications.models import Application
from applications.models import Status as ApplicationStatus
from compliance import rules
from compliance.models import Level, worst
from consultations.models import DEADLINE_KIND, Message
from deadlines import services as deadline_services
from deadlines.models import Deadline
from decisions.models import FeedbackReport, Representative, RepresentativeMeeting, RepresentativeType
from documents.models import CatalogueItem, DocumentTransition, DocumentType, Status
from documents.validity import Validity
from factories import (
    CatalogueFactory,
    DecisionFactory,
    InterpretationFactory,
    MessageFactory,
    OrganisationFactory,
    PolicyDocumentFactory,
)
from organisations.models import Organisation
from reports.models import AnnualReport

from .conftest import TODAY, at

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]


def labels(findings) -> list[str]:
    return [f.label for f in findings]


def published(day: dt.date, **fields):
    return PolicyDocumentFactory(published=True, published_at=at(day), written_date=day, **fields)


def test_every_rule_runs_on_an_empty_database():
    for rule in rules.RULES:
        findings = rule.check(TODAY)
        assert all(f.level in Level.values and f.label and f.url.startswith("/admin/") for f in findings), rule.code


def test_months_before_keeps_the_day_or_takes_the_months_last():
    assert rules.months_before(dt.date(2026, 6, 15), 3) == dt.date(2026, 3, 15)
    assert rules.months_before(dt.date(2026, 5, 31), 3) == dt.date(2026, 2, 28)
    assert rules.months_after(dt.date(2026, 11, 30), 3) == dt.date(2027, 2, 28)
    assert rules.months_before(dt.date(2026, 2, 10), 6) == dt.date(2025, 8, 10)


# --- messages ------------------------------------------------------------------------


def _message(received_on: dt.date, organisation, **fields) -> Message:
    message = MessageFactory(
        received_on=received_on, organisation=organisation, status=Message.Status.ASSIGNED, **fields
    )
    deadline_services.deadline_start(
        subject=message,
        kind=DEADLINE_KIND,
        purpose="答复留言",
        legal_basis="渠道答复时限",
        start=received_on,
        working_days=5,
        organisation=organisation,
    )
    return message


def test_an_overdue_message_is_amber_until_answered(organisation):
    message = _message(dt.date(2026, 6, 1), organisation)
    _message(dt.date(2026, 6, 12), organisation)  # still within its 5 working days

    findings = rules.messages_overdue(TODAY)
    assert labels(findings) == [f"留言 {message.tracking_number}"]
    assert worst(f.level for f in findings) == Level.AMBER

    Message.objects.filter(pk=message.pk).update(status=Message.Status.ANSWERED, answered_on=TODAY)
    assert rules.messages_overdue(TODAY) == []


def test_a_message_unanswered_for_three_months_is_red(organisation):
    old = MessageFactory(received_on=dt.date(2026, 3, 15), organisation=organisation)
    MessageFactory(received_on=dt.date(2026, 3, 16), organisation=organisation)  # a day short of 3 months

    findings = rules.messages_unanswered_three_months(TODAY)
    assert labels(findings) == [f"留言 {old.tracking_number}"]
    assert findings[0].level == Level.RED

    Message.objects.filter(pk=old.pk).update(status=Message.Status.REJECTED)
    assert rules.messages_unanswered_three_months(TODAY) == []


# --- the home page and the columns ---------------------------------------------------


def test_the_home_page_latest_policies_must_be_updated_within_two_weeks():
    published(dt.date(2026, 5, 31))  # 15 days ago
    assert rules.home_latest_stale(TODAY)[0].level == Level.RED

    published(dt.date(2026, 6, 1))  # 14 days ago
    assert rules.home_latest_stale(TODAY) == []


def test_a_policy_column_with_nothing_new_for_six_months_is_red():
    root = CatalogueItem.objects.create(code="02", name="政策文件")
    column = CatalogueItem.objects.create(code="0201", name="行政规范性文件", parent=root)
    published(dt.date(2025, 12, 14), catalogue_item=column)
    published(dt.date(2026, 6, 1), doc_type=DocumentType.NOTICE)  # the 通知公告 column is fresh

    assert labels(rules.columns_stale(TODAY)) == ["栏目“政策文件 / 行政规范性文件”超过6个月未更新"]

    published(dt.date(2025, 12, 15), catalogue_item=column)  # exactly 6 months ago
    assert rules.columns_stale(TODAY) == []


def test_the_notice_column_counts_only_notices():
    published(dt.date(2026, 6, 1))
    assert labels(rules.columns_stale(TODAY)) == ["栏目“通知公告（文件类型）”超过6个月未更新"]


# --- documents -----------------------------------------------------------------------


def test_a_document_published_after_twenty_working_days_is_late():
    # 成文 2026-03-02 (Mon): 20 working days later is 2026-03-30 (Mon).
    late = PolicyDocumentFactory(
        published=True, written_date=dt.date(2026, 3, 2), published_at=at(dt.date(2026, 3, 31))
    )
    PolicyDocumentFactory(published=True, written_date=dt.date(2026, 3, 2), published_at=at(dt.date(2026, 3, 30)))

    findings = rules.documents_published_late(TODAY)
    assert labels(findings) == [str(late)]
    assert "晚1个工作日" in findings[0].detail and findings[0].level == Level.AMBER

    late.published_at = at(dt.date(2026, 3, 27))
    late.save()
    assert rules.documents_published_late(TODAY) == []


def test_an_unpublished_document_past_its_art26_deadline_is_red(organisation):
    from documents import deadline_rules

    draft = PolicyDocumentFactory(organisation=organisation, written_date=dt.date(2026, 5, 1), status=Status.DRAFT)
    deadline_rules.publication_deadline_follow(document=draft)

    findings = rules.documents_published_late(TODAY)
    assert labels(findings) == [str(draft)] and findings[0].level == Level.RED

    deadline_services.deadline_meet(subject=draft, kind=deadline_rules.KIND, on=TODAY)
    assert rules.documents_published_late(TODAY) == []


def test_an_expired_normative_document_still_marked_valid_is_red():
    document = published(dt.date(2024, 1, 5), doc_type=DocumentType.NORMATIVE, expiry_date=dt.date(2026, 6, 14))
    published(dt.date(2024, 1, 5), doc_type=DocumentType.NORMATIVE, expiry_date=TODAY)  # its last day

    assert labels(rules.normative_expired_still_valid(TODAY)) == [str(document)]

    document.validity = Validity.EXPIRED
    document.save()
    assert rules.normative_expired_still_valid(TODAY) == []


def test_a_normative_document_expiring_within_six_months_needs_a_review():
    expiring = published(dt.date(2024, 1, 5), doc_type=DocumentType.NORMATIVE, expiry_date=dt.date(2026, 12, 15))
    edited = published(dt.date(2024, 1, 5), doc_type=DocumentType.NORMATIVE, expiry_date=dt.date(2026, 9, 30))
    published(dt.date(2024, 1, 5), doc_type=DocumentType.NORMATIVE, expiry_date=dt.date(2026, 12, 16))  # later
    DocumentTransition.objects.create(
        document=edited,
        from_status=Status.PUBLISHED,
        to_status=Status.PUBLISHED,
        action=DocumentTransition.Action.EDIT,
        at=at(dt.date(2026, 5, 1)),
    )

    findings = rules.normative_expiring_unreviewed(TODAY)
    assert labels(findings) == [str(expiring)] and findings[0].level == Level.AMBER

    successor = PolicyDocumentFactory(doc_type=DocumentType.NORMATIVE, status=Status.DRAFT)
    successor.replaces.add(expiring)
    assert rules.normative_expiring_unreviewed(TODAY) == []


def test_a_policy_that_needs_an_interpretation_and_has_none_is_red():
    document = published(dt.date(2026, 6, 1), doc_type=DocumentType.NORMATIVE)
    published(dt.date(2026, 6, 1))  # needs none

    findings = rules.interpretations_missing(TODAY)
    assert labels(findings) == [str(document)]
    assert findings[0].level == Level.RED and f"document={document.pk}" in findings[0].url

    InterpretationFactory(document=document, published=True)
    assert rules.interpretations_missing(TODAY) == []


# --- decisions -----------------------------------------------------------------------


def test_the_decision_catalogue_must_be_public_by_march_31():
    assert rules.decision_catalogue_late(TODAY)[0].level == Level.RED
    assert rules.decision_catalogue_late(dt.date(2026, 3, 10))[0].level == Level.AMBER
    assert rules.decision_catalogue_late(dt.date(2026, 2, 10)) == []

    catalogue = CatalogueFactory(year=2026, published_at=at(dt.date(2026, 4, 1)))
    assert rules.decision_catalogue_late(TODAY)[0].level == Level.AMBER  # late, but public

    catalogue.published_at = at(dt.date(2026, 3, 31))
    catalogue.save()
    assert rules.decision_catalogue_late(TODAY) == []


def test_a_feedback_report_not_public_by_its_due_date_is_red():
    catalogue = CatalogueFactory(year=2026, published_at=at(dt.date(2026, 3, 1)))
    decision = DecisionFactory(catalogue=catalogue, issued_on=dt.date(2026, 5, 18), feedback_due_on=dt.date(2026, 6, 1))

    assert labels(rules.feedback_reports_late(TODAY)) == [decision.title]

    report = FeedbackReport.objects.create(
        decision=decision, body="意见采纳情况。", published_at=at(dt.date(2026, 6, 3))
    )
    findings = rules.feedback_reports_late(TODAY)
    assert labels(findings) == [decision.title] and findings[0].level == Level.AMBER  # published late

    report.published_at = at(dt.date(2026, 6, 1))
    report.save()
    assert rules.feedback_reports_late(TODAY) == []


def test_no_meeting_with_public_representatives_this_year_is_flagged(organisation):
    assert rules.representative_meetings_missing(TODAY)[0].level == Level.AMBER
    assert rules.representative_meetings_missing(dt.date(2026, 12, 1))[0].level == Level.RED

    last_year = RepresentativeMeeting.objects.create(
        organisation=organisation, title="去年的会议", held_on=dt.date(2025, 11, 5)
    )
    Representative.objects.create(meeting=last_year, kind=RepresentativeType.CITIZEN, name="王五")
    empty = RepresentativeMeeting.objects.create(
        organisation=organisation, title="无代表的会议", held_on=dt.date(2026, 5, 5)
    )
    assert rules.representative_meetings_missing(TODAY) != []

    Representative.objects.create(meeting=empty, kind=RepresentativeType.ENTERPRISE, name="赵六")
    assert rules.representative_meetings_missing(TODAY) == []


# --- applications --------------------------------------------------------------------


def _application(serial: int, organisation, **fields) -> Application:
    values = {
        "number": f"2026-{serial:04d}",
        "year": 2026,
        "serial": serial,
        "applicant_name": "李四光",
        "phone": "13800138000",
        "description": "申请公开道路养护经费。",
        "organisation": organisation,
        "received_on": dt.date(2026, 4, 1),
        "status": ApplicationStatus.ANSWERED,
        **fields,
    }
    return Application.objects.create(**values)


def test_an_application_answered_after_its_due_date_is_late(organisation):
    late = _application(1, organisation, due_on=dt.date(2026, 5, 6), replied_on=dt.date(2026, 5, 7))
    _application(2, organisation, due_on=dt.date(2026, 5, 6), replied_on=dt.date(2026, 5, 6))

    findings = rules.applications_answered_late(TODAY)
    assert labels(findings) == ["申请 2026-0001"] and findings[0].level == Level.AMBER

    Application.objects.filter(pk=late.pk).update(replied_on=dt.date(2026, 5, 5))
    assert rules.applications_answered_late(TODAY) == []


def test_an_open_application_past_its_reply_deadline_is_red(organisation):
    application = _application(3, organisation, status=ApplicationStatus.IN_PROGRESS, received_on=dt.date(2026, 4, 1))
    deadline_services.deadline_start(
        subject=application,
        kind=application_deadlines.REPLY_KIND,
        purpose="答复申请",
        legal_basis="第三十三条",
        start=dt.date(2026, 4, 1),
        working_days=20,
        organisation=organisation,
    )
    findings = rules.applications_answered_late(TODAY)
    assert labels(findings) == ["申请 2026-0003"] and findings[0].level == Level.RED

    deadline_services.deadline_meet(subject=application, kind=application_deadlines.REPLY_KIND, on=TODAY)
    Application.objects.filter(pk=application.pk).update(status=ApplicationStatus.ANSWERED)
    assert rules.applications_answered_late(TODAY) == []


def _correction_notice(application: Application, sent_on: dt.date) -> None:
    deadline_services.deadline_start(
        subject=application,
        kind=application_deadlines.CORRECTION_NOTICE_KIND,
        purpose="一次性告知补正",
        legal_basis="第三十条",
        start=application.received_on,
        working_days=7,
        organisation=application.organisation,
    )
    deadline_services.deadline_meet(subject=application, kind=application_deadlines.CORRECTION_NOTICE_KIND, on=sent_on)


def test_a_correction_notice_after_seven_working_days_is_late(organisation):
    # Received Monday 2026-05-11: the 7th working day after it is Wednesday 2026-05-20.
    late = _application(4, organisation, received_on=dt.date(2026, 5, 11), status=ApplicationStatus.IN_PROGRESS)
    on_time = _application(5, organisation, received_on=dt.date(2026, 5, 11), status=ApplicationStatus.IN_PROGRESS)
    _correction_notice(late, dt.date(2026, 5, 21))
    _correction_notice(on_time, dt.date(2026, 5, 20))

    findings = rules.correction_notices_late(TODAY)
    assert labels(findings) == ["申请 2026-0004"]
    assert "2026-05-20前" in findings[0].detail

    Deadline.objects.filter(object_id=late.pk, kind=application_deadlines.CORRECTION_NOTICE_KIND).update(
        closed_on=dt.date(2026, 5, 19)
    )
    assert rules.correction_notices_late(TODAY) == []


# --- the annual report and the catalogue ---------------------------------------------


def test_last_years_annual_report_must_be_published_by_january_31():
    item = CatalogueItem.objects.create(code="0902", name="年度报告")
    assert rules.annual_report_missing(TODAY)[0].level == Level.RED
    assert rules.annual_report_missing(dt.date(2026, 1, 20))[0].level == Level.AMBER
    assert rules.annual_report_missing(TODAY)[0].url == reverse("admin:reports_annualreport_changelist")

    # Another year's report, and a document that only mentions the year, do not count.
    published(dt.date(2025, 1, 20), catalogue_item=item, title="徐泾镇人民政府2024年政府信息公开工作年度报告")
    published(dt.date(2026, 1, 20), title="徐泾镇2025年政务公开工作总结", doc_type=DocumentType.REPORT)
    assert rules.annual_report_missing(TODAY)[0].level == Level.RED

    report = published(dt.date(2026, 2, 2), catalogue_item=item, title="徐泾镇人民政府2025年政府信息公开工作年度报告")
    assert rules.annual_report_missing(TODAY)[0].level == Level.AMBER  # published, but late

    report.published_at = at(dt.date(2026, 1, 30))
    report.save()
    assert rules.annual_report_missing(TODAY) == []


def test_the_annual_report_published_by_the_reports_app_counts():
    town = OrganisationFactory(name="徐泾镇人民政府", kind=Organisation.Kind.GOVERNMENT)
    report = AnnualReport.objects.create(year=2025, organisation=town)
    assert rules.annual_report_missing(TODAY)[0].level == Level.RED  # a draft is not published

    report.status, report.published_at = AnnualReport.Status.PUBLISHED, at(dt.date(2026, 2, 3))
    report.save()
    finding = rules.annual_report_missing(TODAY)[0]
    assert finding.level == Level.AMBER and "晚于1月31日" in finding.detail
    assert finding.url == reverse("admin:reports_annualreport_change", args=[report.pk])

    report.published_at = at(dt.date(2026, 1, 28))
    report.save()
    assert rules.annual_report_missing(TODAY) == []


def test_a_catalogue_item_with_nothing_public_is_flagged():
    root = CatalogueItem.objects.create(code="05", name="财政信息")
    budget = CatalogueItem.objects.create(code="0501", name="预算", parent=root)
    accounts = CatalogueItem.objects.create(code="0502", name="决算", parent=root)
    published(dt.date(2026, 1, 5), catalogue_item=budget)
    PolicyDocumentFactory(catalogue_item=accounts, status=Status.DRAFT)  # not public

    assert labels(rules.catalogue_items_empty(TODAY)) == ["目录“财政信息 / 决算”（0502）无内容"]

    published(dt.date(2026, 1, 5), catalogue_item=accounts)
    assert rules.catalogue_items_empty(TODAY) == []


def test_findings_never_name_the_asker_or_applicant(organisation):
    _message(dt.date(2026, 3, 1), organisation)
    _application(6, organisation, due_on=dt.date(2026, 5, 6), replied_on=dt.date(2026, 5, 7))
    OrganisationFactory()

    text = " ".join(f"{f.label} {f.detail}" for rule in rules.RULES for f in rule.check(TODAY))
    for private in ["张三丰", "13912345678", "zhangsf@example.com", "李四光", "13800138000"]:
        assert private not in text
