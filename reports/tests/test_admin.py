"""Staff in the admin: generate the draft, edit it, regenerate its tables, and the head
publishes it; refusals are Chinese messages with 4xx."""

from __future__ import annotations

import pytest

from factories import client_for, make_staff
from organisations import roles
from reports.models import AnnualReport

pytestmark = pytest.mark.django_db

LIST = "/admin/reports/annualreport/"


def _form(report: AnnualReport, **changes) -> dict:
    data = {
        "overview": report.overview,
        "problems": report.problems,
        "other_matters": report.other_matters,
        "licensing_count": "",
        "licensing_source": "",
        "penalty_count": "",
        "penalty_source": "",
        "enforcement_count": "",
        "enforcement_source": "",
        "fee_amount": "",
        "fee_source": "",
    }
    data.update(changes)
    return data


def _generate(client, town, year="2025"):
    return client.post(f"{LIST}generate/", {"year": year, "organisation": town.pk})


def test_the_list_offers_generating_a_draft(year_2025, town, drafter):
    page = client_for(drafter).get(LIST).content.decode()

    assert "生成年度报告草稿" in page


def test_staff_generate_a_draft_and_see_its_tables_and_check(year_2025, town, drafter):
    client = client_for(drafter)

    response = _generate(client, town)
    report = AnnualReport.objects.get(year=2025, organisation=town)
    assert response.status_code == 302 and response["Location"].endswith(f"{report.pk}/change/")
    page = client.get(response["Location"]).content.decode()
    assert "（七）总计" in page and "<strong>通过</strong>" in page
    assert "尚未填报：行政许可、行政处罚、行政强制、行政事业性收费" in page


def test_a_bad_year_is_refused_in_chinese_and_keeps_the_choice(year_2025, town, drafter):
    response = _generate(client_for(drafter), town, year="二〇二五")

    assert response.status_code == 400
    assert "请填写有效的报告年度" in response.content.decode()
    assert AnnualReport.objects.count() == 0


def test_staff_edit_the_text_and_the_figures_then_the_head_publishes(year_2025, town, drafter, signer):
    client = client_for(drafter)
    _generate(client, town)
    report = AnnualReport.objects.get()
    url = f"{LIST}{report.pk}/change/"

    saved = client.post(
        url,
        _form(
            report,
            overview="总体情况（工作人员改写）。",
            problems="问题与改进。",
            other_matters="无。",
            licensing_count="0",
            penalty_count="2",
            enforcement_not_applicable="on",
            fee_amount="0.5",
            fee_source="镇财政所",
        ),
    )
    assert saved.status_code == 302
    report.refresh_from_db()
    assert report.licensing_count == 0 and report.enforcement_not_applicable and report.drafted_by == drafter

    refused = client.post(f"{LIST}{report.pk}/publish/")
    assert refused.status_code == 403 and "审签负责人" in refused.content.decode()

    published = client_for(signer).post(f"{LIST}{report.pk}/publish/")
    assert published.status_code == 302
    report.refresh_from_db()
    assert report.is_published

    again = client.post(url, _form(report, overview="改动"))
    assert again.status_code == 403
    report.refresh_from_db()
    assert report.overview == "总体情况（工作人员改写）。"


def test_publishing_with_a_blank_figure_is_refused_with_409(year_2025, town, drafter, signer):
    _generate(client_for(drafter), town)
    report = AnnualReport.objects.get()

    response = client_for(signer).post(f"{LIST}{report.pk}/publish/")

    assert response.status_code == 409
    assert "尚未填写" in response.content.decode()
    report.refresh_from_db()
    assert not report.is_published


def test_staff_of_an_office_reporting_on_its_own_do_not_see_the_town_report(year_2025, town, separate_office, drafter):
    _generate(client_for(drafter), town)
    report = AnnualReport.objects.get()
    outsider = client_for(make_staff(roles.DRAFTER, separate_office, "drafter-separate"))

    assert outsider.get(f"{LIST}{report.pk}/change/").status_code == 302  # the admin's "not found" redirect
    assert outsider.post(f"{LIST}{report.pk}/regenerate/").status_code == 404
    assert _generate(outsider, town).status_code == 400  # the town is not among its organs


def test_zero_blank_and_not_applicable_show_differently_on_the_draft(year_2025, town, drafter):
    client = client_for(drafter)
    _generate(client, town)
    report = AnnualReport.objects.get()
    report.licensing_count = 0
    report.enforcement_not_applicable = True
    report.save(update_fields=["licensing_count", "enforcement_not_applicable"])

    page = client.get(f"{LIST}{report.pk}/change/").content.decode()

    assert '<th scope="row">行政许可</th><td colspan="3">0</td>' in page
    assert (
        '<th scope="row">行政处罚</th><td colspan="3"><span class="visually-hidden">空白（未填报）</span></td>' in page
    )
    assert '<th scope="row">行政强制</th><td colspan="3"><span class="report-na">不适用</span></td>' in page
