"""Generating, editing and publishing a report: who may, and what publishing requires."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from deadlines.models import Deadline
from factories import make_staff
from organisations import roles
from reports import services, tables
from reports.models import AnnualReport

pytestmark = pytest.mark.django_db


def _complete(report: AnnualReport, user) -> AnnualReport:
    report.licensing_count = 0
    report.penalty_count = 3
    report.enforcement_not_applicable = True
    report.fee_amount = Decimal("1.25")
    report.overview = "2025年总体情况。"
    report.problems = "存在的问题与改进措施。"
    report.other_matters = "本年度未收取信息处理费。"
    return services.report_save(report=report, user=user)


@pytest.fixture
def draft(year_2025, town, drafter):
    return services.report_generate(year=2025, organisation=town, user=drafter)


def test_the_draft_holds_the_tables_and_a_text_drafted_from_the_figures(draft):
    assert draft.status == AnnualReport.Status.DRAFT
    assert tables.cross_check_holds(draft)
    assert "本年新收政府信息公开申请7件" in draft.overview
    assert "（请工作人员" in draft.problems


def test_regenerating_keeps_what_staff_wrote(draft, drafter, organisation):
    from .conftest import make_application

    draft.overview = "工作人员改写的总体情况。"
    services.report_save(report=draft, user=drafter)
    make_application(organisation, dt.date(2025, 10, 10))

    again = services.report_generate(year=2025, organisation=draft.organisation, user=drafter)

    assert again.pk == draft.pk
    assert again.overview == "工作人员改写的总体情况。"
    new = next(r for r in again.figures["applications"] if r["label"] == "一、本年新收政府信息公开申请数量")
    assert new["cells"]["总计"] == 8


def test_the_head_publishes_a_complete_report(draft, drafter, signer):
    _complete(draft, drafter)

    report = services.report_publish(report=draft, user=signer)

    assert report.is_published and report.published_by == signer


def test_the_drafter_may_not_publish(draft, drafter):
    _complete(draft, drafter)

    with pytest.raises(services.ReportRefused) as refused:
        services.report_publish(report=draft, user=drafter)
    assert refused.value.status == 403


def test_the_head_may_not_publish_what_they_drafted_themselves(draft, signer):
    _complete(draft, signer)

    with pytest.raises(services.ReportRefused) as refused:
        services.report_publish(report=draft, user=signer)
    assert refused.value.status == 409
    assert "编写人以外" in str(refused.value)


def test_a_blank_staff_figure_blocks_publishing_but_zero_and_not_applicable_do_not(draft, drafter, signer):
    _complete(draft, drafter)
    draft.penalty_count = None
    services.report_save(report=draft, user=drafter)

    with pytest.raises(services.ReportRefused) as refused:
        services.report_publish(report=draft, user=signer)
    assert refused.value.status == 409
    assert "行政处罚" in str(refused.value) and "行政许可" not in str(refused.value)


def test_unfinished_text_blocks_publishing(draft, drafter, signer):
    _complete(draft, drafter)
    draft.problems = "（请工作人员填写。）"
    services.report_save(report=draft, user=drafter)

    with pytest.raises(services.ReportRefused, match="五、存在的主要问题及改进情况"):
        services.report_publish(report=draft, user=signer)


def test_a_failing_cross_check_blocks_publishing(draft, drafter, signer, organisation):
    from applications.models import Status

    from .conftest import make_application

    make_application(organisation, dt.date(2025, 2, 2), status=Status.CLOSED, closed_at=dt.date(2025, 2, 20))
    services.report_generate(year=2025, organisation=draft.organisation, user=drafter)
    draft.refresh_from_db()
    _complete(draft, drafter)

    with pytest.raises(services.ReportRefused, match="校验未通过"):
        services.report_publish(report=draft, user=signer)


def test_a_figure_is_not_both_a_number_and_not_applicable(draft, drafter):
    draft.licensing_count = 5
    draft.licensing_not_applicable = True

    with pytest.raises(ValidationError):
        services.report_save(report=draft, user=drafter)


def test_a_published_report_is_not_changed(draft, drafter, signer):
    _complete(draft, drafter)
    services.report_publish(report=draft, user=signer)

    draft.overview = "改动"
    with pytest.raises(services.ReportRefused) as refused:
        services.report_save(report=draft, user=drafter)
    assert refused.value.status == 409
    with pytest.raises(services.ReportRefused):
        services.report_generate(year=2025, organisation=draft.organisation, user=drafter)


def test_staff_of_an_office_reporting_on_its_own_may_not_generate_the_town_report(year_2025, town, separate_office):
    outsider = make_staff(roles.DRAFTER, separate_office, "drafter-separate")

    with pytest.raises(services.ReportRefused) as refused:
        services.report_generate(year=2025, organisation=town, user=outsider)
    assert refused.value.status == 403
    own = services.report_generate(year=2025, organisation=separate_office, user=outsider)
    assert own.organisation == separate_office


def test_from_january_1_each_reporting_organ_has_its_draft_and_january_31_deadline(year_2025, town, separate_office):
    made = services.reports_ensure_due(today=dt.date(2026, 1, 2))

    assert sorted(r.organisation.slug for r in made) == ["separate", "town"]
    deadline = Deadline.objects.get(kind=services.DEADLINE_KIND, object_id=made[0].pk)
    assert deadline.organisation == made[0].organisation
    assert dt.date(2026, 1, 28) <= deadline.due_date <= dt.date(2026, 1, 31)
    # Reminders start on January 10 (a Saturday in 2026: the first reminder falls on the 12th).
    assert not Deadline.objects.filter(pk=deadline.pk).due_soon(today=dt.date(2026, 1, 9)).exists()
    assert Deadline.objects.filter(pk=deadline.pk).due_soon(today=dt.date(2026, 1, 12)).exists()
    assert services.reports_ensure_due(today=dt.date(2026, 1, 3)) == made  # safe to run again
    assert services.reports_ensure_due(today=dt.date(2026, 2, 3)) == []


def test_publishing_meets_the_deadline(year_2025, town, drafter, signer):
    report = services.reports_ensure_due(today=dt.date(2026, 1, 2))[0]
    report = services.report_generate(year=2025, organisation=town, user=drafter)
    _complete(report, drafter)

    services.report_publish(report=report, user=signer)

    deadline = Deadline.objects.get(kind=services.DEADLINE_KIND, object_id=report.pk)
    assert deadline.state == Deadline.State.MET


def test_my_deadlines_links_a_draft_to_its_admin_page(year_2025, town):
    from factories import client_for

    report = services.reports_ensure_due(today=dt.date(2026, 1, 2))[0]
    town_staff = make_staff(roles.DRAFTER, town, "drafter-town")

    page = client_for(town_staff).get("/staff/deadlines/").content.decode()

    assert f'href="/admin/reports/annualreport/{report.pk}/change/"' in page
