"""The staff side of the document library in Django's admin.

Who may see, edit and move a document is decided by documents.permissions;
every workflow step goes through documents.services.
"""

from __future__ import annotations

import copy
from typing import Any

from django.contrib import admin, messages
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import NoReverseMatch, path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from organisations import roles
from organisations.models import Organisation
from organisations.names import person_name

from . import permissions, services
from .attachments import download_response
from .body_text import body_html
from .forms import AttachmentForm, PolicyDocumentAdminForm, WaiverForm, WorkflowForm
from .models import (
    Attachment,
    CatalogTag,
    CatalogueItem,
    DocumentDecision,
    DocumentTransition,
    PolicyDocument,
    PrivacyFinding,
    Status,
    TagDimension,
)

Action = DocumentTransition.Action

# Label, the comment box's label, whether a reason is required, button style.
WORKFLOW_BUTTONS: dict[str, tuple[str, str, bool, str]] = {
    Action.SUBMIT: ("提交审查", "提交说明（可选）", False, "default"),
    Action.APPROVE_REVIEW: ("审查通过", "审查意见（可选）", False, "default"),
    Action.SIGN: ("审签发布", "审签意见（可选）", False, "default"),
    Action.SEND_BACK: ("退回修改", "退回理由（必填）", True, "danger"),
    Action.WITHDRAW: ("撤回", "撤回理由（必填）", True, "danger"),
}
SERVICES = {
    Action.SUBMIT: services.document_submit,
    Action.APPROVE_REVIEW: services.document_approve_review,
    Action.SEND_BACK: services.document_send_back,
    Action.SIGN: services.document_sign,
    Action.WITHDRAW: services.document_withdraw,
}
DONE = {
    Action.SUBMIT: "已提交公开审查。",
    Action.APPROVE_REVIEW: "公开审查已通过，已送审签。",
    Action.SEND_BACK: "已退回起草人修改。",
    Action.SIGN: "已审签发布。",
    Action.WITHDRAW: "已撤回。",
}
# What happens next, under the status line of the workflow panel.
NEXT_STEP = {
    Status.DRAFT: "下一步：起草人完善内容后“提交审查”。",
    Status.PENDING_REVIEW: "下一步：由本机构的公开审查人审查公开属性和隐私扫描结果。",
    Status.PENDING_SIGNOFF: "下一步：由本机构的审签负责人审签发布。",
    Status.PUBLISHED: "文件已发布。",
    Status.WITHDRAWN: "文件已撤回，不再公开。",
}
STEPS = [Status.DRAFT, Status.PENDING_REVIEW, Status.PENDING_SIGNOFF, Status.PUBLISHED]
PEOPLE = ["drafted_by_name", "reviewed_by_name", "signed_by_name"]
ALWAYS_READONLY = ["index_number", "status", "published_at", *PEOPLE]
# Saving any of these (or an attachment) runs the privacy scan again.
SCANNED_FIELDS = {"title", "summary", "body"}


class AttachmentInline(admin.TabularInline):
    model = Attachment
    form = AttachmentForm
    fields = ["file", "kind", "size"]
    readonly_fields = ["kind", "size"]
    extra = 1  # an empty row is always there, so a first upload needs no extra click
    verbose_name_plural = "附件（PDF、Word .docx、Excel .xlsx；按内容检查类型；保存后重新进行隐私扫描）"

    def _editable(self, request: HttpRequest, obj: PolicyDocument | None) -> bool:
        return "body" in permissions.editable_fields(request.user, obj)

    def has_add_permission(self, request: HttpRequest, obj: PolicyDocument | None = None) -> bool:
        return self._editable(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: PolicyDocument | None = None) -> bool:
        return self._editable(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: PolicyDocument | None = None) -> bool:
        return self._editable(request, obj)

    def has_view_permission(self, request: HttpRequest, obj: PolicyDocument | None = None) -> bool:
        return obj is None or permissions.can(request.user, permissions.VIEW, obj)


