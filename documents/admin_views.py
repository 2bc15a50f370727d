"""The workflow panel on a document's admin page, and the small views its buttons post to.

Each view parses the form, asks documents.permissions (a forbidden step is the site's
403; a step a workflow rule blocks answers 409 on the document page, with the reason
and what was typed kept), and calls one service. PolicyDocumentAdmin wires them in
its ``get_urls``; the admin module itself only configures the admin.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.admin import ModelAdmin
from django.db import transaction
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone

from organisations import access
from organisations.names import person_name

from . import permissions, services
from .attachments import download_response
from .forms import WaiverForm, WorkflowForm
from .models import Attachment, DocumentTransition, PolicyDocument, PrivacyFinding, Status

Action = DocumentTransition.Action


@dataclass(frozen=True)
class WorkflowStep:
    """A button of the workflow panel: what it says, what it asks, which service it calls."""

    label: str
    comment_label: str
    reason_required: bool
    style: str  # "default" or "danger"
    service: Any
    done: str


WORKFLOW_STEPS: dict[str, WorkflowStep] = {
    Action.SUBMIT: WorkflowStep(
        "提交审查", "提交说明（可选）", False, "default", services.document_submit, "已提交公开审查。"
    ),
    Action.APPROVE_REVIEW: WorkflowStep(
        "审查通过", "审查意见（可选）", False, "default", services.document_approve_review, "公开审查已通过，已送审签。"
    ),
    Action.SIGN: WorkflowStep("审签发布", "审签意见（可选）", False, "default", services.document_sign, "已审签发布。"),
    Action.SEND_BACK: WorkflowStep(
        "退回修改", "退回理由（必填）", True, "danger", services.document_send_back, "已退回起草人修改。"
    ),
    Action.WITHDRAW: WorkflowStep("撤回", "撤回理由（必填）", True, "danger", services.document_withdraw, "已撤回。"),
}
# What happens next, under the status line of the workflow panel.
NEXT_STEP = {
    Status.DRAFT: "下一步：起草人完善内容后“提交审查”。",
    Status.PENDING_REVIEW: "下一步：由本机构的公开审查人审查公开属性和隐私扫描结果。",
    Status.PENDING_SIGNOFF: "下一步：由本机构的审签负责人审签发布。",
    Status.PUBLISHED: "文件已发布。",
    Status.WITHDRAWN: "文件已撤回，不再公开。",
}
STAGES = [Status.DRAFT, Status.PENDING_REVIEW, Status.PENDING_SIGNOFF, Status.PUBLISHED]


def workflow_context(user: Any, document: PolicyDocument, typed: dict[str, str] | None = None) -> dict[str, Any]:
    """The workflow panel; `typed` holds what was typed into a refused form, by its field id."""
    typed = typed or {}
    actions, notes = [], []
    for action, step in WORKFLOW_STEPS.items():
        if permissions.can(user, action, document):
            actions.append(
                {
                    "action": action,
                    "label": step.label,
                    "comment_label": step.comment_label,
                    "required": step.reason_required,
                    "style": step.style,
                    "url": reverse("admin:documents_policydocument_workflow", args=[document.pk, action]),
                    "typed": typed.get(f"workflow-comment-{action}", ""),
                }
            )
        elif (hint := permissions.blocked_hint(user, action, document)) and hint not in notes:
            notes.append(hint)
    findings = list(document.privacy_findings.select_related("waived_by"))
    for finding in findings:
        finding.typed_reason = typed.get(f"waive-reason-{finding.pk}", "")
        finding.waived_by_name = person_name(finding.waived_by)
    interpretation_missing = document.status in {
        Status.DRAFT,
        Status.PENDING_REVIEW,
    } and services.document_interpretation_missing(document=document)
    return {
        "workflow_actions": actions,
        "workflow_notes": notes,
        "workflow_next_step": NEXT_STEP.get(document.status, ""),
        "interpretation_missing": interpretation_missing,
        "interpretation_add_url": _interpretation_add_url(user, document),
        "workflow_steps": [
            {"label": stage.label, "current": stage == document.status, "done": _stage_done(stage, document)}
            for stage in STAGES
        ],
        "workflow_document": document,
        "privacy_findings": findings,
        "open_findings": [f for f in findings if f.state == PrivacyFinding.State.OPEN],
        "can_waive": permissions.can(user, Action.WAIVE, document),
        "waive_url_name": "admin:documents_policydocument_waive",
    }


def workflow(model_admin: ModelAdmin, request: HttpRequest, object_id: int, action: str) -> HttpResponse:
    """A workflow button: 提交审查, 审查通过, 审签发布, 退回修改 or 撤回."""
    if request.method != "POST":
        # Reloading the address a refused step left in the bar: back to the document, harmlessly.
        return _back_to(object_id)
    document = get_object_or_404(PolicyDocument, pk=object_id)
    step = WORKFLOW_STEPS.get(action)
    if step is None:
        return HttpResponse("没有这个流程操作。", status=404, content_type="text/plain; charset=utf-8")
    if (refused := permissions.denial(request.user, action, document)) is not None:
        access.refuse(refused)
    form = WorkflowForm(request.POST, reason_required=step.reason_required)
    typed = {f"workflow-comment-{action}": request.POST.get("comment", "")}
    if not form.is_valid():
        message = f"{step.label}：{'；'.join(form.errors['comment'])}"
        return _refused(model_admin, request, document.pk, message, typed, 400)
    try:
        with transaction.atomic():
            step.service(document=document, user=request.user, comment=form.cleaned_data["comment"])
    except services.TransitionBlocked as exc:
        return _refused(model_admin, request, document.pk, f"未能{step.label}：{exc.message}", typed, 409)
    messages.success(request, step.done)
    if action == Action.SUBMIT and services.document_interpretation_missing(document=document):
        messages.warning(request, services.INTERPRETATION_MISSING_AT_SUBMISSION)
    return _back_to(document.pk)


def waive(model_admin: ModelAdmin, request: HttpRequest, object_id: int, finding_id: int) -> HttpResponse:
    """豁免 one privacy finding, with the reviewer's reason."""
    if request.method != "POST":
        return _back_to(object_id)
    finding = get_object_or_404(PrivacyFinding.objects.select_related("document"), pk=finding_id, document_id=object_id)
    if (refused := permissions.denial(request.user, Action.WAIVE, finding.document)) is not None:
        access.refuse(refused)
    form = WaiverForm(request.POST)
    typed = {f"waive-reason-{finding.pk}": request.POST.get("reason", "")}
    if not form.is_valid():
        message = "豁免时必须填写理由，请写明为什么这条内容可以公开。"
        return _refused(model_admin, request, object_id, message, typed, 400)
    try:
        services.finding_waive(finding=finding, user=request.user, reason=form.cleaned_data["reason"])
    except services.TransitionBlocked as exc:
        return _refused(model_admin, request, object_id, f"未能豁免：{exc.message}", typed, 409)
    messages.success(request, f"已豁免：{finding.get_kind_display()}“{finding.text}”。")
    return _back_to(object_id)


