"""The demo: the 2024 report online, the 2025 report ready for the head; loaded twice
without duplicates."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from applications.models import Application
from reports import services, tables
from reports.models import AnnualReport

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(db):
    for command in ["load_demo", "load_demo_applications", "load_demo_reports"]:
        call_command(command, stdout=io.StringIO())


def test_the_demo_publishes_2024_and_leaves_2025_for_the_head_to_sign(loaded):
    from django.contrib.auth import get_user_model

    draft = AnnualReport.objects.get(year=2025)
    assert AnnualReport.objects.get(year=2024).is_published
    assert not draft.is_published and tables.cross_check_holds(draft)
    new = next(r for r in draft.figures["applications"] if r["label"] == "一、本年新收政府信息公开申请数量")
    # The applications demo's year 2025 and this demo's own (through the services, on their dates).
    assert new["cells"]["总计"] == Application.objects.filter(received_on__year=2025).count() >= 20
    pending = draft.figures["reviews"][0]["cells"]["尚未审结"]
    assert pending >= 1

    services.report_publish(report=draft, user=get_user_model().objects.get(username="signer"))
    assert Client().get("/reports/annual/2025.pdf").status_code == 200


def test_loading_again_adds_nothing_and_keeps_staff_changes(loaded):
    report = AnnualReport.objects.get(year=2025)
    report.overview = "工作人员改写。"
    report.save(update_fields=["overview"])
    counts = (Application.objects.count(), AnnualReport.objects.count())

    call_command("load_demo_reports", stdout=io.StringIO())

    assert (Application.objects.count(), AnnualReport.objects.count()) == counts
    assert AnnualReport.objects.get(year=2025).overview == "工作人员改写。"


def test_without_the_other_demos_it_says_what_to_run_first(db):
    with pytest.raises(CommandError, match="load_demo_applications"):
        call_command("load_demo_reports", stdout=io.StringIO())
