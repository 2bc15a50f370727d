"""Staff admin of the work-points tracker, for the office that coordinates (item 28).

Which plans a user edits is workpoints.permissions (the plans their office coordinates,
all for 管理员 and superusers); every save goes through workpoints.services."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from documents.models import PolicyDocument
from organisations import access
from organisations.models import Organisation

from . import permissions, probes, selectors, services
from .models import Evidence, HeadReport, Status, WorkItem, WorkPlan


class EvidenceInline(admin.TabularInline):
    model = Evidence
    extra = 1
    fields = ["label", "url", "content_type", "object_id", "dated_on", "order"]


class WorkItemInline(admin.TabularInline):
    """The plan's tasks at a glance; each opens on its own page with its evidence."""

    model = WorkItem
    extra = 0
    fields = ["number", "text", "organisation", "due_on", "status", "probe"]
    readonly_fields = fields
    show_change_link = True
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(WorkPlan)
class WorkPlanAdmin(admin.ModelAdmin):
    list_display = ["year", "document", "coordinator", "item_count", "public_page"]
    fields = ["year", "document", "coordinator", "introduction"]
    raw_id_fields = ["document"]
    inlines = [WorkItemInline]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("document", "coordinator")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.related_model is Organisation:  # the user's own office, all for town-wide staff
            kwargs["queryset"] = access.scope(Organisation.objects.all(), request.user, field="pk")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description="任务数")
    def item_count(self, obj: WorkPlan) -> int:
        return obj.items.count()

    @admin.display(description="公开页")
    def public_page(self, obj: WorkPlan) -> str:
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), obj.get_absolute_url())

    def has_change_permission(self, request, obj=None) -> bool:
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or permissions.can_manage(request.user, obj))

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # a year's plan is a record; change it instead

    def save_model(self, request, obj, form, change) -> None:
        services.plan_save(plan=obj, user=request.user)

    def save_formset(self, request, form, formset, change) -> None:
        # The items inline is read-only: nothing to save (the admin's change message reads these).
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []


@admin.register(WorkItem)
class WorkItemAdmin(admin.ModelAdmin):
    list_display = ["number", "short_text", "plan", "organisation", "due_on", "status", "shown_status", "probe"]
    list_display_links = ["number", "short_text"]
    list_filter = ["plan", "status", "probe", "organisation"]
    search_fields = ["text", "progress_note"]
    fieldsets = [
        (None, {"fields": ["plan", "number", "section", "text"]}),
        ("责任与时限", {"fields": ["organisation", "due_on"]}),
        ("进度", {"fields": ["status", "progress_note", "probe", "probe_result"]}),
    ]
    readonly_fields = ["probe_result"]
    inlines = [EvidenceInline]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("plan", "organisation")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.related_model is WorkPlan:
            kwargs["queryset"] = permissions.managed_plans(WorkPlan.objects.all(), request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description="任务")
    def short_text(self, obj: WorkItem) -> str:
        return obj.text if len(obj.text) <= 40 else obj.text[:40] + "…"

    @admin.display(description="公开页显示")
    def shown_status(self, obj: WorkItem) -> str:
        result = probes.run(obj.probe, obj.plan.year)
        return Status(selectors.item_status(obj, result, timezone.localdate())).label

    @admin.display(description="数据核验结果")
    def probe_result(self, obj: WorkItem) -> str:
        if obj.pk is None or not obj.probe:
            return "—（未设置数据核验，公开页以填报状态为准）"
        result = probes.run(obj.probe, obj.plan.year)
        return f"{'已完成' if result.done else '未完成'}：{result.detail}"

    def has_change_permission(self, request, obj=None) -> bool:
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or permissions.can_manage(request.user, obj.plan))

    def has_delete_permission(self, request, obj=None) -> bool:
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or permissions.can_manage(request.user, obj.plan))

    def save_model(self, request, obj, form, change) -> None:
        services.item_save(item=obj, user=request.user)

    def delete_model(self, request, obj) -> None:
        services.item_delete(item=obj, user=request.user)

    def delete_queryset(self, request, queryset) -> None:
        for item in queryset.select_related("plan"):
            services.item_delete(item=item, user=request.user)

    def save_formset(self, request, form, formset, change) -> None:
        for evidence in formset.save(commit=False):
            evidence.item = form.instance
            services.evidence_save(evidence=evidence, user=request.user)
        for evidence in formset.deleted_objects:
            services.evidence_delete(evidence=evidence, user=request.user)


@admin.register(HeadReport)
class HeadReportAdmin(admin.ModelAdmin):
    list_display = ["heard_on", "meeting", "topic", "has_minutes"]
    date_hierarchy = "heard_on"
    fields = ["heard_on", "meeting", "topic", "minutes_file", "minutes_link", "minutes_document"]
    readonly_fields = ["minutes_link"]
    raw_id_fields = ["minutes_document"]
    # The file has no URL (private storage): a plain input, the download link beside it.
    formfield_overrides = {models.FileField: {"widget": forms.FileInput}}

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.related_model is PolicyDocument:
            kwargs["queryset"] = PolicyDocument.objects.published()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description="会议纪要", boolean=True)
    def has_minutes(self, obj: HeadReport) -> bool:
        return bool(obj.minutes_file) or obj.minutes_document_id is not None

    @admin.display(description="下载内部纪要")
    def minutes_link(self, obj: HeadReport) -> str:
        if obj.pk is None or not obj.minutes_file:
            return "—"
        return format_html('已上传 · <a href="{}">下载</a>', reverse("workpoints:minutes", args=[obj.pk]))

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # the hearing is the record item 26 counts

    def save_model(self, request, obj, form, change) -> None:
        services.head_report_save(report=obj, user=request.user)
