"""The calendar against real dates: the State Council's arrangements as
published (and as packaged in chinesecalendar 1.11.0)."""

from __future__ import annotations

import datetime as dt

import pytest

import workdays
from factories import TEST_ARRANGEMENT_2027
from workdays.models import CalendarEntry, CalendarYear
from workdays.services import calendar_year_import

pytestmark = pytest.mark.django_db

D = dt.date


@pytest.mark.parametrize(
    ("start", "n", "due"),
    [
        # National Day 2023: 29 Sep - 6 Oct off, Sat 7 and Sun 8 Oct working.
        (D(2023, 9, 27), 10, D(2023, 10, 17)),
        (D(2023, 9, 28), 10, D(2023, 10, 18)),
        # Spring Festival 2024: 10-17 Feb off, Sun 4 and Sun 18 Feb working.
        (D(2024, 2, 1), 10, D(2024, 2, 20)),
        (D(2024, 2, 9), 1, D(2024, 2, 18)),
        # May Day 2023: 29 Apr - 3 May off, Sun 23 Apr and Sat 6 May working.
        (D(2023, 4, 20), 20, D(2023, 5, 19)),
        (D(2023, 4, 22), 1, D(2023, 4, 23)),
        # A start on a holiday counts from the next working day.
        (D(2023, 10, 1), 1, D(2023, 10, 7)),
        (D(2023, 10, 1), 5, D(2023, 10, 11)),
        # A start on a make-up working Saturday: the Saturday itself never counts.
        (D(2023, 5, 6), 1, D(2023, 5, 8)),
        (D(2023, 5, 6), 3, D(2023, 5, 10)),
        # Year boundaries: 1 Jan off; 2026 adds 2-3 Jan off and Sun 4 Jan working.
        (D(2024, 12, 30), 3, D(2025, 1, 3)),
        (D(2025, 12, 31), 1, D(2026, 1, 4)),
        # Zero days: the start itself.
        (D(2023, 10, 1), 0, D(2023, 10, 1)),
    ],
)
def test_add_working_days_on_real_dates(start, n, due):
    assert workdays.add_working_days(start, n) == due
    assert workdays.working_days_between(start, due) == n


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (D(2023, 10, 2), False),  # National Day, a Monday
        (D(2023, 10, 7), True),  # make-up Saturday
        (D(2024, 2, 18), True),  # make-up Sunday
        (D(2024, 2, 12), False),  # Spring Festival, a Monday
        (D(2023, 4, 23), True),  # make-up Sunday
        (D(2023, 5, 13), False),  # an ordinary Saturday
        (D(2023, 5, 15), True),  # an ordinary Monday
    ],
)
def test_is_working_day(day, working):
    assert workdays.is_working_day(day) is working


def test_working_days_between_is_negative_when_the_end_is_earlier():
    assert workdays.working_days_between(D(2023, 10, 17), D(2023, 9, 27)) == -10


def test_an_uncovered_year_raises_naming_the_year():
    with pytest.raises(workdays.CalendarUnavailable) as excinfo:
        workdays.add_working_days(D(2026, 12, 28), 5)

    assert excinfo.value.year == 2027
    assert "2027年" in str(excinfo.value)
    with pytest.raises(workdays.CalendarUnavailable):
        workdays.is_working_day(D(2027, 3, 1))


def test_a_table_entry_overrides_the_package():
    CalendarEntry.objects.create(date=D(2023, 10, 9), kind=CalendarEntry.Kind.HOLIDAY, name="测试更正")

    assert workdays.is_working_day(D(2023, 10, 9)) is False
    assert workdays.add_working_days(D(2023, 9, 27), 10) == D(2023, 10, 18)


def test_entries_alone_do_not_make_a_year_usable():
    CalendarEntry.objects.create(date=D(2027, 1, 1), kind=CalendarEntry.Kind.HOLIDAY, name="元旦")

    with pytest.raises(workdays.CalendarUnavailable):
        workdays.is_working_day(D(2027, 1, 4))


def test_an_imported_year_is_used_with_its_make_up_days():
    calendar_year_import(year=2027, text=TEST_ARRANGEMENT_2027, user=None)

    assert CalendarYear.objects.get(year=2027).confirmed
    assert workdays.is_working_day(D(2027, 2, 8)) is False  # imported holiday, a Monday
    assert workdays.is_working_day(D(2027, 2, 14)) is True  # imported make-up Sunday
    assert workdays.is_working_day(D(2027, 2, 13)) is False  # ordinary Saturday
    # 28 Dec 2026 + 5: 29, 30, 31 Dec, (1 Jan off), 4, 5 Jan.
    assert workdays.add_working_days(D(2026, 12, 28), 5) == D(2027, 1, 5)
