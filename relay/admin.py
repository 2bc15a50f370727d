"""The relay push in the admin: partners (contacts masked in the list, searchable by
name only), each policy's relay record with its key points and the action 发送接力包,
and the packages (read-only). Every write goes through relay.services."""

from __future__ import annotations

from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html

from . import permissions, services
from .models import PolicyRelay, RelayPackage, RelayPartner, mask_email, mask_person, mask_phone


@admin.register(RelayPartner)
class RelayPartnerAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "kind",
        "masked_person",
        "masked_phone",
        "masked_email",
        "member_enterprises",
        "public_consent",
        "active",
    ]
    list_filter = ["kind", "active", "public_consent"]
    search_fields = ["name"]
    filter_horizontal = ["tags", "industries"]
    fieldsets = [
        (None, {"fields": ["name", "kind", "member_enterprises", "active"]}),
        ("联系人（不公开）", {"fields": ["contact_person", "contact_phone", "contact_email"]}),
        ("覆盖范围", {"fields": ["tags", "industries"]}),
        ("公开", {"fields": ["public_consent"]}),
    ]

    @admin.display(description="联系人")
    def masked_person(self, partner: RelayPartner) -> str:
        return mask_person(partner.contact_person)

    @admin.display(description="联系电话")
    def masked_phone(self, partner: RelayPartner) -> str:
        return mask_phone(partner.contact_phone)

    @admin.display(description="联系邮箱")
    def masked_email(self, partner: RelayPartner) -> str:
        return mask_email(partner.contact_email)

    def save_model(self, request, obj, form, change) -> None:
        services.partner_save(partner=obj, changed=list(form.changed_data))

    def save_related(self, request, form, formsets, change) -> None:
        services.partner_set_coverage(
            partner=form.instance, tags=form.cleaned_data["tags"], industries=form.cleaned_data["industries"]
        )
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # a partner with packages is kept for the year's figures; deactivate it instead


class PackageInline(admin.TabularInline):
    model = RelayPackage
    extra = 0
    fields = [
        "partner",
        "sent_at",
        "acknowledged_at",
        "enterprises_reached",
        "channel",
        "relayed_on",
        "reminder_sent_at",
    ]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(PolicyRelay)
class PolicyRelayAdmin(admin.ModelAdmin):
    list_display = ["document", "sent_count", "confirmed_count", "no_relay", "status_page"]
    search_fields = ["document__title", "document__doc_number"]
    list_select_related = ["document"]
    actions = ["send_packages"]
    fieldsets = [
        (None, {"fields": ["document"]}),
        ("要点（随接力包发送）", {"fields": ["applicable_to", "conditions", "time_limit", "consult_phone"]}),
        ("无需接力", {"fields": ["no_relay_reason", "no_relay_decided_at", "no_relay_decided_by"]}),
        (None, {"fields": ["matched_at"]}),
    ]
    readonly_fields = ["document", "no_relay_reason", "no_relay_decided_at", "no_relay_decided_by", "matched_at"]
    inlines = [PackageInline]

    @admin.display(description="已发送")
    def sent_count(self, relay: PolicyRelay) -> int:
        return relay.packages.count()

    @admin.display(description="已确认")
    def confirmed_count(self, relay: PolicyRelay) -> int:
        return relay.packages.acknowledged().count()

    @admin.display(description="无需接力", boolean=True)
    def no_relay(self, relay: PolicyRelay) -> bool:
        return relay.needs_no_relay

    @admin.display(description="接力情况")
    def status_page(self, relay: PolicyRelay) -> str:
        return format_html('<a href="{}">查看</a>', reverse("relay:staff_policy", args=[relay.document_id]))

    def save_model(self, request, obj, form, change) -> None:
        services.relay_update_key_points(
            relay=obj,
            applicable_to=obj.applicable_to,
            conditions=obj.conditions,
            time_limit=obj.time_limit,
            consult_phone=obj.consult_phone,
        )

    def has_add_permission(self, request) -> bool:
        return False  # created with its key points prefilled, by the match or the staff page

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.action(description="发送接力包", permissions=["send"])
    def send_packages(self, request, queryset) -> None:
        sent = 0
        for relay in queryset.select_related("document"):
            try:
                sent += services.packages_send(document=relay.document, user=request.user).sent
            except services.RelayRefused as refused:
                self.message_user(request, f"《{relay.document.title}》：{refused.message}", messages.WARNING)
        self.message_user(request, f"已发送 {sent} 个接力包（已收到过的单位不再重复发送）。")

    def has_send_permission(self, request) -> bool:
        return permissions.can_send(request.user)


@admin.register(RelayPackage)
class RelayPackageAdmin(admin.ModelAdmin):
    list_display = ["relay", "partner", "sent_at", "acknowledged_at", "enterprises_reached", "channel", "relayed_on"]
    list_filter = [("acknowledged_at", admin.EmptyFieldListFilter), "channel", "partner__kind"]
    search_fields = ["relay__document__title", "partner__name"]
    list_select_related = ["relay__document", "partner"]
    readonly_fields = [
        "relay",
        "partner",
        "sent_at",
        "sent_by",
        "acknowledged_at",
        "acknowledgement_count",
        "enterprises_reached",
        "channel",
        "relayed_on",
        "reminder_sent_at",
    ]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
