"""The official working-day calendar (工作日历).

China's working days are not Monday to Friday: statutory holidays are off and
make-up working days (调休上班, a Saturday or Sunday) are on. The data comes from
the chinesecalendar package for the years it covers, overridden and extended by
``CalendarEntry`` rows that staff edit in the admin. A year that neither covers
is never guessed: the functions raise ``CalendarUnavailable`` naming it.

    import workdays
    workdays.is_working_day(d)
    workdays.add_working_days(start, n)       # day 1 = first working day after start
    workdays.working_days_between(start, end)  # working days d with start < d <= end

Each call reads the table afresh (a few small queries); code that asks many
questions at once (recomputing deadlines) uses one ``WorkingCalendar``.
"""

from __future__ import annotations

import datetime as dt

from .working_calendar import CalendarUnavailable, WorkingCalendar

__all__ = ["CalendarUnavailable", "WorkingCalendar", "add_working_days", "is_working_day", "working_days_between"]


def is_working_day(d: dt.date) -> bool:
    return WorkingCalendar().is_working_day(d)


def add_working_days(start: dt.date, n: int) -> dt.date:
    return WorkingCalendar().add_working_days(start, n)


def working_days_between(start: dt.date, end: dt.date) -> int:
    return WorkingCalendar().working_days_between(start, end)
