"""Public pages of the annual reports: the list (newest first), each report with its tables
as HTML tables, and its PDF, DOCX and JSON copies. Only published reports, and only counts:
no applicant, asker or commenter is ever named."""

from __future__ import annotations

import json

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from organisations.models import Organisation

from . import downloads, tables
from . import format as fmt
from .models import AnnualReport


def _published(year: int, slug: str | None = None) -> AnnualReport:
    found = AnnualReport.objects.published().select_related("organisation").filter(year=year)
    if slug is None:
        found = found.filter(organisation__kind=Organisation.Kind.GOVERNMENT)
    else:
        found = found.filter(organisation__slug=slug)
    report = found.order_by("organisation__order", "organisation_id").first()
    if report is None:
        raise Http404("没有找到该年度已发布的年度报告。")
    return report


@require_safe
def annual_list(request: HttpRequest) -> HttpResponse:
    reports = (
        AnnualReport.objects.published()
        .select_related("organisation")
        .order_by("-year", "organisation__order", "organisation_id")
    )
    return render(request, "reports/annual_list.html", {"nav": "reports", "reports": reports})


def _detail(request: HttpRequest, report: AnnualReport) -> HttpResponse:
    others = (
        AnnualReport.objects.published()
        .filter(year=report.year)
        .exclude(pk=report.pk)
        .select_related("organisation")
        .order_by("organisation__order")
    )
    context = {"nav": "reports", "report": report, "others": others, **report_context(report)}
    return render(request, "reports/annual_detail.html", context)


def report_context(report: AnnualReport) -> dict:
    """What every rendering of a report shows (the page, the PDF)."""
    return {
        "report": report,
        "proactive_rows": tables.proactive_rows(report),
        "application_rows": tables.application_rows(report),
        "review_rows": tables.review_rows(report),
        "checks": tables.checks(report),
        "cross_check_holds": tables.cross_check_holds(report),
        "application_columns": fmt.APPLICATION_COLUMNS,
        "review_columns": fmt.REVIEW_COLUMNS,
        "fmt": {
            "overview": fmt.PART_OVERVIEW,
            "proactive": fmt.PART_PROACTIVE,
            "applications": fmt.PART_APPLICATIONS,
            "reviews": fmt.PART_REVIEWS,
            "problems": fmt.PART_PROBLEMS,
            "other": fmt.PART_OTHER,
            "cross_check": fmt.CROSS_CHECK,
        },
    }


@require_safe
def annual_detail(request: HttpRequest, year: int) -> HttpResponse:
    return _detail(request, _published(year))


@require_safe
def annual_organ(request: HttpRequest, year: int, slug: str) -> HttpResponse:
    return _detail(request, _published(year, slug))


def _json(report: AnnualReport) -> HttpResponse:
    body = json.dumps(tables.as_json(report), ensure_ascii=False, indent=2)
    return HttpResponse(body, content_type="application/json; charset=utf-8")


@require_safe
def annual_json(request: HttpRequest, year: int) -> HttpResponse:
    return _json(_published(year))


@require_safe
def annual_organ_json(request: HttpRequest, year: int, slug: str) -> HttpResponse:
    return _json(_published(year, slug))


def _download(report: AnnualReport, kind: str) -> HttpResponse:
    if kind == "pdf":
        content, content_type = downloads.render_pdf(report), "application/pdf"
    else:
        content = downloads.render_docx(report)
        content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    response = HttpResponse(content, content_type=content_type)
    filename = f"annual-report-{report.year}-{report.organisation.slug}.{kind}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_safe
def annual_download(request: HttpRequest, year: int, kind: str) -> HttpResponse:
    return _download(_published(year), kind)


@require_safe
def annual_organ_download(request: HttpRequest, year: int, slug: str, kind: str) -> HttpResponse:
    return _download(_published(year, slug), kind)
