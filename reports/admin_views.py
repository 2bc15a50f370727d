"""The annual report's buttons in the admin (wired by AnnualReportAdmin.get_urls): generate
a draft for a year and organ, regenerate a draft's tables, publish. Each parses the post,
calls the service and goes back with a message; a refusal is 403 (role or organisation)
or 409 (the report's state), with the Chinese reason, and changes nothing."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from organisations.models import Organisation

from . import permissions, services, tables
from .models import AnnualReport
from .views import report_context


def _change_url(report: AnnualReport) -> str:
    return reverse("admin:reports_annualreport_change", args=[report.pk])


def panel(request: HttpRequest, report: AnnualReport) -> dict:
    """What the change page shows above the form: the tables, the checks, the buttons."""
    return {
        **report_context(report),
        "unrecorded": report.figures.get("unrecorded", []),
        "blank_figures": tables.blank_staff_figures(report),
        "may_regenerate": permissions.check(request.user, permissions.EDIT, report) is None,
        "may_publish": permissions.check(request.user, permissions.PUBLISH, report) is None,
        "publish_refusal": getattr(permissions.check(request.user, permissions.PUBLISH, report), "message", ""),
    }


def _status_page(request: HttpRequest, message: str, back: str, status: int) -> HttpResponse:
    return render(request, "admin/reports/annualreport/refused.html", {"message": message, "back": back}, status=status)


@require_http_methods(["GET", "POST"])
def generate(request: HttpRequest) -> HttpResponse:
    """生成年度报告草稿: a year and a reporting organ."""
    organs = [
        o for o in services.reporting_organs(timezone.localdate().year) if permissions.may_report_for(request.user, o)
    ]
    default_year = timezone.localdate().year - 1
    context = {"organs": organs, "year": request.POST.get("year", default_year), "title": "生成年度报告草稿"}
    if request.method == "GET":
        return TemplateResponse(request, "admin/reports/annualreport/generate.html", context)
    errors = []
    try:
        year = int(request.POST.get("year", ""))
        if not 2000 <= year <= timezone.localdate().year:
            raise ValueError
    except ValueError:
        errors.append("请填写有效的报告年度（如 2025）。")
        year = None
    organisation = Organisation.objects.filter(pk=request.POST.get("organisation") or 0).first()
    if organisation is None or organisation not in organs:
        errors.append("请选择报告机关。")
    if errors:
        context["errors"] = errors
        context["chosen"] = request.POST.get("organisation", "")
        return TemplateResponse(request, "admin/reports/annualreport/generate.html", context, status=400)
    try:
        report = services.report_generate(year=year, organisation=organisation, user=request.user)
    except services.ReportRefused as exc:
        return _status_page(request, str(exc), reverse("admin:reports_annualreport_changelist"), exc.status)
    messages.success(request, f"已根据{year}年的数据生成{report.title}草稿，请核对表格并补充文字部分。")
    return redirect(_change_url(report))


@require_POST
def regenerate(request: HttpRequest, object_id: int) -> HttpResponse:
    report = get_object_or_404(permissions.visible_reports(request.user), pk=object_id)
    try:
        services.report_generate(year=report.year, organisation=report.organisation, user=request.user)
    except services.ReportRefused as exc:
        return _status_page(request, str(exc), _change_url(report), exc.status)
    messages.success(request, "已按最新数据重新生成统计表格；已填写的文字和数字保持不变。")
    return redirect(_change_url(report))


@require_POST
def publish(request: HttpRequest, object_id: int) -> HttpResponse:
    report = get_object_or_404(permissions.visible_reports(request.user), pk=object_id)
    try:
        services.report_publish(report=report, user=request.user)
    except services.ReportRefused as exc:
        return _status_page(request, str(exc), _change_url(report), exc.status)
    messages.success(request, f"{report.title}已审签发布。")
    return redirect(_change_url(report))
