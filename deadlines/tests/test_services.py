"""Starting, pausing and closing deadlines, and recomputing them when the calendar changes."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from deadlines import services
from deadlines.models import Deadline, DeadlineEvent
from factories import TEST_ARRANGEMENT_2027, start_deadline, subject
from workdays.models import CalendarChange, CalendarEntry
from workdays.services import calendar_entry_delete, calendar_entry_save, calendar_year_import

pytestmark = pytest.mark.django_db

D = dt.date
SHANGHAI = dt.timezone(dt.timedelta(hours=8))


def test_the_due_date_is_computed_when_the_clock_starts(organisation):
    deadline = start_deadline(start=D(2023, 4, 20), working_days=20, organisation=organisation)

    deadline.refresh_from_db()
    assert deadline.due_date == D(2023, 5, 19)
    assert deadline.calendar_unconfirmed is False
    assert deadline.remind_before == 3  # DEADLINE_REMIND_BEFORE_DAYS
    assert deadline.events.get().kind == DeadlineEvent.Kind.STARTED


def test_starting_twice_returns_the_same_deadline():
    thing = subject()
    first = start_deadline(start=D(2023, 9, 27), on=thing)
    second = start_deadline(start=D(2023, 10, 9), on=thing)

    assert first.pk == second.pk
    assert Deadline.objects.count() == 1
    assert services.deadline_for(thing, "request_reply").start_date == D(2023, 9, 27)


def test_a_deadline_into_an_uncovered_year_is_flagged_not_guessed():
    deadline = start_deadline(start=D(2026, 12, 14), working_days=20)

    deadline.refresh_from_db()
    assert deadline.due_date is None
    assert deadline.calendar_unconfirmed is True
    assert deadline.working_days_left(D(2026, 12, 15)) is None


@time_machine.travel(dt.datetime(2026, 12, 15, 9, 0, tzinfo=SHANGHAI), tick=False)
def test_importing_the_year_recomputes_it_and_records_the_change():
    deadline = start_deadline(start=D(2026, 12, 14), working_days=20)
    met = start_deadline(start=D(2026, 12, 14), working_days=20)
    services.deadline_meet(subject=met.subject, kind=met.kind)

    change = calendar_year_import(year=2027, text=TEST_ARRANGEMENT_2027, user=None)

    deadline.refresh_from_db()
    # 15-31 Dec 2026: 13 working days; then 4-8 Jan (5) and 11-12 Jan (2) = 20.
    assert deadline.due_date == D(2027, 1, 12)
    assert deadline.calendar_unconfirmed is False
    assert change.deadlines_recomputed == 1
    event = deadline.events.get(kind=DeadlineEvent.Kind.RECOMPUTED)
    assert (event.due_date_before, event.due_date_after) == (None, D(2027, 1, 12))
    assert "导入2027年安排" in event.note
    met.refresh_from_db()
    assert met.due_date is None  # closed deadlines are left alone


@time_machine.travel(dt.datetime(2023, 9, 28, 9, 0, tzinfo=SHANGHAI), tick=False)
def test_a_changed_calendar_entry_moves_the_open_deadlines_it_affects():
    affected = start_deadline(start=D(2023, 9, 27), working_days=10)  # due 17 Oct
    before = start_deadline(start=D(2023, 9, 1), working_days=5)  # due 8 Sep, not affected

    entry = CalendarEntry(date=D(2023, 10, 9), kind=CalendarEntry.Kind.HOLIDAY, name="测试更正")
    change = calendar_entry_save(entry=entry, user=None)

    affected.refresh_from_db()
    before.refresh_from_db()
    assert affected.due_date == D(2023, 10, 18)
    assert before.due_date == D(2023, 9, 8)
    assert change.deadlines_recomputed == 1
    assert "新增" in change.summary

    calendar_entry_delete(entry=entry, user=None)
    affected.refresh_from_db()
    assert affected.due_date == D(2023, 10, 17)
    assert CalendarChange.objects.count() == 2


def test_a_pause_extends_the_due_date_by_the_working_days_paused():
    deadline = start_deadline(start=D(2023, 9, 27), working_days=10)  # due 17 Oct
    thing = deadline.subject

    services.deadline_pause(subject=thing, kind=deadline.kind, on=D(2023, 10, 9))
    paused = services.deadline_for(thing, deadline.kind)
    assert paused.paused_since == D(2023, 10, 9)
    # Paused on Mon 9 Oct, resumed Fri 13 Oct: 10-13 Oct (4 working days) do not count.
    services.deadline_resume(subject=thing, kind=deadline.kind, on=D(2023, 10, 13))

    deadline.refresh_from_db()
    assert deadline.paused_since is None
    assert deadline.due_date == D(2023, 10, 23)
    assert list(deadline.events.values_list("kind", flat=True)) == ["started", "paused", "resumed", "recomputed"]


def test_meet_and_cancel_close_the_active_deadline_only():
    thing = subject()
    start_deadline(start=D(2023, 9, 27), on=thing)

    met = services.deadline_meet(subject=thing, kind="request_reply", on=D(2023, 10, 10))
    assert (met.state, met.closed_on) == (Deadline.State.MET, D(2023, 10, 10))
    assert services.deadline_cancel(subject=thing, kind="request_reply") is None

    again = start_deadline(start=D(2023, 11, 1), on=thing)  # a new clock after the old one closed
    cancelled = services.deadline_cancel(subject=thing, kind="request_reply", reason="申请人撤回")
    cancelled.refresh_from_db()
    assert cancelled.pk == again.pk
    assert (cancelled.state, cancelled.close_reason) == (Deadline.State.CANCELLED, "申请人撤回")


def test_working_days_left_counts_down_and_goes_negative_when_overdue():
    deadline = start_deadline(start=D(2023, 9, 27), working_days=10)  # due Tue 17 Oct

    assert deadline.working_days_left(D(2023, 10, 12)) == 3  # 13, 16, 17
    assert deadline.working_days_left(D(2023, 10, 17)) == 0
    assert deadline.working_days_left(D(2023, 10, 19)) == -2
