from __future__ import annotations

from django.contrib import admin

from .models import SensitiveWord


@admin.register(SensitiveWord)
class SensitiveWordAdmin(admin.ModelAdmin):
    """The confidentiality word list; the next privacy scan uses any change made here."""

    list_display = ["word", "note", "created_at"]
    search_fields = ["word", "note"]
    ordering = ["word"]
    fields = ["word", "note"]