class TransitionInline(admin.TabularInline):
    """The append-only workflow record, read-only."""

    model = DocumentTransition
    fields = ["at", "actor_name", "action", "from_status", "to_status", "comment"]
    readonly_fields = fields
    extra = 0
    max_num = 0
    can_delete = False
    verbose_name_plural = "流转记录（只能追加，不能修改）"

    @admin.display(description="操作人")
    def actor_name(self, record: DocumentTransition) -> str:
        if record.actor is None:
            return "系统（定时任务）"
        return person_name(record.actor)

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).select_related("actor")

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_view_permission(self, request: HttpRequest, obj: PolicyDocument | None = None) -> bool:
        return obj is None or permissions.can(request.user, permissions.VIEW, obj)


@admin.register(PolicyDocument)
class PolicyDocumentAdmin(admin.ModelAdmin):
    form = PolicyDocumentAdminForm
    inlines = [AttachmentInline, TransitionInline]
    list_display = ["title", "doc_number", "issuing_organisation", "status", "validity", "published_at"]
    list_filter = ["status", "doc_type", "validity", "disclosure_attribute", "issuing_organisation", "organisation"]
    search_fields = ["title", "doc_number", "index_number"]
    list_select_related = ["issuing_organisation"]
    date_hierarchy = "written_date"
    autocomplete_fields = ["replaces"]
    filter_horizontal = ["target_groups"]
    fieldsets = [
        (
            "基本信息",
            {
                "fields": [
                    "title",
                    "doc_number",
                    "issuing_organisation",
                    "organisation",
                    "index_number",
                    "written_date",
                    "doc_type",
                    "topic",
                    "catalogue_item",
                    "summary",
                    "body",
                ]
            },
        ),
        ("标签", {"fields": ["tags"], "description": "标签只能从标签目录中选择。"}),
        (
            "有效性与版本",
            {"fields": ["validity", "effective_date", "expiry_date", "replaces", "interpretation_required"]},
        ),
        (
            "公开属性",
            {
                "fields": list(permissions.DISCLOSURE_FIELDS),
                "description": "起草人提出公开属性，公开审查人审查确认。",
            },
        ),
        (
            "发布与流程",
            {
                "fields": [
                    "scheduled_publish_at",
                    "published_at",
                    "status",
                    *PEOPLE,
                ]
            },
        ),
    ]

    # --- who sees and edits what ---

    def view_on_site(self, obj: PolicyDocument) -> str | None:
        """The public page's link only once the public can see it."""
        return obj.get_absolute_url() if obj.is_public else None

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return permissions.visible_documents(request.user, super().get_queryset(request))

    def has_view_permission(self, request: HttpRequest, obj: PolicyDocument | None = None) -> bool:
        if obj is None:
            return super().has_view_permission(request) or super().has_change_permission(request)
        return permissions.can(request.user, permissions.VIEW, obj)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return permissions.can_add(request.user)

    def has_change_permission(self, request: HttpRequest, obj: PolicyDocument | None = None) -> bool:
        if obj is None:
            return super().has_change_permission(request)
        return bool(permissions.editable_fields(request.user, obj))

    def has_delete_permission(self, request: HttpRequest, obj: PolicyDocument | None = None) -> bool:
        return False  # a document is withdrawn, never deleted: its record must stay

    def get_fieldsets(self, request: HttpRequest, obj: PolicyDocument | None = None) -> list:
        """The body shows as the public page renders it to staff who may not edit it."""
        if "body" in permissions.editable_fields(request.user, obj):
            return self.fieldsets
        return [
            (name, {**options, "fields": ["body_rendered" if f == "body" else f for f in options["fields"]]})
            for name, options in self.fieldsets
        ]

    def get_readonly_fields(self, request: HttpRequest, obj: PolicyDocument | None = None) -> list[str]:
        editable = set(permissions.editable_fields(request.user, obj))
        every = [name for _, options in self.get_fieldsets(request, obj) for name in options["fields"]]
        return [name for name in every if name in ALWAYS_READONLY or name not in editable]

    @admin.display(description="正文")
    def body_rendered(self, obj: PolicyDocument) -> str:
        if not obj.body:
            return "—"
        return format_html('<div class="document-body-preview">{}</div>', mark_safe(body_html(obj.body)))

    def get_inlines(self, request: HttpRequest, obj: PolicyDocument | None) -> list:
        return self.inlines if obj is not None else [AttachmentInline]

    def formfield_for_manytomany(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "target_groups":
            # Audiences of targeted disclosure, not the staff role groups (which carry permissions).
            kwargs["queryset"] = Group.objects.filter(permissions__isnull=True).order_by("name")
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if db_field.name == "target_groups" and field is not None:
            # Instead of Django's "hold down Control" hint, which does not fit the two-box widget.
            field.help_text = (
                "定向公开时，在左侧选中面向的群体，点“选择”箭头移到右侧；只有右侧群体的成员登录后能看到本文件。"
            )
        return field

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "organisation" and not permissions.is_town_wide(request.user):
            own = roles.organisation_of(request.user)
            kwargs["queryset"] = Organisation.objects.filter(pk=own.pk if own else None)
            kwargs["initial"] = own
            kwargs["empty_label"] = None
        if db_field.name == "issuing_organisation":
            kwargs["queryset"] = permissions.issuing_organisations(request.user)
            kwargs["empty_label"] = None if not permissions.is_town_wide(request.user) else "---------"
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_changeform_initial_data(self, request: HttpRequest) -> dict[str, Any]:
        initial = super().get_changeform_initial_data(request)
        own = roles.organisation_of(request.user)
        if own is not None:
            initial.setdefault("organisation", own.pk)
            initial.setdefault("issuing_organisation", own.pk)
        return initial

    # --- people, family name first ---

    @admin.display(description="起草人")
    def drafted_by_name(self, obj: PolicyDocument) -> str:
        return person_name(obj.created_by) or "—"

    @admin.display(description="公开审查人")
    def reviewed_by_name(self, obj: PolicyDocument) -> str:
        return person_name(obj.reviewed_by) or "—"

    @admin.display(description="审签人")
    def signed_by_name(self, obj: PolicyDocument) -> str:
        return person_name(obj.signed_by) or "—"

    # --- saving ---

    def save_model(self, request: HttpRequest, obj: PolicyDocument, form: Any, change: bool) -> None:
        if not change:
            obj.created_by = request.user
            obj.status = Status.DRAFT
            obj.assign_index_number()
        elif "issuing_organisation" in form.changed_data and obj.status != Status.PUBLISHED:
            # The index number carries the organ's code; once published it is a public identifier and stays.
            obj.assign_index_number()
        services.document_save(document=obj)  # starts, restarts or cancels the Art. 26 deadline

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        document = form.instance
        changed = list(form.changed_data)
        if any(fs.has_changed() for fs in formsets):
            changed.append("attachments")
        if not changed:
            return
        if document.status == Status.PUBLISHED:
            services.document_record_edit(
                document=document,
                user=request.user,
                changed=[name for name in changed if name != "attachments"],
                comment="修改了附件。" if "attachments" in changed else "",
            )  # scans again
        elif SCANNED_FIELDS.intersection(changed) or "attachments" in changed or not change:
            services.document_scan_privacy(document=document)
        else:
            return
        _report_scan(request, document)

    # --- the workflow panel and its actions ---

    def get_urls(self) -> list:
        urls = super().get_urls()
        own = [
            path(
                "<int:object_id>/workflow/<str:action>/",
                self.admin_site.admin_view(self.workflow_view),
                name="documents_policydocument_workflow",
            ),
            path(
                "<int:object_id>/findings/<int:finding_id>/waive/",
                self.admin_site.admin_view(self.waive_view),
                name="documents_policydocument_waive",
            ),
            path(
                "<int:object_id>/attachments/<int:attachment_id>/",
                self.admin_site.admin_view(self.attachment_view),
                name="documents_policydocument_attachment",
            ),
        ]
        return own + urls

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: dict | None = None
    ) -> HttpResponse:
        extra_context = dict(extra_context or {})
        document = self.get_object(request, object_id)
        if document is not None:
            extra_context.update(self._workflow_context(request, document, extra_context.pop("typed", {})))
        return super().change_view(request, object_id, form_url, extra_context)

    def _workflow_context(
        self, request: HttpRequest, document: PolicyDocument, typed: dict[str, str] | None = None
    ) -> dict[str, Any]:
        """The workflow panel; `typed` holds what was typed into a refused form, by its field id."""
        typed = typed or {}
        user = request.user
        actions, notes = [], []
        for action, (label, comment_label, required, style) in WORKFLOW_BUTTONS.items():
            refused = permissions.denial(user, action, document)
            if refused is None:
                actions.append(
                    {
                        "action": action,
                        "label": label,
                        "comment_label": comment_label,
                        "required": required,
                        "style": style,
                        "url": reverse("admin:documents_policydocument_workflow", args=[document.pk, action]),
                        "typed": typed.get(f"workflow-comment-{action}", ""),
                    }
                )
            elif not refused.forbidden and refused.message not in notes and document.status != Status.WITHDRAWN:
                # "Not in the right state" is what the status line already says: no hint for it
                # (it used to follow every successful step, as if the step had failed).
                if refused.code != "status" and _role_could(user, action, document):
                    notes.append(refused.message)
        findings = list(document.privacy_findings.select_related("waived_by"))
        for finding in findings:
            finding.typed_reason = typed.get(f"waive-reason-{finding.pk}", "")
            finding.waived_by_name = person_name(finding.waived_by)
        can_waive = permissions.can(user, Action.WAIVE, document)
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
                {"label": step.label, "current": step == document.status, "done": _step_done(step, document)}
                for step in STEPS
            ],
            "workflow_document": document,
            "privacy_findings": findings,
            "open_findings": [f for f in findings if f.state == PrivacyFinding.State.OPEN],
            "can_waive": can_waive,
            "waive_url_name": "admin:documents_policydocument_waive",
        }

    def workflow_view(self, request: HttpRequest, object_id: int, action: str) -> HttpResponse:
        if request.method != "POST":
            # Reloading the address a refused step left in the bar: back to the document, harmlessly.
            return HttpResponseRedirect(reverse("admin:documents_policydocument_change", args=[object_id]))
        document = get_object_or_404(PolicyDocument, pk=object_id)
        service = SERVICES.get(action)
        if service is None:
            return HttpResponse("没有这个流程操作。", status=404, content_type="text/plain; charset=utf-8")
        refused = permissions.denial(request.user, action, document)
        if refused is not None and refused.forbidden:
            raise PermissionDenied(refused.message)
        label, _, required, _ = WORKFLOW_BUTTONS[action]
        form = WorkflowForm(request.POST, reason_required=required)
        typed = {f"workflow-comment-{action}": request.POST.get("comment", "")}
        if not form.is_valid():
            return self._refused(request, document.pk, f"{label}：{'；'.join(form.errors['comment'])}", typed, 400)
        try:
            with transaction.atomic():
                service(document=document, user=request.user, comment=form.cleaned_data["comment"])
        except services.TransitionBlocked as exc:
            return self._refused(request, document.pk, f"未能{label}：{exc.message}", typed, 409)
        messages.success(request, DONE[action])
        if action == Action.SUBMIT and services.document_interpretation_missing(document=document):
            messages.warning(request, services.INTERPRETATION_MISSING_AT_SUBMISSION)
        return HttpResponseRedirect(reverse("admin:documents_policydocument_change", args=[document.pk]))

    def _refused(self, request: HttpRequest, object_id: int, message: str, typed: dict[str, str], status: int) -> Any:
        """The document page again, with the reason and what was typed kept in its form."""
        messages.error(request, message)
        page = copy.copy(request)
        page.method = "GET"  # shown as when opened, not saved
        change_url = reverse("admin:documents_policydocument_change", args=[object_id])
        response = self.change_view(page, str(object_id), extra_context={"typed": typed, "replace_url": change_url})
        response.status_code = status
        return response

    def waive_view(self, request: HttpRequest, object_id: int, finding_id: int) -> HttpResponse:
        if request.method != "POST":
            return HttpResponseRedirect(reverse("admin:documents_policydocument_change", args=[object_id]))
        finding = get_object_or_404(
            PrivacyFinding.objects.select_related("document"), pk=finding_id, document_id=object_id
        )
        refused = permissions.denial(request.user, Action.WAIVE, finding.document)
        if refused is not None and refused.forbidden:
            raise PermissionDenied(refused.message)
        form = WaiverForm(request.POST)
        typed = {f"waive-reason-{finding.pk}": request.POST.get("reason", "")}
        if not form.is_valid():
            return self._refused(request, object_id, "豁免时必须填写理由，请写明为什么这条内容可以公开。", typed, 400)
        try:
            services.finding_waive(finding=finding, user=request.user, reason=form.cleaned_data["reason"])
        except services.TransitionBlocked as exc:
            return self._refused(request, object_id, f"未能豁免：{exc.message}", typed, 409)
        messages.success(request, f"已豁免：{finding.get_kind_display()}“{finding.text}”。")
        return HttpResponseRedirect(reverse("admin:documents_policydocument_change", args=[object_id]))

    def attachment_view(self, request: HttpRequest, object_id: int, attachment_id: int) -> FileResponse:
        """An attachment for staff who may see the document, whatever its status."""
        attachment = get_object_or_404(
            Attachment.objects.select_related("document"), pk=attachment_id, document_id=object_id
        )
        refused = permissions.denial(request.user, permissions.VIEW, attachment.document)
        if refused is not None:
            raise PermissionDenied(refused.message)
        return download_response(attachment, cache_control="private, no-store")


