"""The demo: guide, accounts and applications, loaded twice without duplicates."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from applications import demo
from applications.models import Application, ApplicationEvent, Guide
from organisations.demo import all_demo_accounts

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(db):
    call_command("load_demo", stdout=io.StringIO())
    out = io.StringIO()
    call_command("load_demo_applications", stdout=out)
    return out.getvalue()


def test_the_demo_loads_twice_without_duplicates_and_keeps_staff_changes(loaded):
    counts = (Application.objects.count(), ApplicationEvent.objects.count())
    guide = Guide.current()
    guide.phone = "021-1234 5678"
    guide.save(update_fields=["phone"])

    call_command("load_demo_applications", stdout=io.StringIO())

    assert (Application.objects.count(), ApplicationEvent.objects.count()) == counts
    assert Guide.current().phone == "021-1234 5678"


def test_it_loads_the_guide_applications_from_several_channels_and_the_role_accounts(loaded):
    assert "依申请公开演示数据已就绪" in loaded and "apply-registrar" in loaded
    assert Guide.objects.get().email == "gongkai@xujing.example.gov.cn"
    assert Application.objects.count() == len(demo.SAMPLES) + len(demo.HISTORY) + len(demo.RECENT) >= 30
    assert Application.objects.values("channel").distinct().count() >= 4
    assert Application.objects.filter(organisation=None).exists()
    assert {"apply-registrar", "apply-handler", "apply-signer"} <= {a.username for a in all_demo_accounts()}


def test_it_asks_for_the_document_demo_first():
    with pytest.raises(CommandError, match="load_demo"):
        call_command("load_demo_applications", stdout=io.StringIO())


def test_it_takes_some_applications_through_the_statutory_steps(loaded):
    from applications.models import Outcome, Status

    assert Application.objects.filter(restarted_on__isnull=False, status=Status.IN_PROGRESS).count() == 1
    assert Application.objects.filter(status=Status.EXTENDED, extension_days=10).count() == 1
    assert set(Application.objects.exclude(outcome="").values_list("outcome", flat=True)) == set(Outcome.values)
    assert Application.objects.filter(outcome=Outcome.DISCLOSED, reply_document__isnull=False).exists()
    assert Application.objects.filter(status=Status.ARCHIVED).exists()
    assert Application.objects.open().count() >= 5


def test_the_demo_covers_every_path_the_annual_report_counts(loaded):
    from applications.models import ApplicantCategory, OutcomeReason, Review, Status

    last_year = Application.objects.filter(received_on__year=2025)
    assert set(last_year.values_list("applicant_category", flat=True)) == set(ApplicantCategory.values)
    # Received in December 2025, answered in January 2026: carried over into the next year.
    assert last_year.filter(received_on__month=12, replied_on__year=2026).exists()
    assert Application.objects.filter(fee_paid_on__isnull=False).exists()
    assert Application.objects.filter(outcome_reason=OutcomeReason.FEE_UNPAID).exists()
    assert Application.objects.filter(status=Status.AWAITING_PAYMENT).exists()
    assert Application.objects.filter(third_party_view="objected").exists()
    assert Application.objects.filter(status=Status.THIRD_PARTY).exists()
    assert set(Review.objects.values_list("kind", flat=True)) == {"reconsideration", "lawsuit"}
    assert set(Review.objects.values_list("result", flat=True)) >= {"upheld", "corrected", "pending"}
    # The clock runs (and has a date) except while it waits for the applicant or a third party.
    stopped = (Status.CORRECTION, Status.THIRD_PARTY, Status.AWAITING_PAYMENT)
    for application in Application.objects.open().exclude(status__in=stopped):
        assert application.due_on is not None
