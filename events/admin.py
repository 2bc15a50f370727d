"""The staff's admin of events: events with their sessions inline, every save through
services; registrations are read-only here (names and phones for staff only), checked in
at the door page."""

from __future__ import annotations

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html

from organisations import access

from . import services
from .models import Event, Registration, Session


class SessionInline(admin.TabularInline):
    model = Session
    extra = 1
    fields = ["date", "start_time", "end_time", "capacity", "max_party", "registration_closes_at", "door"]
    readonly_fields = ["door"]

    @admin.display(description="现场签到")
    def door(self, obj: Session) -> str:
        if not obj.pk:
            return "—"
        return format_html(
            '<a href="{}">签到页</a>（已报 {} / {} 人，到场 {} 人）',
            reverse("events:door", args=[obj.pk]),
            obj.seats_taken(),
            obj.capacity,
            obj.attendance(),
        )


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "organiser", "status_label", "published"]
    list_filter = ["kind", "published", "cancelled"]
    search_fields = ["title", "venue"]
    autocomplete_fields = ["documents"]
    inlines = [SessionInline]

    @admin.display(description="状态")
    def status_label(self, obj: Event) -> str:
        return obj.status_label()

    def get_queryset(self, request):
        return access.scope(super().get_queryset(request), request.user, field="organiser")

    def save_model(self, request, obj, form, change):
        services.event_save(event=obj)

    def save_formset(self, request, form, formset, change):
        for session in formset.save(commit=False):
            services.session_capacity_change(session=session)
        for session in formset.deleted_objects:
            session.delete()
        formset.save_m2m()


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ["__str__", "session", "party_size", "state", "created_at", "checked_in_at"]
    list_filter = ["state"]
    readonly_fields = [f.name for f in Registration._meta.fields if f.name != "id"]

    def get_queryset(self, request):
        return access.scope(super().get_queryset(request), request.user, field="session__event__organiser")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