def _report_scan(request: HttpRequest, document: PolicyDocument) -> None:
    """Say that the save ran the privacy scan, and what it found."""
    open_count = document.privacy_findings.filter(state=PrivacyFinding.State.OPEN).count()
    at = timezone.localtime(document.privacy_scanned_at) if document.privacy_scanned_at else timezone.localtime()
    if open_count:
        messages.warning(
            request,
            f"已重新进行隐私扫描（{at:%H:%M}）：发现 {open_count} 条可能的个人信息或敏感内容，"
            "请在页面上方“办理流程”中查看，修改正文或附件后再保存。",
        )


def _interpretation_add_url(user: Any, document: PolicyDocument) -> str:
    """The interpretations admin's add page with this document chosen, for who may add one."""
    if not (user.has_perm("interpretations.add_interpretation") and permissions.can(user, permissions.VIEW, document)):
        return ""
    try:
        return reverse("admin:interpretations_interpretation_add") + f"?document={document.pk}"
    except NoReverseMatch:  # the interpretations app is not installed
        return ""


def _step_done(step: str, document: PolicyDocument) -> bool:
    if document.status not in STEPS:
        return False
    return STEPS.index(step) < STEPS.index(document.status)


def _role_could(user: Any, action: str, document: PolicyDocument) -> bool:
    """Whether the user's role would do this step were it not for a workflow rule (for hints)."""
    role = {
        Action.SUBMIT: roles.DRAFTER,
        Action.APPROVE_REVIEW: roles.REVIEWER,
        Action.SIGN: roles.SIGNER,
    }.get(action)
    return role is not None and roles.has_role(user, role) and not user.is_superuser


