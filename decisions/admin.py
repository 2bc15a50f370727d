"""Staff admin of decisions. Which rows a user sees and what they may do is
decisions.permissions (own organisation, town-wide for 管理员 and superusers); stage changes,
dispositions, grouping, drafting and publishing go through services, the buttons on a
decision's page posting to small views here."""

from __future__ import annotations

from functools import partial

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Count
from django.urls import path, reverse
from django.utils.html import format_html

from documents.models import PolicyDocument
from organisations import access
from organisations.models import Organisation

from . import admin_views, permissions, services
from .models import (
    Activity,
    Catalogue,
    Decision,
    DecisionMaterial,
    Disposition,
    DraftArticle,
    FeedbackReport,
    Opinion,
    OpinionGroup,
    Representative,
    RepresentativeApplication,
    RepresentativeCall,
    RepresentativeMeeting,
    StageChange,
)
from .search_sync import sync_decision


class ScopedAdmin(admin.ModelAdmin):
    """Rows of the user's own organisation (reached by `scope_path`), all for town-wide users."""

    scope_path = "decision__organisation"

    def get_queryset(self, request):
        return access.scope(super().get_queryset(request), request.user, field=self.scope_path)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        user = request.user
        model = db_field.related_model
        if model is Decision:
            kwargs["queryset"] = permissions.visible_decisions(user)
        elif model in (Activity, DraftArticle, OpinionGroup):
            kwargs["queryset"] = access.scope(model._default_manager.all(), user, field="decision__organisation")
        elif model in (RepresentativeCall, RepresentativeMeeting):
            kwargs["queryset"] = access.scope(model._default_manager.all(), user, field="organisation")
        elif model is Organisation and not access.is_town_wide(user):
            kwargs["queryset"] = access.scope(Organisation.objects.all(), user, field="pk")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class DraftArticleInline(admin.StackedInline):
    model = DraftArticle
    extra = 0


class ActivityInline(admin.TabularInline):
    model = Activity
    extra = 0


class MaterialInline(admin.StackedInline):
    model = DecisionMaterial
    extra = 0
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


class StageChangeInline(admin.TabularInline):
    model = StageChange
    extra = 0
    can_delete = False
    fields = ["at", "from_stage", "to_stage", "actor", "comment"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Catalogue)
class CatalogueAdmin(admin.ModelAdmin):
    list_display = ["year", "organisation", "published_at", "item_count"]
    readonly_fields = ["published_at"]
    actions = ["publish"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n=Count("decisions"))

    @admin.display(description="事项数", ordering="n")
    def item_count(self, obj) -> int:
        return obj.n

    def save_model(self, request, obj, form, change) -> None:
        waiting = services.catalogue_save(catalogue=obj)  # a new catalogue's March 31 deadline runs
        if waiting:
            self.message_user(
                request,
                f"已建立{obj}，但3月31日的公布期限尚未开始计时：{waiting}导入后，系统会在每日例行任务中自动开始计时。",
                messages.WARNING,
            )

    @admin.action(description="公布所选年度目录", permissions=["publish"])
    def publish(self, request, queryset) -> None:
        for catalogue in queryset:
            try:
                services.catalogue_publish(catalogue=catalogue, user=request.user)
                self.message_user(request, f"已公布{catalogue}。", messages.SUCCESS)
            except (services.StageBlocked, PermissionDenied) as exc:
                self.message_user(request, f"{catalogue}：{exc}", messages.ERROR)

    def has_publish_permission(self, request) -> bool:
        return request.user.has_perm("decisions.publish_catalogue")


class ResultDocumentSelect(AutocompleteSelect):
    """Django's autocomplete box, asking decisions for published documents by title or number:
    the result of a decision is often the town government's document, which the policy
    library's own admin would not list for a unit's staff."""

    def get_url(self) -> str:
        return reverse("admin:decisions_decision_result_documents")


