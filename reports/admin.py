"""The annual report in the admin: staff generate the draft (按钮 on the list), write the
text parts and enter the figures the portal does not hold, check the computed tables and
the cross-check on the change page, and the head publishes it (按钮 on the change page).
Every write goes through reports.services."""

from __future__ import annotations

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.urls import path
from django.utils.html import format_html

from organisations import access

from . import admin_views, permissions, services, tables
from . import format as fmt
from .models import AnnualReport, ReportingOrgan


@admin.register(ReportingOrgan)
class ReportingOrganAdmin(admin.ModelAdmin):
    list_display = ["organisation", "since_year", "note"]


@admin.register(AnnualReport)
class AnnualReportAdmin(admin.ModelAdmin):
    list_display = ["year", "organisation", "status", "cross_check", "generated_at", "published_at"]
    list_filter = ["status", "year"]
    change_form_template = "admin/reports/annualreport/change_form.html"
    change_list_template = "admin/reports/annualreport/change_list.html"
    readonly_fields = ["year", "organisation", "status", "generated_at", "drafted_by", "published_by", "published_at"]
    fieldsets = [
        (None, {"fields": ["year", "organisation", "status", "generated_at", "drafted_by", "published_by"]}),
        (fmt.PART_OVERVIEW, {"fields": ["overview"]}),
        (
            "二、主动公开政府信息情况（工作人员填报的数字：填写数字，0 表示零；不适用请勾选；留空表示尚未填报）",
            {
                "fields": [
                    ("licensing_count", "licensing_not_applicable"),
                    "licensing_source",
                    ("penalty_count", "penalty_not_applicable"),
                    "penalty_source",
                    ("enforcement_count", "enforcement_not_applicable"),
                    "enforcement_source",
                    ("fee_amount", "fee_not_applicable"),
                    "fee_source",
                ]
            },
        ),
        (fmt.PART_PROBLEMS, {"fields": ["problems"]}),
        (fmt.PART_OTHER, {"fields": ["other_matters"]}),
    ]

    @admin.display(description="表三校验")
    def cross_check(self, obj: AnnualReport) -> str:
        if not obj.generated_at:
            return "—"
        return "通过" if tables.cross_check_holds(obj) else format_html("<strong>{}</strong>", "未通过")

    def get_queryset(self, request):
        return permissions.visible_reports(request.user, super().get_queryset(request).select_related("organisation"))

    def has_add_permission(self, request) -> bool:
        return False  # a report is made by 生成草稿, never typed from nothing

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        if obj is not None and obj.is_published:
            return False  # shown read-only: a published report is a record
        return super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change) -> None:
        try:
            services.report_save(report=obj, user=request.user)
        except services.ReportRefused as exc:
            raise PermissionDenied(str(exc)) from exc

    def get_urls(self) -> list:
        def view(function):
            return self.admin_site.admin_view(function)

        return [
            path("generate/", view(admin_views.generate), name="reports_annualreport_generate"),
            path("<int:object_id>/regenerate/", view(admin_views.regenerate), name="reports_annualreport_regenerate"),
            path("<int:object_id>/publish/", view(admin_views.publish), name="reports_annualreport_publish"),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        report = self.get_object(request, object_id)
        extra_context = extra_context or {}
        if report is not None:
            extra_context.update(admin_views.panel(request, report))
        return super().change_view(request, object_id, form_url, extra_context)

    def changelist_view(self, request, extra_context=None):
        extra_context = extra_context or {}
        extra_context["may_generate"] = access.is_staff_member(request.user) and request.user.has_perm(
            "reports.add_annualreport"
        )
        return super().changelist_view(request, extra_context)
