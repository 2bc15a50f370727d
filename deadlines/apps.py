from __future__ import annotations

from django.apps import AppConfig


class DeadlinesConfig(AppConfig):
    name = "deadlines"
    verbose_name = "时限与提醒"

    def ready(self) -> None:
        from workdays.signals import calendar_changed

        from . import receivers

        calendar_changed.connect(receivers.on_calendar_changed, dispatch_uid="deadlines.recompute_on_calendar_change")
