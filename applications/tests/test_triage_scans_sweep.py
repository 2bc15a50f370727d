"""Triage on the application's admin page (already-published documents, the applicant's
similar earlier applications, only those the staff member may see); each opening of an
identity scan recorded; the periodic task that ends abandoned applications; the fee's
count basis counted from the applicant's applications of the month."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from applications import services, tasks
from applications.models import Outcome, OutcomeReason, ScanOpening, Status
from documents.search_sync import sync_document
from factories import PolicyDocumentFactory, client_for, png_bytes
from xujing_portal.append_only import AppendOnlyError

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]

D = dt.date
TZ = timezone.get_default_timezone()


def _change(application) -> str:
    return reverse("admin:applications_application_change", args=[application.pk])


def _at(y, m, d, h=10):
    return timezone.make_aware(dt.datetime(y, m, d, h, 0))


# --- Triage --------------------------------------------------------------------------


def test_triage_lists_published_documents_and_a_possible_repeated_application(
    new_application, organisation, other_organisation, handler
):
    document = PolicyDocumentFactory(published=True, title="徐泾镇道路养护经费使用情况")
    sync_document(document.pk)
    earlier = new_application(organisation=organisation, submitted_at=_at(2026, 2, 2)).application
    unrelated = new_application(
        organisation=organisation, description="申请公开2024年垃圾分类宣传经费。", submitted_at=_at(2026, 2, 3)
    ).application
    elsewhere = new_application(organisation=other_organisation, submitted_at=_at(2026, 2, 4)).application
    stranger = new_application(
        organisation=organisation, id_number="", phone="13000000000", email="someone@example.com"
    ).application
    current = new_application(organisation=organisation).application

    page = client_for(handler).get(_change(current)).content.decode()

    triage = page.split('id="triage-heading"', 1)[1].split("</section>", 1)[0]
    assert document.get_absolute_url() in triage and "徐泾镇道路养护经费使用情况" in triage
    assert _change(earlier) in triage and "可能重复申请" in triage and "证件号码" in triage
    assert _change(unrelated) in triage
    assert triage.count("triage-repeated") == 1  # the unrelated one is listed, not flagged
    assert _change(elsewhere) not in triage  # another organisation's: not the handler's to see
    assert _change(stranger) not in triage


def test_triage_for_an_applicant_without_identifiers(new_application, organisation, handler):
    current = new_application(organisation=organisation, id_number="", phone="", email="").application
    new_application(organisation=organisation, id_number="", phone="", email="")

    page = client_for(handler).get(_change(current)).content.decode()

    assert "没有找到该申请人的其他申请" in page


# --- Identity scans ------------------------------------------------------------------


@pytest.fixture
def with_scan(new_application, organisation):
    scan = SimpleUploadedFile("身份证.png", png_bytes(), content_type="image/png")
    return new_application(organisation=organisation, identity_scan=scan).application


def test_each_opening_of_a_scan_is_recorded_and_shown(with_scan, handler):
    url = reverse("admin:applications_application_identity_scan", args=[with_scan.pk])
    client = client_for(handler)
    assert url in client.get(_change(with_scan)).content.decode()

    for _ in range(2):
        response = client.get(url)
        assert response.status_code == 200 and b"".join(response.streaming_content) == png_bytes()
        assert "no-store" in response["Cache-Control"]

    openings = list(ScanOpening.objects.filter(application=with_scan))
    assert [o.user for o in openings] == [handler, handler]
    page = client.get(_change(with_scan)).content.decode()
    assert "查看记录" in page and page.count(handler.get_username()) >= 2
    with pytest.raises(AppendOnlyError):
        openings[0].delete()


def test_a_scan_is_refused_and_not_recorded_outside_scope(with_scan, other_handler, application_signer):
    url = reverse("admin:applications_application_identity_scan", args=[with_scan.pk])

    assert client_for(other_handler).get(url).status_code == 403
    assert client_for(application_signer).get(url).status_code == 403  # the signer's role does not open scans
    assert Client().get(url).status_code == 302
    assert not ScanOpening.objects.exists()


# --- The periodic task ----------------------------------------------------------------


def test_the_periodic_task_ends_overdue_corrections_and_payments_once(new_application, organisation, handler):
    uncorrected = new_application(organisation=organisation, submitted_at=_at(2026, 2, 2)).application
    unpaid = new_application(organisation=organisation, submitted_at=_at(2026, 2, 2)).application
    waiting = new_application(organisation=organisation, submitted_at=_at(2026, 2, 2)).application
    services.application_request_correction(application=uncorrected, user=handler, items="请补充。", on=D(2026, 2, 3))
    services.application_request_correction(
        application=waiting, user=handler, items="请补充。", days=60, on=D(2026, 2, 3)
    )
    services.application_charge(application=unpaid, user=handler, basis="pages", pages=40, on=D(2026, 2, 3))
    uncorrected.refresh_from_db()
    unpaid.refresh_from_db()
    after = max(uncorrected.correction_due_on, unpaid.payment_due_on) + dt.timedelta(days=1)

    with time_machine.travel(_at(after.year, after.month, after.day), tick=False):
        assert tasks.abandon_overdue() == {"uncorrected": 1, "unpaid": 1}
        assert tasks.abandon_overdue() == {"uncorrected": 0, "unpaid": 0}

    for application, reason in ((uncorrected, OutcomeReason.NO_CORRECTION), (unpaid, OutcomeReason.FEE_UNPAID)):
        application.refresh_from_db()
        assert (application.status, application.outcome, application.outcome_reason) == (
            Status.CLOSED,
            Outcome.OTHER,
            reason,
        )
        assert application.events.filter(action="closed").count() == 1
    waiting.refresh_from_db()
    assert waiting.status == Status.CORRECTION


def test_the_task_is_in_the_beat_schedule():
    from xujing_portal.celery import app

    names = [entry["task"] for entry in app.conf.beat_schedule.values()]
    assert "applications.tasks.abandon_overdue" in names


# --- The fee's count basis -------------------------------------------------------------


def test_the_count_basis_counts_the_applicant_s_applications_of_the_month(new_application, organisation):
    feb = [new_application(submitted_at=_at(2026, 2, day)).application for day in (2, 3, 4)]
    march = new_application(submitted_at=_at(2026, 3, 2)).application
    someone_else = new_application(submitted_at=_at(2026, 2, 5), id_number="11010519491231002X").application
    company = new_application(
        applicant_type="organisation",
        applicant_category="business",
        id_number="",
        credit_code="914403001922038216",
        legal_representative="某",
        contact_person="某",
        submitted_at=_at(2026, 2, 6),
    ).application
    no_number = new_application(id_number="", submitted_at=_at(2026, 2, 9)).application

    assert [services.count_basis(a) for a in feb] == [1, 2, 3]
    assert services.count_basis(march) == 1  # a new natural month
    assert services.count_basis(someone_else) == 1
    assert services.count_basis(company) == 1
    assert services.count_basis(no_number) is None


def test_a_count_fee_without_an_identity_number_is_refused(new_application, organisation, handler):
    application = new_application(organisation=organisation, id_number="").application
    with pytest.raises(services.ValidationError, match="无法统计"):
        services.application_charge(application=application, user=handler, basis="count", on=D(2026, 3, 3))
