from __future__ import annotations

from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "applications"
    verbose_name = "依申请公开"

    def ready(self) -> None:
        from workdays.signals import calendar_changed

        from . import deadline_rules

        # After the deadline engine's receiver (deadlines is listed first in INSTALLED_APPS).
        calendar_changed.connect(deadline_rules.calendar_changed, dispatch_uid="applications.calendar_changed")
