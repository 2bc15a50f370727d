from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from . import services
from .forms import ArrangementImportForm
from .models import CalendarChange, CalendarEntry, CalendarYear
from .permissions import can_import_arrangement

WEEKDAYS = "一二三四五六日"


@admin.register(CalendarEntry)
class CalendarEntryAdmin(admin.ModelAdmin):
    list_display = ["date", "weekday", "kind", "name", "note", "updated_by", "updated_at"]
    list_filter = ["kind", ("date", admin.DateFieldListFilter)]
    search_fields = ["name", "note"]
    date_hierarchy = "date"
    fields = ["date", "kind", "name", "note"]
    change_list_template = "workdays/admin_change_list.html"

    @admin.display(description="星期")
    def weekday(self, entry: CalendarEntry) -> str:
        return f"周{WEEKDAYS[entry.date.weekday()]}"

    def save_model(self, request, obj, form, change) -> None:
        services.calendar_entry_save(entry=obj, user=request.user)
        self._report(request)

    def delete_model(self, request, obj) -> None:
        services.calendar_entry_delete(entry=obj, user=request.user)
        self._report(request)

    def delete_queryset(self, request, queryset) -> None:
        for entry in queryset:
            services.calendar_entry_delete(entry=entry, user=request.user)
        self._report(request)

    def _report(self, request) -> None:
        change = CalendarChange.objects.order_by("-id").first()
        if change and change.deadlines_recomputed:
            messages.info(request, f"已按新的日历重新计算 {change.deadlines_recomputed} 个期限的到期日。")

    def changelist_view(self, request, extra_context=None):
        import_url = reverse("admin:workdays_calendaryear_import") if can_import_arrangement(request.user) else ""
        extra_context = {**(extra_context or {}), "import_url": import_url}
        return super().changelist_view(request, extra_context)


@admin.register(CalendarYear)
class CalendarYearAdmin(admin.ModelAdmin):
    list_display = ["year", "confirmed", "source", "confirmed_by", "confirmed_at"]
    fields = ["year", "confirmed", "source"]
    change_list_template = "workdays/admin_change_list.html"

    def get_readonly_fields(self, request, obj=None):
        return ["year"] if obj else []

    def save_model(self, request, obj, form, change) -> None:
        services.calendar_year_set_confirmed(
            year=obj.year, confirmed=obj.confirmed, user=request.user, source=obj.source
        )
        obj.refresh_from_db()

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # un-confirm instead, so the change is recorded

    def get_urls(self):
        custom = [
            path("import/", self.admin_site.admin_view(self.import_view), name="workdays_calendaryear_import"),
        ]
        return custom + super().get_urls()

    def changelist_view(self, request, extra_context=None):
        import_url = reverse("admin:workdays_calendaryear_import") if can_import_arrangement(request.user) else ""
        extra_context = {**(extra_context or {}), "import_url": import_url}
        return super().changelist_view(request, extra_context)

    def import_view(self, request):
        if not can_import_arrangement(request.user):
            raise PermissionDenied("只有管理员可以导入年度放假和调休安排。")
        form = ArrangementImportForm(
            request.POST or None, initial={"year": request.GET.get("year")} if request.GET.get("year") else None
        )
        status = 200
        if request.method == "POST":
            if form.is_valid():
                try:
                    change = services.calendar_year_import(
                        year=form.cleaned_data["year"],
                        text=form.cleaned_data["text"],
                        source=form.cleaned_data["source"],
                        user=request.user,
                    )
                except ValidationError as exc:
                    form.add_error("text", exc)
                else:
                    messages.success(
                        request, f"{change.summary}。已重新计算 {change.deadlines_recomputed} 个期限的到期日。"
                    )
                    return redirect("admin:workdays_calendarentry_changelist")
            status = 400
        context = {
            **self.admin_site.each_context(request),
            "title": "导入年度放假和调休安排",
            "form": form,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "workdays/import.html", context, status=status)


@admin.register(CalendarChange)
class CalendarChangeAdmin(admin.ModelAdmin):
    list_display = ["changed_at", "changed_by", "summary", "first_date", "last_date", "deadlines_recomputed"]
    readonly_fields = list_display

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
