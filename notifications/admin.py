from __future__ import annotations

from django.contrib import admin, messages

from . import outbox
from .models import OutboxMessage


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
        "shown_headers",
        "created_at",
        "claimed_at",
        "sent_at",
        "attempts",
        "last_error",
    ]
    actions = ["retry"]
    exclude = ["body", "headers"]

    @admin.display(description="附加邮件头")
    def shown_headers(self, message: OutboxMessage) -> str:
        if message.confidential:
            return "（含退订链接等凭证，不在后台显示。）" if message.headers else "—"
        return "; ".join(f"{name}: {value}" for name, value in message.headers.items()) or "—"

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