# --- catalogues and records ---------------------------------------------------------


@admin.register(TagDimension)
class TagDimensionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order"]
    list_editable = ["order"]
    search_fields = ["name"]


@admin.register(CatalogTag)
class CatalogTagAdmin(admin.ModelAdmin):
    """The tag catalogue (item 1): the only place a tag can be created."""

    list_display = ["name", "dimension", "slug", "order", "description"]
    list_filter = ["dimension"]
    search_fields = ["name", "slug", "description"]
    fields = ["dimension", "name", "slug", "order", "description"]


@admin.register(CatalogueItem)
class CatalogueItemAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "parent", "order"]
    list_filter = ["parent"]
    search_fields = ["code", "name"]
    list_select_related = ["parent"]


@admin.register(DocumentDecision)
class DocumentDecisionAdmin(admin.ModelAdmin):
    """Historical review decisions: made on the staff page, shown here read-only."""

    list_display = ["document", "from_attribute", "to_attribute", "decided_by_name", "decided_at", "comment"]
    list_filter = ["to_attribute"]
    search_fields = ["document__title", "document__doc_number", "comment"]
    list_select_related = ["document", "decided_by"]
    readonly_fields = ["document", "from_attribute", "to_attribute", "decided_by_name", "decided_at", "comment"]
    fields = readonly_fields

    @admin.display(description="决定人")
    def decided_by_name(self, decision: DocumentDecision) -> str:
        return person_name(decision.decided_by)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        visible = permissions.visible_documents(request.user)
        return super().get_queryset(request).filter(document__in=visible)
