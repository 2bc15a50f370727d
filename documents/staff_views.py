"""Staff pages of the document library: the completeness report (item 3) and
the historical review (item 20). Staff only; linked from the admin index."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import OuterRef, Subquery
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from organisations import access

from . import permissions, services
from .forms import HistoricalDecisionForm
from .models import DocumentDecision, PolicyDocument

PAGE_SIZE = 50


def _page(request: HttpRequest, queryset) -> object:
    raw = request.GET.get("page", "1")
    return Paginator(queryset, PAGE_SIZE).get_page(raw if raw.isascii() and raw.isdigit() else 1)


@require_safe
@access.staff_required
def completeness_report(request: HttpRequest) -> HttpResponse:
    """Published documents missing a required element (item 3), for the staff member's organisation."""
    documents = (
        permissions.visible_documents(request.user, PolicyDocument.objects.published().incomplete())
        .select_related("organisation", "issuing_organisation")
        .prefetch_related("tags")
        .order_by("organisation__order", "organisation_id", "-published_at", "-id")
    )
    page = _page(request, documents)
    rows = [{"document": d, "missing": d.missing_elements()} for d in page.object_list]
    context = {"page_obj": page, "rows": rows, "total": page.paginator.count}
    return render(request, "documents/staff/completeness.html", context)


def _candidates(request: HttpRequest):
    last = DocumentDecision.objects.filter(document=OuterRef("pk")).order_by("-decided_at", "-id")
    return (
        permissions.visible_documents(request.user, services.historical_review_candidates())
        .select_related("organisation", "issuing_organisation")
        .annotate(last_decided_at=Subquery(last.values("decided_at")[:1]))
        .annotate(last_decision_to=Subquery(last.values("to_attribute")[:1]))
        .order_by("last_decided_at", "written_date", "id")
    )


@require_http_methods(["GET", "HEAD", "POST"])
@access.staff_required
def historical_review(request: HttpRequest) -> HttpResponse:
    """Filed documents not proactively disclosed, with batch decisions to convert them (item 20)."""
    candidates = _candidates(request)
    may_decide = permissions.can_decide_historical(request.user)
    form = HistoricalDecisionForm(
        request.POST if request.method == "POST" else None, queryset=candidates, choices=services.HISTORICAL_CHOICES
    )
    status = 200
    if request.method == "POST":
        if not may_decide:
            raise PermissionDenied("只有管理员或公开审查人可以作出历史文件审查决定。")
        if form.is_valid():
            try:
                decisions = services.document_decide_historical(
                    documents=form.cleaned_data["documents"],
                    user=request.user,
                    to_attribute=form.cleaned_data["to_attribute"],
                    comment=form.cleaned_data["comment"],
                )
            except services.TransitionBlocked as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, f"已记录 {len(decisions)} 份文件的审查决定。")
                return redirect("documents:historical_review")
        status = 400
    page = _page(request, candidates)
    checked = {str(pk) for pk in (form["documents"].value() or [])}
    context = {
        "page_obj": page,
        "total": page.paginator.count,
        "form": form,
        "checked": checked,
        "may_decide": may_decide,
        "recent": DocumentDecision.objects.filter(
            document__in=permissions.visible_documents(request.user)
        ).select_related("document", "decided_by")[:20],
    }
    return render(request, "documents/staff/historical_review.html", context, status=status)