@admin.register(Decision)
class DecisionAdmin(ScopedAdmin):
    scope_path = "organisation"
    change_form_template = "decisions/admin/decision_change_form.html"
    list_display = [
        "title",
        "catalogue",
        "organisation",
        "stage",
        "concerns_enterprises",
        "comment_closes_on",
        "feedback_due_on",
        "opinion_count",
    ]
    list_filter = ["catalogue", "stage", "concerns_enterprises", "organisation"]
    search_fields = ["title"]
    readonly_fields = ["stage", "feedback_due_on"]
    actions = ["advance", "group_similar", "draft_report"]
    inlines = [DraftArticleInline, MaterialInline, ActivityInline, StageChangeInline]
    fieldsets = [
        (
            "目录事项",
            {
                "fields": [
                    "catalogue",
                    "number",
                    "title",
                    "organisation",
                    "legal_basis",
                    "planned_schedule",
                    ("plans_public_comment", "plans_hearing", "plans_expert_argumentation", "plans_risk_assessment"),
                    "concerns_enterprises",
                    "stage",
                ]
            },
        ),
        (
            "征求意见",
            {
                "fields": [
                    "summary",
                    "draft_text",
                    "drafting_explanation",
                    ("comment_opens_on", "comment_closes_on"),
                    "short_window_reason",
                ]
            },
        ),
        (
            "决定与反馈",
            {
                "fields": ["result_document", "issued_on", "feedback_due_on"],
                "description": "决策结果文件：输入标题或文号的一部分，从已公开发布的政策文件中选择。",
            },
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n=Count("opinions"))

    @admin.display(description="意见数", ordering="n")
    def opinion_count(self, obj) -> int:
        return obj.n

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "result_document":
            kwargs["widget"] = ResultDocumentSelect(db_field, self.admin_site)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        field = form.base_fields.get("result_document")
        if field is not None:
            # Published public documents, and whatever is linked now (so a later withdrawal
            # does not make the rest of the page unsaveable).
            current = PolicyDocument.objects.filter(pk=getattr(obj, "result_document_id", None))
            field.queryset = PolicyDocument.objects.public() | current
            field.error_messages["invalid_choice"] = "所选文件不存在或尚未公开发布：请输入标题重新搜索并选择。"
        return form

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        sync_decision(form.instance)  # keep the site search in step with what staff changed

    # --- the buttons on the decision's page (decisions.admin_views) ------------------------

    def get_urls(self) -> list:
        def view(function, **kwargs):
            return self.admin_site.admin_view(partial(function, model_admin=self, **kwargs))

        own = [
            path(
                "result-documents/",
                self.admin_site.admin_view(admin_views.result_documents),
                name="decisions_decision_result_documents",
            ),
            path("<int:object_id>/advance/", view(admin_views.advance), name="decisions_decision_advance"),
            path(
                "<int:object_id>/draft-report/", view(admin_views.draft_report), name="decisions_decision_draft_report"
            ),
            path(
                "<int:object_id>/publish-report/",
                view(admin_views.publish_report),
                name="decisions_decision_publish_report",
            ),
        ]
        return own + super().get_urls()

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = dict(extra_context or {})
        decision = self.get_object(request, object_id)
        if decision is not None:
            typed = extra_context.pop("typed", "")
            extra_context["stage_panel"] = admin_views.stage_panel(request, decision, typed)
        return super().change_view(request, object_id, form_url, extra_context)

    # --- bulk actions on the list ----------------------------------------------------------

    @admin.action(description="推进到下一阶段", permissions=["change"])
    def advance(self, request, queryset) -> None:
        for decision in queryset:
            try:
                change = services.decision_advance_next(decision=decision, user=request.user)
                self.message_user(
                    request, f"《{decision}》已进入“{change.get_to_stage_display()}”阶段。", messages.SUCCESS
                )
            except (services.StageBlocked, PermissionDenied) as exc:
                self.message_user(request, f"《{decision}》未能推进：{exc}", messages.ERROR)

    @admin.action(description="检测并归并相似意见", permissions=["change"])
    def group_similar(self, request, queryset) -> None:
        for decision in queryset:
            try:
                groups = services.opinion_group_similar(decision=decision, user=request.user)
            except PermissionDenied as exc:
                self.message_user(request, f"《{decision}》：{exc}", messages.ERROR)
                continue
            self.message_user(request, f"《{decision}》：归并或扩充了 {len(groups)} 组相似意见。", messages.INFO)

    @admin.action(description="生成（或按最新处理结果重新生成）反馈报告草稿", permissions=["change"])
    def draft_report(self, request, queryset) -> None:
        for decision in queryset:
            try:
                report = services.feedback_report_draft(decision=decision, user=request.user, replace=True)
            except (services.ReportBlocked, PermissionDenied) as exc:
                self.message_user(request, f"《{decision}》未能生成反馈报告草稿：{exc}", messages.ERROR)
                continue
            level = messages.WARNING if report.is_published or report.is_preliminary else messages.SUCCESS
            self.message_user(request, admin_views.drafted_message(decision, report), level)


# --- Opinions -------------------------------------------------------------------------------

RECORD_FIELDS = [
    "decision",
    "channel",
    "activity",
    "article",
    "submitter_type",
    "author_name",
    "contact_email",
    "contact_phone",
    "body",
    "submitted_at",
]
DISPOSITION_FIELDS = ["disposition", "disposition_reason"]


@admin.register(Opinion)
class OpinionAdmin(ScopedAdmin):
    """An opinion is a record: once stored, its text, author, contact and time are read-only;
    staff only record its disposition (through services.opinion_dispose)."""

    list_display = ["id", "short_body", "decision", "channel", "submitter_type", "group", "outcome", "reason"]
    list_filter = ["decision", "channel", "submitter_type", "disposition", ("group", admin.EmptyFieldListFilter)]
    search_fields = ["body"]
    list_select_related = ["decision", "group"]

    @admin.display(description="意见内容")
    def short_body(self, obj) -> str:
        return obj.body[:60] + ("…" if len(obj.body) > 60 else "")

    @admin.display(description="处理结果", ordering="disposition")
    def outcome(self, obj) -> str:
        """The group's decision for a grouped opinion, else the opinion's own."""
        return Disposition(obj.effective_disposition).label

    @admin.display(description="处理理由")
    def reason(self, obj) -> str:
        return obj.group.reason if obj.group_id else obj.disposition_reason

    @admin.display(description="相似意见组")
    def group_link(self, obj) -> str:
        if obj.group_id is None:
            return "—"
        url = reverse("admin:decisions_opiniongroup_change", args=[obj.group_id])
        return format_html(
            '<a href="{}">{}</a>（该组统一处理：{}）', url, obj.group, obj.group.get_disposition_display()
        )

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "disposition_reason":
            field.widget = forms.Textarea(attrs={"rows": 3, "maxlength": 500})
            field.help_text = "不予采纳时必须填写；理由将写入公开的意见采纳情况反馈报告，请勿写入个人信息。"
        return field

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return [("录入意见（保存后不可修改）", {"fields": RECORD_FIELDS})]
        return [
            ("意见（已提交，作为记录不可修改）", {"fields": RECORD_FIELDS}),
            ("处理结果", {"fields": [*DISPOSITION_FIELDS, "group_link", "disposed_by", "disposed_at"]}),
        ]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        fixed = [*RECORD_FIELDS, "group_link", "disposed_by", "disposed_at"]
        if obj.group_id is not None or not permissions.can(request.user, permissions.DISPOSE, obj.decision):
            fixed += DISPOSITION_FIELDS
        return fixed

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        initial.setdefault("channel", Opinion.Channel.FORUM)
        return initial

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name in ("activity", "article"):
            # Only the chosen decision's activities and articles (the model refuses others too).
            decision_id = (request.POST.get("decision") or request.GET.get("decision") or "").strip()
            field.queryset = field.queryset.select_related("decision")
            if decision_id.isdigit():
                field.queryset = field.queryset.filter(decision_id=int(decision_id))
            field.label_from_instance = lambda row: f"《{row.decision}》{row}"
            what = "参与活动" if db_field.name == "activity" else "条文"
            field.error_messages["invalid_choice"] = f"所选{what}不属于本决策事项：请从列表中重新选择，或留空。"
        return field

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # a record of public participation stays

    def save_model(self, request, obj, form, change) -> None:
        if not change:
            services.opinion_record(opinion=obj, user=request.user)
        elif set(DISPOSITION_FIELDS) & set(form.changed_data):
            services.opinion_dispose(
                opinion=obj, disposition=obj.disposition, reason=obj.disposition_reason, user=request.user
            )


class GroupMemberInline(admin.TabularInline):
    model = Opinion
    fk_name = "group"
    extra = 0
    can_delete = False
    fields = ["id", "channel", "body", "submitted_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(OpinionGroup)
class OpinionGroupAdmin(ScopedAdmin):
    list_display = ["id", "decision", "summary_short", "size", "disposition", "reason"]
    list_filter = ["decision", "disposition"]
    readonly_fields = ["decision", "disposed_by", "disposed_at", "created_at"]
    fields = ["decision", "summary", "disposition", "reason", "disposed_by", "disposed_at", "created_at"]
    inlines = [GroupMemberInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n=Count("opinions"))

    @admin.display(description="条数", ordering="n")
    def size(self, obj) -> int:
        return obj.n

    @admin.display(description="意见归纳")
    def summary_short(self, obj) -> str:
        return obj.summary[:60]

    def has_add_permission(self, request) -> bool:
        return False  # groups come from "检测并归并相似意见"

    def save_model(self, request, obj, form, change) -> None:
        if "summary" in form.changed_data:
            services.opinion_group_summarise(group=obj, summary=obj.summary, user=request.user)
        if {"disposition", "reason"} & set(form.changed_data):
            services.opinion_group_dispose(group=obj, disposition=obj.disposition, reason=obj.reason, user=request.user)


@admin.register(FeedbackReport)
class FeedbackReportAdmin(ScopedAdmin):
    list_display = ["decision", "drafted_at", "draft_state", "published_at", "due"]
    readonly_fields = ["decision", "drafted_at", "published_at", "published_by"]
    fields = ["decision", "body", "drafted_at", "published_at", "published_by"]
    actions = ["publish"]

    @admin.display(description="应公开日期")
    def due(self, obj):
        return obj.decision.feedback_due_on

    @admin.display(description="状态")
    def draft_state(self, obj) -> str:
        if obj.is_published:
            return "已发布"
        return "初稿（尚有意见未处理）" if obj.is_preliminary else "草稿，待发布"

    def has_add_permission(self, request) -> bool:
        return False  # drafted from the dispositions, on the decision's page

    def has_change_permission(self, request, obj=None) -> bool:
        if obj is not None and obj.is_published:
            return False
        return super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change) -> None:
        if "body" in form.changed_data:
            services.feedback_report_edit(report=obj, body=obj.body, user=request.user)

    @admin.action(description="发布反馈报告（并通知留下邮箱的意见提出者）", permissions=["publish"])
    def publish(self, request, queryset) -> None:
        for report in queryset:
            try:
                services.feedback_report_publish(report=report, user=request.user)
                self.message_user(request, f"已发布{report}。", messages.SUCCESS)
            except (services.ReportBlocked, PermissionDenied) as exc:
                self.message_user(request, f"{report}未能发布：{exc}", messages.ERROR)

    def has_publish_permission(self, request) -> bool:
        return request.user.has_perm("decisions.publish_feedbackreport")


class RepresentativeInline(admin.TabularInline):
    model = Representative
    extra = 1


@admin.register(RepresentativeMeeting)
class RepresentativeMeetingAdmin(ScopedAdmin):
    scope_path = "organisation"
    list_display = ["title", "organisation", "held_on", "decision"]
    list_filter = ["organisation"]
    date_hierarchy = "held_on"
    inlines = [RepresentativeInline]


@admin.register(RepresentativeCall)
class RepresentativeCallAdmin(ScopedAdmin):
    scope_path = "organisation"
    list_display = ["title", "organisation", "opens_on", "closes_on", "seats"]


@admin.register(RepresentativeApplication)
class RepresentativeApplicationAdmin(ScopedAdmin):
    scope_path = "call__organisation"
    list_display = ["id", "call", "kind", "name", "status", "submitted_at"]
    list_filter = ["status", "kind", "call"]
    list_editable = ["status"]
    readonly_fields = [
        "call",
        "kind",
        "name",
        "contact_phone",
        "contact_email",
        "statement",
        "consent_to_publish_name",
        "submitted_at",
    ]

    def has_add_permission(self, request) -> bool:
        return False
