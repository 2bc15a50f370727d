from __future__ import annotations

from django.contrib import admin

from .models import Deadline, DeadlineEvent, DeadlinePause


class DeadlinePauseInline(admin.TabularInline):
    model = DeadlinePause
    extra = 0
    can_delete = False
    readonly_fields = ["paused_on", "resumed_on"]

    def has_add_permission(self, request, obj=None) -> bool:
        return False


class DeadlineEventInline(admin.TabularInline):
    model = DeadlineEvent
    extra = 0
    can_delete = False
    readonly_fields = ["at", "kind", "due_date_before", "due_date_after", "note"]

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Deadline)
class DeadlineAdmin(admin.ModelAdmin):
    """Read-mostly: deadlines are started and closed by the apps they belong to."""

    list_display = [
        "purpose",
        "organisation",
        "start_date",
        "working_days",
        "due_date",
        "state",
        "calendar_unconfirmed",
    ]
    list_filter = ["state", "calendar_unconfirmed", "kind", "organisation"]
    search_fields = ["purpose", "legal_basis"]
    date_hierarchy = "due_date"
    inlines = [DeadlinePauseInline, DeadlineEventInline]
    fieldsets = [
        (None, {"fields": ["purpose", "legal_basis", "kind", "organisation", "content_type", "object_id"]}),
        ("时限", {"fields": ["start_date", "working_days", "due_date", "calendar_unconfirmed", "paused_since"]}),
        (
            "状态与提醒",
            {
                "fields": [
                    "state",
                    "remind_before",
                    "reminder_sent_at",
                    "overdue_notice_sent_at",
                    "closed_on",
                    "close_reason",
                ]
            },
        ),
    ]

    def get_readonly_fields(self, request, obj=None):
        # Only the reminder lead time may be adjusted by hand.
        return [f.name for f in Deadline._meta.fields if f.name != "remind_before"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
