from __future__ import annotations

from django.apps import AppConfig


class WorkdaysConfig(AppConfig):
    name = "workdays"
    verbose_name = "工作日历"

    def ready(self) -> None:
        from django.contrib import admin

        from . import checks  # noqa: F401  (registers the system check)

        # The admin start page shows a banner when next year's calendar is missing.
        if admin.site.index_template is None:
            admin.site.index_template = "workdays/admin_index.html"