def attachment(model_admin: ModelAdmin, request: HttpRequest, object_id: int, attachment_id: int) -> FileResponse:
    """An attachment for staff who may see the document, whatever its status."""
    attachment = get_object_or_404(
        Attachment.objects.select_related("document"), pk=attachment_id, document_id=object_id
    )
    if (refused := permissions.denial(request.user, permissions.VIEW, attachment.document)) is not None:
        access.refuse(refused)  # seeing a document is never blocked by a workflow rule: always 403
    return download_response(attachment, cache_control="private, no-store")


def report_scan(request: HttpRequest, document: PolicyDocument) -> None:
    """Say that the save ran the privacy scan, and what it found."""
    open_count = document.privacy_findings.filter(state=PrivacyFinding.State.OPEN).count()
    at = timezone.localtime(document.privacy_scanned_at) if document.privacy_scanned_at else timezone.localtime()
    if open_count:
        messages.warning(
            request,
            f"已重新进行隐私扫描（{at:%H:%M}）：发现 {open_count} 条可能的个人信息或敏感内容，"
            "请在页面上方“办理流程”中查看，修改正文或附件后再保存。",
        )


def _refused(
    model_admin: ModelAdmin, request: HttpRequest, object_id: int, message: str, typed: dict[str, str], status: int
) -> HttpResponse:
    """The document page again, with the reason and what was typed kept in its form."""
    messages.error(request, message)
    page = copy.copy(request)
    page.method = "GET"  # shown as when opened, not saved
    change_url = reverse("admin:documents_policydocument_change", args=[object_id])
    response = model_admin.change_view(page, str(object_id), extra_context={"typed": typed, "replace_url": change_url})
    response.status_code = status
    return response


def _back_to(object_id: int) -> HttpResponseRedirect:
    return HttpResponseRedirect(reverse("admin:documents_policydocument_change", args=[object_id]))


def _interpretation_add_url(user: Any, document: PolicyDocument) -> str:
    """The interpretations admin's add page with this document chosen, for who may add one."""
    if not (user.has_perm("interpretations.add_interpretation") and permissions.can(user, permissions.VIEW, document)):
        return ""
    return reverse("admin:interpretations_interpretation_add") + f"?document={document.pk}"


def _stage_done(stage: str, document: PolicyDocument) -> bool:
    if document.status not in STAGES:
        return False
    return STAGES.index(stage) < STAGES.index(document.status)
