"""The staff dashboard of the compliance self-check (/staff/compliance/)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from organisations import access

from . import permissions, selectors, services

NOT_ALLOWED = "您的角色不能查看合规自查看板。"
NOT_ALLOWED_RUN = "您的角色不能立即运行合规自查。"


@require_safe
@access.staff_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """A red/amber/green line per rule with its findings, and the 12-month trend."""
    if not permissions.can_view(request.user):
        raise PermissionDenied(NOT_ALLOWED)
    today = timezone.localdate()
    run_on, lines = selectors.lines()
    months, trend = selectors.trend(today)
    context = {
        "run_on": run_on,
        "lines": lines,
        "summary": selectors.summary(lines),
        "months": months,
        "trend": trend,
        "may_run": permissions.can_run(request.user),
    }
    response = render(request, "compliance/dashboard.html", context)
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
@access.staff_required
def run_now(request: HttpRequest) -> HttpResponse:
    """The button: run every rule now (today's stored result is replaced)."""
    if not permissions.can_run(request.user):
        raise PermissionDenied(NOT_ALLOWED_RUN)
    results = services.compliance_run()
    red = sum(1 for r in results if r.level == "red")
    messages.success(request, f"已完成合规自查：{len(results)} 项规则，其中 {red} 项不合规。")
    return redirect("compliance:dashboard")
