from __future__ import annotations

from django.contrib import admin

from . import user_admin  # noqa: F401 (replaces the user admin of django.contrib.auth)
from .models import Organisation, StaffProfile


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "agency_code", "index_code", "order"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name"]
    prepopulated_fields = {"slug": ["short_name"]}


@admin.register(StaffProfile)
class StaffProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation"]
    list_filter = ["organisation"]
    autocomplete_fields = ["user"]
