"""The deadline engine's one signal receiver: a change of the working-day calendar
(workdays.signals.calendar_changed) recomputes the due dates it can affect, inside
the calendar change's transaction. Connected in ``DeadlinesConfig.ready()``."""

from __future__ import annotations

import datetime as dt

from workdays.models import CalendarChange

from .services import deadlines_recompute_for_calendar


def on_calendar_changed(sender, *, change: CalendarChange, first_date: dt.date, last_date: dt.date, **kwargs) -> int:
    """Returns how many due dates changed (the calendar change records the count)."""
    return deadlines_recompute_for_calendar(
        first_date=first_date, last_date=last_date, note=f"日历变更：{change.summary}"[:300]
    )
