"""The calendar itself: a pure function of the package data and the table.

Models are imported inside methods so that ``import workdays`` works before
the app registry is ready.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import chinese_calendar

PACKAGE_FIRST_YEAR = min(chinese_calendar.holidays).year
PACKAGE_LAST_YEAR = max(chinese_calendar.holidays).year
_PACKAGE_HOLIDAYS = frozenset(chinese_calendar.holidays)
_PACKAGE_WORKDAYS = frozenset(chinese_calendar.workdays)

_HOLIDAY_NAMES_ZH = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "抗战胜利70周年纪念日",
}


class CalendarUnavailable(Exception):
    """The official arrangement of a year is not known (yet)."""

    def __init__(self, year: int) -> None:
        self.year = year
        super().__init__(
            f"{year}年的法定节假日和调休安排尚未录入工作日历，无法计算工作日。"
            f"请在管理后台“工作日历”中导入{year}年的安排（以国务院办公厅通知为准）。"
        )


def package_covers(year: int) -> bool:
    return PACKAGE_FIRST_YEAR <= year <= PACKAGE_LAST_YEAR


def package_day_name(d: dt.date) -> str:
    """The Chinese name of a holiday or make-up day in the package data, or ""."""
    name = chinese_calendar.holidays.get(d) or chinese_calendar.workdays.get(d) or ""
    return _HOLIDAY_NAMES_ZH.get(name, name)


@dataclass
class _Year:
    covered: bool
    overrides: dict[dt.date, bool] = field(default_factory=dict)  # date -> is a working day


class WorkingCalendar:
    """Answers working-day questions, loading each year's rows once."""

    def __init__(self) -> None:
        self._years: dict[int, _Year] = {}

    def _year(self, year: int) -> _Year:
        if year not in self._years:
            from .models import CalendarEntry, CalendarYear

            confirmed = CalendarYear.objects.filter(year=year, confirmed=True).exists()
            overrides = {
                date: kind == CalendarEntry.Kind.WORKDAY
                for date, kind in CalendarEntry.objects.filter(date__year=year).values_list("date", "kind")
            }
            self._years[year] = _Year(covered=confirmed or package_covers(year), overrides=overrides)
        return self._years[year]

    def covers(self, year: int) -> bool:
        return self._year(year).covered

    def is_working_day(self, d: dt.date) -> bool:
        data = self._year(d.year)
        if not data.covered:
            raise CalendarUnavailable(d.year)
        if d in data.overrides:
            return data.overrides[d]
        # The package's own is_workday() re-scans all its dates on every call; its
        # two tables answer the same question directly.
        if d in _PACKAGE_WORKDAYS:
            return True
        if d in _PACKAGE_HOLIDAYS:
            return False
        return d.weekday() < 5

    def add_working_days(self, start: dt.date, n: int) -> dt.date:
        """The n-th working day after ``start`` (``start`` itself never counts,
        whether or not it is a working day); ``start`` when n is 0."""
        if n < 0:
            raise ValueError("n must not be negative")
        day, counted = start, 0
        while counted < n:
            day += dt.timedelta(days=1)
            if self.is_working_day(day):
                counted += 1
        return day

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days d with start < d <= end; negative (the count of
        end < d <= start) when end is before start, e.g. days overdue."""
        if end < start:
            return -self.working_days_between(end, start)
        count, day = 0, start
        while day < end:
            day += dt.timedelta(days=1)
            count += self.is_working_day(day)
        return count


def missing_years(today: dt.date) -> list[int]:
    """Years staff must enter now: this year if it is not covered, and from
    November on next year too (the State Council announces it then)."""
    calendar = WorkingCalendar()
    years = [today.year] + ([today.year + 1] if today.month >= 11 else [])
    return [year for year in years if not calendar.covers(year)]
