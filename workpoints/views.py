"""Public pages of the column 政务公开工作要点 (item 28) and the staff download of minutes."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from organisations import access

from . import permissions, selectors
from .models import HeadReport

NO_MINUTES = "您的角色不能查看会议纪要。"


@require_safe
def index(request: HttpRequest) -> HttpResponse:
    """The column: every year's work points with its progress; the latest year first."""
    today = timezone.localdate()
    years = []
    for plan in selectors.public_plans():
        rows = selectors.item_rows(plan, today)
        years.append({"plan": plan, "progress": selectors.progress(rows)})
    return render(request, "workpoints/index.html", {"years": years, "nav": "workpoints"})


@require_safe
def year(request: HttpRequest, year: int) -> HttpResponse:
    """One year's decomposition: per item its text, office, limit, status and evidence."""
    plan = selectors.public_plans().filter(year=year).first()
    if plan is None:
        raise Http404("没有这一年度的政务公开工作要点。")
    today = timezone.localdate()
    rows = selectors.item_rows(plan, today)
    head = selectors.head_reports(plan.year)
    context = {
        "nav": "workpoints",
        "plan": plan,
        "sections": selectors.sections(rows),
        "progress": selectors.progress(rows),
        "head": head,
        "head_rows": [(r, selectors.public_minutes_url(r)) for r in head.reports],
        "today": today,
    }
    return render(request, "workpoints/year.html", context)


@require_safe
def latest(request: HttpRequest) -> HttpResponse:
    plan = selectors.public_plans().first()
    if plan is None:
        return redirect("workpoints:index")
    return redirect(plan.get_absolute_url())


@never_cache
@require_safe
@access.staff_required
def minutes(request: HttpRequest, pk: int) -> FileResponse:
    """The private minutes file of a hearing, for staff with the permission only."""
    if not permissions.can_open_minutes(request.user):
        raise PermissionDenied(NO_MINUTES)
    report = get_object_or_404(HeadReport, pk=pk)
    if not report.minutes_file:
        raise Http404("该记录没有上传会议纪要。")
    try:
        handle = report.minutes_file.open("rb")
    except FileNotFoundError as exc:
        raise Http404("会议纪要文件不存在。") from exc
    suffix = report.minutes_file.name.rsplit(".", 1)[-1] if "." in report.minutes_file.name else "bin"
    filename = f"会议纪要-{report.heard_on:%Y%m%d}.{suffix}"
    response = FileResponse(handle, as_attachment=True, filename=filename)
    response["Cache-Control"] = "private, no-store"
    return response
