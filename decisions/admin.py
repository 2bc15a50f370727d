"""Staff admin of decisions. Staff see and edit only their own organisation's decisions
(superusers see all); stage changes, grouping, drafting and publishing go through services."""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.utils import timezone

from organisations.models import Organisation
from organisations.roles import organisation_of

from . import services
from .indexing import sync_decision
from .models import (
    STAGE_ORDER,
    Activity,
    Catalogue,
    Decision,
    DecisionMaterial,
    DraftArticle,
    FeedbackReport,
    Opinion,
    OpinionGroup,
    Representative,
    RepresentativeApplication,
    RepresentativeCall,
    RepresentativeMeeting,
    Stage,
    StageChange,
)


def _scope(request: HttpRequest, queryset: QuerySet, path: str) -> QuerySet:
    """Rows of the user's organisation only (via `path` to an Organisation), unless superuser."""
    if request.user.is_superuser:
        return queryset
    organisation = organisation_of(request.user)
    if organisation is None:
        return queryset.none()
    return queryset.filter(**{path: organisation})


class ScopedAdmin(admin.ModelAdmin):
    scope_path = "decision__organisation"

    def get_queryset(self, request):
        return _scope(request, super().get_queryset(request), self.scope_path)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.related_model is Decision:
            kwargs["queryset"] = _scope(request, Decision.objects.all(), "organisation")
        elif db_field.related_model in (
            Activity,
            DraftArticle,
            OpinionGroup,
            RepresentativeCall,
            RepresentativeMeeting,
        ):
            path = "organisation" if db_field.related_model in (RepresentativeCall, RepresentativeMeeting) else None
            manager = db_field.related_model._default_manager
            kwargs["queryset"] = _scope(request, manager.all(), path or "decision__organisation")
        elif db_field.related_model is Organisation and not request.user.is_superuser:
            kwargs["queryset"] = Organisation.objects.filter(pk=getattr(organisation_of(request.user), "pk", None))
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
        super().save_model(request, obj, form, change)
        if not change:
            services.catalogue_ensure(year=obj.year)  # starts the March 31 deadline

    @admin.action(description="公布所选年度目录", permissions=["publish"])
    def publish(self, request, queryset) -> None:
        for catalogue in queryset:
            try:
                services.catalogue_publish(catalogue=catalogue, user=request.user)
                self.message_user(request, f"已公布{catalogue}。", messages.SUCCESS)
            except services.StageBlocked as exc:
                self.message_user(request, f"{catalogue}：{exc}", messages.ERROR)

    def has_publish_permission(self, request) -> bool:
        return request.user.has_perm("decisions.publish_catalogue")


@admin.register(Decision)
class DecisionAdmin(ScopedAdmin):
    scope_path = "organisation"
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
        ("决定与反馈", {"fields": ["result_document", "issued_on", "feedback_due_on"]}),
    ]
    raw_id_fields = ["result_document"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n=Count("opinions"))

    @admin.display(description="意见数", ordering="n")
    def opinion_count(self, obj) -> int:
        return obj.n

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        sync_decision(form.instance)  # keep the site search in step with what staff changed

    @admin.action(description="推进到下一阶段", permissions=["change"])
    def advance(self, request, queryset) -> None:
        for decision in queryset:
            if decision.stage == STAGE_ORDER[-1]:
                self.message_user(request, f"《{decision}》已处于最后阶段。", messages.WARNING)
                continue
            target = STAGE_ORDER[decision.stage_index + 1]
            try:
                services.decision_advance(decision=decision, to_stage=target, user=request.user)
                self.message_user(request, f"《{decision}》已进入“{Stage(target).label}”阶段。", messages.SUCCESS)
            except services.StageBlocked as exc:
                self.message_user(request, f"《{decision}》未能推进：{exc}", messages.ERROR)
            except ValidationError as exc:  # from full_clean: show it, don't 500
                self.message_user(request, f"《{decision}》未能推进：{'；'.join(exc.messages)}", messages.ERROR)

    @admin.action(description="检测并归并相似意见", permissions=["change"])
    def group_similar(self, request, queryset) -> None:
        for decision in queryset:
            groups = services.opinion_group_similar(decision=decision)
            self.message_user(request, f"《{decision}》：归并或扩充了 {len(groups)} 组相似意见。", messages.INFO)

    @admin.action(description="生成（或按最新处理结果重新生成）反馈报告草稿", permissions=["change"])
    def draft_report(self, request, queryset) -> None:
        for decision in queryset:
            report = services.feedback_report_draft(decision=decision, replace=True)
            if report.is_published:
                self.message_user(request, f"《{decision}》的反馈报告已发布，未重新生成。", messages.WARNING)
            else:
                self.message_user(request, f"已生成《{decision}》的反馈报告草稿，请核对后发布。", messages.SUCCESS)


@admin.register(Opinion)
class OpinionAdmin(ScopedAdmin):
    list_display = ["id", "short_body", "channel", "submitter_type", "group", "disposition", "disposition_reason"]
    list_editable = ["disposition", "disposition_reason"]
    list_filter = ["decision", "channel", "submitter_type", "disposition", ("group", admin.EmptyFieldListFilter)]
    search_fields = ["body"]
    readonly_fields = ["disposed_by", "disposed_at", "group"]
    list_select_related = ["decision", "group"]

    @admin.display(description="意见内容")
    def short_body(self, obj) -> str:
        return obj.body[:60] + ("…" if len(obj.body) > 60 else "")

    def save_model(self, request, obj, form, change) -> None:
        if "disposition" in form.changed_data or "disposition_reason" in form.changed_data:
            obj.disposed_by, obj.disposed_at = request.user, timezone.now()
        super().save_model(request, obj, form, change)


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
    readonly_fields = ["disposed_by", "disposed_at", "created_at"]
    inlines = [GroupMemberInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n=Count("opinions"))

    @admin.display(description="条数", ordering="n")
    def size(self, obj) -> int:
        return obj.n

    @admin.display(description="意见归纳")
    def summary_short(self, obj) -> str:
        return obj.summary[:60]

    def save_model(self, request, obj, form, change) -> None:
        if "disposition" in form.changed_data or "reason" in form.changed_data:
            obj.disposed_by, obj.disposed_at = request.user, timezone.now()
        super().save_model(request, obj, form, change)


@admin.register(FeedbackReport)
class FeedbackReportAdmin(ScopedAdmin):
    list_display = ["decision", "drafted_at", "published_at", "due"]
    readonly_fields = ["drafted_at", "published_at", "published_by"]
    actions = ["publish"]

    @admin.display(description="应公开日期")
    def due(self, obj):
        return obj.decision.feedback_due_on

    def has_change_permission(self, request, obj=None) -> bool:
        if obj is not None and obj.is_published:
            return False
        return super().has_change_permission(request, obj)

    @admin.action(description="发布反馈报告（并通知留下邮箱的意见提出者）", permissions=["publish"])
    def publish(self, request, queryset) -> None:
        for report in queryset:
            try:
                services.feedback_report_publish(report=report, user=request.user)
                self.message_user(request, f"已发布{report}。", messages.SUCCESS)
            except services.ReportBlocked as exc:
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
