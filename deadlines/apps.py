from __future__ import annotations

from django.apps import AppConfig


class DeadlinesConfig(AppConfig):
    name = "deadlines"
    verbose_name = "时限与提醒"

    def ready(self) -> None:
        from workdays.signals import calendar_changed

        from . import document_rules
        from .services import deadlines_recompute_for_calendar

        def on_calendar_changed(sender, change, first_date, last_date, **kwargs) -> int:
            return deadlines_recompute_for_calendar(
                first_date=first_date, last_date=last_date, note=f"日历变更：{change.summary}"[:300]
            )

        self._on_calendar_changed = on_calendar_changed  # keep a strong reference
        calendar_changed.connect(on_calendar_changed, dispatch_uid="deadlines.recompute_on_calendar_change")
        document_rules.connect()
