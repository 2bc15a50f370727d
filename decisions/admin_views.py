"""The buttons on a decision's admin page, as small views under
/admin/decisions/decision/<id>/ (wired by DecisionAdmin.get_urls), and the panel that
shows them.

Each view parses what was posted, asks decisions.permissions, calls the service and goes
back with a message. A refused step changes nothing: 403 when the user's role or
organisation never allows it, 409 (the decision's page with the reason, and the typed
comment kept) when a stage rule blocks it for now, 400 when the input is invalid.
"""

from __future__ import annotations

import copy

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse

from documents.models import PolicyDocument

from . import permissions, services
from .forms import StageCommentForm
from .models import STAGE_ORDER, Decision, FeedbackReport, Stage

RESULT_DOCUMENTS_PER_PAGE = 20


def change_url(pk: int) -> str:
    return reverse("admin:decisions_decision_change", args=[pk])


def _decision_for(request: HttpRequest, pk: int, action: str) -> Decision:
    """The decision (404 if there is none), or 403 if the user may not take `action` on it
    (decisions.permissions refuses by role and organisation only; stage rules answer 409)."""
    decision = get_object_or_404(Decision.objects.select_related("organisation", "catalogue"), pk=pk)
    refused = permissions.denial(request.user, action, decision)
    if refused is not None:
        raise PermissionDenied(refused.message)
    return decision


def _refused(
    request: HttpRequest, model_admin: admin.ModelAdmin, decision: Decision, message: str, typed: str, status: int
) -> HttpResponse:
    """The decision's page again, with the reason and the typed comment kept."""
    messages.error(request, message)
    page = copy.copy(request)
    page.method = "GET"  # shown as when opened, nothing saved
    response = model_admin.change_view(page, str(decision.pk), extra_context={"typed": typed})
    response.status_code = status
    return response


def advance(request: HttpRequest, object_id: int, *, model_admin: admin.ModelAdmin) -> HttpResponse:
    """推进到下一阶段, with an optional comment for the stage record."""
    if request.method != "POST":
        return redirect(change_url(object_id))  # a reload or a bookmarked link: the decision's page, nothing done
    decision = _decision_for(request, object_id, permissions.ADVANCE)
    form = StageCommentForm(request.POST)
    typed = request.POST.get("comment", "")
    if not form.is_valid():
        return _refused(request, model_admin, decision, f"未能推进：{'；'.join(form.errors['comment'])}", typed, 400)
    try:
        change = services.decision_advance_next(
            decision=decision, user=request.user, comment=form.cleaned_data["comment"]
        )
    except services.StageBlocked as exc:
        return _refused(request, model_admin, decision, f"未能推进：{exc}", typed, 409)
    messages.success(request, f"《{decision}》已进入“{change.get_to_stage_display()}”阶段。")
    return redirect(change_url(object_id))


def draft_report(request: HttpRequest, object_id: int, *, model_admin: admin.ModelAdmin) -> HttpResponse:
    """Draft (or redraft from the latest dispositions) the feedback report, then open it."""
    if request.method != "POST":
        return redirect(change_url(object_id))
    decision = _decision_for(request, object_id, permissions.DRAFT_REPORT)
    try:
        report = services.feedback_report_draft(decision=decision, user=request.user, replace=True)
    except services.ReportBlocked as exc:
        return _refused(request, model_admin, decision, f"未能生成反馈报告草稿：{exc}", "", 409)
    messages.success(request, drafted_message(decision, report))
    return redirect(reverse("admin:decisions_feedbackreport_change", args=[report.pk]))


def publish_report(request: HttpRequest, object_id: int, *, model_admin: admin.ModelAdmin) -> HttpResponse:
    """Publish the decision's feedback report (and tell the commenters who left an address)."""
    if request.method != "POST":
        return redirect(change_url(object_id))
    decision = _decision_for(request, object_id, permissions.PUBLISH_REPORT)
    report = FeedbackReport.objects.filter(decision=decision).first()
    if report is None:
        return _refused(request, model_admin, decision, "未能发布：请先生成反馈报告草稿。", "", 409)
    try:
        services.feedback_report_publish(report=report, user=request.user)
    except services.ReportBlocked as exc:
        return _refused(request, model_admin, decision, f"未能发布反馈报告：{exc}", "", 409)
    messages.success(request, f"已发布{report}。")
    return redirect(change_url(object_id))


