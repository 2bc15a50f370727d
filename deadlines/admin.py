from __future__ import annotations

from django.contrib import admin, messages

from . import outbox
from .models import Deadline, DeadlineEvent, DeadlinePause, OutboxMessage


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


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    list_display = ["subject", "created_at", "sent_at", "attempts", "last_error"]
    list_filter = [("sent_at", admin.EmptyFieldListFilter)]
    search_fields = ["subject", "key"]
    readonly_fields = [
        "key",
        "recipients",
        "subject",
        "shown_body",
        "confidential",
        "created_at",
        "claimed_at",
        "sent_at",
        "attempts",
        "last_error",
    ]
    actions = ["retry"]
    exclude = ["body"]

    @admin.display(description="正文")
    def shown_body(self, message: OutboxMessage) -> str:
        return "（正文含只给收件人本人的凭证，不在后台显示。）" if message.confidential else message.body

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.action(description="重新排队发送所选的未发送邮件", permissions=["change"])
    def retry(self, request, queryset) -> None:
        pending = queryset.filter(sent_at__isnull=True)
        count = pending.update(claimed_at=None, attempts=0)
        for message_id in pending.values_list("pk", flat=True):
            outbox.queue_delivery(message_id)
        messages.success(request, f"已重新排队 {count} 封邮件。")
