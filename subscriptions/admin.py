"""Subscribers in the admin: staff with the permission only; addresses masked in the list
and searchable only by the full address."""

from __future__ import annotations

from django.contrib import admin

from .models import Delivery, Subscriber, Subscription, mask_email


class SubscriptionInline(admin.TabularInline):
    model = Subscription
    extra = 0
    fields = ["kind", "tag", "organisation", "doc_type", "query", "frequency", "created_at", "confirmed_at"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    list_display = ["masked", "subscription_count", "created_at"]
    search_fields = ["=email"]
    readonly_fields = ["email", "user", "created_at"]
    inlines = [SubscriptionInline]

    @admin.display(description="电子邮箱（已遮盖）")
    def masked(self, subscriber: Subscriber) -> str:
        return mask_email(subscriber.email)

    @admin.display(description="订阅数")
    def subscription_count(self, subscriber: Subscriber) -> int:
        return subscriber.subscriptions.count()

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ["item", "frequency", "created_at", "sent_at", "cancelled_at"]
    list_filter = ["frequency", ("sent_at", admin.EmptyFieldListFilter)]
    readonly_fields = [
        "subscriber",
        "document",
        "interpretation",
        "decision",
        "frequency",
        "created_at",
        "sent_at",
        "cancelled_at",
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("document", "interpretation", "decision")

    @admin.display(description="推送内容")
    def item(self, delivery: Delivery) -> str:
        if delivery.document_id:
            return f"文件：{delivery.document}"
        if delivery.interpretation_id:
            return f"解读：{delivery.interpretation}"
        return f"征求意见：{delivery.decision}"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