def drafted_message(decision: Decision, report: FeedbackReport) -> str:
    if report.is_published:
        return f"《{decision}》的反馈报告已发布，未重新生成。"
    if report.is_preliminary:
        return f"已生成《{decision}》的反馈报告初稿：还有意见未处理，全部处理后请重新生成，再核对发布。"
    return f"已生成《{decision}》的反馈报告草稿，请核对后发布。"


def result_documents(request: HttpRequest) -> JsonResponse:
    """Published public documents matching the typed title or number, for the select2 box."""
    if not permissions.can_work_on_decisions(request.user):
        raise PermissionDenied("只有办理重大行政决策的工作人员可以选择决策结果文件。")
    term = request.GET.get("term", "").strip()[:100]
    documents = PolicyDocument.objects.public().order_by("-published_at", "-id")
    if term:
        documents = documents.filter(Q(title__icontains=term) | Q(doc_number__icontains=term))
    page = Paginator(documents.only("id", "title", "doc_number", "published_at"), RESULT_DOCUMENTS_PER_PAGE)
    current = page.get_page(request.GET.get("page"))
    return JsonResponse(
        {
            "results": [{"id": str(d.pk), "text": document_label(d)} for d in current],
            "pagination": {"more": current.has_next()},
        }
    )


def document_label(document: PolicyDocument) -> str:
    parts = [document.doc_number, f"{document.published_at:%Y-%m-%d}发布" if document.published_at else ""]
    details = "，".join(p for p in parts if p)
    return f"{document.title}（{details}）" if details else document.title


# --- the panel on the decision's page -------------------------------------------------------


def stage_panel(request: HttpRequest, decision: Decision, typed: str) -> dict:
    """The stage steps and the buttons the user may press now (decisions.permissions)."""
    user = request.user
    target = services.next_stage(decision)
    may_advance = permissions.can(user, permissions.ADVANCE, decision)
    needs = ""
    if target and may_advance:
        try:
            services.decision_check_advance(decision=decision, to_stage=target)
        except services.StageBlocked as exc:
            needs = str(exc)
    # The feedback stage is not a button: publishing the feedback report moves the decision on.
    automatic = target == Stage.FEEDBACK
    if automatic:
        needs = ""
    report = FeedbackReport.objects.filter(decision=decision).first()
    unpublished = report is not None and not report.is_published
    opinions = reverse("admin:decisions_opinion_changelist") + f"?decision__id__exact={decision.pk}"
    return {
        "steps": [
            {"label": Stage(value).label, "state": _step_state(index, decision.stage_index)}
            for index, value in enumerate(STAGE_ORDER)
        ],
        "current_label": decision.get_stage_display(),
        "next_label": Stage(target).label if target else "",
        "may_advance": may_advance and not automatic,
        "automatic": automatic,
        "needs": needs,
        "typed": typed,
        "advance_url": reverse("admin:decisions_decision_advance", args=[decision.pk]),
        "may_draft_report": permissions.can(user, permissions.DRAFT_REPORT, decision)
        and not (report and report.is_published),
        "draft_url": reverse("admin:decisions_decision_draft_report", args=[decision.pk]),
        "may_publish_report": unpublished and permissions.can(user, permissions.PUBLISH_REPORT, decision),
        "publish_url": reverse("admin:decisions_decision_publish_report", args=[decision.pk]),
        "report": report,
        "report_url": reverse("admin:decisions_feedbackreport_change", args=[report.pk]) if report else "",
        "opinion_count": decision.opinions.count(),
        "pending_count": services.undisposed_opinions(decision).count(),
        "opinions_url": opinions,
        "add_opinion_url": reverse("admin:decisions_opinion_add") + f"?decision={decision.pk}",
        "public_url": decision.get_absolute_url() if decision.catalogue.is_public else "",
    }


def _step_state(index: int, current: int) -> str:
    return "done" if index < current else "current" if index == current else "todo"
