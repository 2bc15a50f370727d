"""The legal clock on real dates. Every expected date was counted by hand from the
State Council's arrangements (as packaged in chinesecalendar 1.11.0):

- National Day 2025: 1-8 Oct off; Sun 28 Sep and Sat 11 Oct working.
- New Year 2026: 1-3 Jan off; Sun 4 Jan working.
- Spring Festival 2026: 15-23 Feb off; Sat 14 Feb and Sat 28 Feb working.
- 2027 is not in the package: it must be imported (here the test arrangement).
"""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest

import workdays
from applications import clock
from applications.clock import (
    correction_notice_due_on,
    correction_period_due_on,
    payment_due_on,
    received_on,
    reply_due_on,
    third_party_due_on,
)
from factories import TEST_ARRANGEMENT_2027
from workdays.models import CalendarEntry
from workdays.services import calendar_year_import

pytestmark = pytest.mark.django_db

D = dt.date
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


def at(year: int, month: int, day: int, hour: int, minute: int = 0, tz: dt.tzinfo = SHANGHAI) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=tz)


# --- Art. 31: the day an application counts as received ----------------------------------


@pytest.mark.parametrize(
    ("channel", "submitted_at", "received"),
    [
        # A working day before closing time: that day.
        ("online", at(2025, 9, 30, 16, 59), D(2025, 9, 30)),
        # At or after closing time: the next working day, here after the whole National Day.
        ("online", at(2025, 9, 30, 17, 0), D(2025, 10, 9)),
        ("online", at(2025, 9, 30, 23, 30), D(2025, 10, 9)),
        # On a holiday: the first working day after it.
        ("online", at(2025, 10, 3, 10), D(2025, 10, 9)),
        # On an ordinary Saturday: the make-up working Sunday after it.
        ("online", at(2025, 9, 27, 10), D(2025, 9, 28)),
        # On a make-up working Sunday before closing time: that Sunday.
        ("online", at(2025, 9, 28, 9, 30), D(2025, 9, 28)),
        # Fax after closing on Friday 10 Oct: the make-up working Saturday 11 Oct.
        ("fax", at(2025, 10, 10, 18, 30), D(2025, 10, 11)),
        # E-mail after closing on that Saturday: Monday 13 Oct (Sunday 12 Oct is off).
        ("email", at(2025, 10, 11, 20), D(2025, 10, 13)),
        ("email", at(2025, 10, 12, 11), D(2025, 10, 13)),
        # Spring Festival 2026: after closing on Fri 13 Feb the next working day is Sat 14 Feb;
        # after closing on that Saturday, Tue 24 Feb.
        ("online", at(2026, 2, 13, 17, 30), D(2026, 2, 14)),
        ("online", at(2026, 2, 14, 18), D(2026, 2, 24)),
        ("online", at(2026, 2, 18, 9), D(2026, 2, 24)),
        # New Year's Eve 2025 after closing: 1-3 Jan off, the make-up Sunday 4 Jan 2026.
        ("online", at(2025, 12, 31, 17, 5), D(2026, 1, 4)),
        # In person: the day it was handed in, whatever the time or the day.
        ("in_person", at(2025, 9, 30, 18), D(2025, 9, 30)),
        ("in_person", at(2025, 10, 3, 10), D(2025, 10, 3)),
    ],
)
def test_the_receipt_date_follows_article_31(channel, submitted_at, received):
    assert received_on(channel, submitted_at=submitted_at) == received


@pytest.mark.parametrize(
    ("submitted_at", "received"),
    [
        # 08:30 UTC is 16:30 in Shanghai: before closing.
        (dt.datetime(2025, 9, 30, 8, 30, tzinfo=dt.UTC), D(2025, 9, 30)),
        # 09:00 UTC is 17:00 in Shanghai: closed.
        (dt.datetime(2025, 9, 30, 9, 0, tzinfo=dt.UTC), D(2025, 10, 9)),
        # Sat 27 Sep 20:00 UTC is Sun 28 Sep 04:00 in Shanghai, a make-up working day.
        (dt.datetime(2025, 9, 27, 20, 0, tzinfo=dt.UTC), D(2025, 9, 28)),
    ],
)
def test_the_local_date_and_time_decide(submitted_at, received):
    assert received_on("online", submitted_at=submitted_at) == received


def test_registered_post_counts_from_the_day_it_was_signed_for_even_a_holiday():
    received = received_on("post_registered", submitted_at=at(2025, 9, 29, 9), signed_for_on=D(2025, 10, 3))

    assert received == D(2025, 10, 3)


def test_ordinary_post_counts_from_the_day_it_was_confirmed():
    received = received_on("post_ordinary", submitted_at=at(2025, 9, 29, 9), confirmed_on=D(2025, 10, 10))

    assert received == D(2025, 10, 10)


@pytest.mark.parametrize("channel", ["online", "fax", "email"])
def test_an_electronic_application_counts_from_a_confirmed_date_when_there_is_one(channel):
    received = received_on(channel, submitted_at=at(2025, 9, 30, 20), confirmed_on=D(2025, 10, 13))

    assert received == D(2025, 10, 13)


@pytest.mark.parametrize(
    ("channel", "missing"), [("post_registered", "signed_for_on"), ("post_ordinary", "confirmed_on")]
)
def test_post_without_its_date_is_refused(channel, missing):
    with pytest.raises(ValueError, match=missing):
        received_on(channel, submitted_at=at(2025, 9, 29, 9))


def test_an_unknown_channel_is_refused():
    with pytest.raises(ValueError, match="channel"):
        received_on("pigeon", submitted_at=at(2025, 9, 29, 9))


def test_the_closing_time_is_a_setting(settings):
    settings.APPLICATIONS_CLOSING_TIME = "18:00"

    assert received_on("online", submitted_at=at(2025, 9, 30, 17, 30)) == D(2025, 9, 30)
    assert received_on("online", submitted_at=at(2025, 9, 30, 18, 0)) == D(2025, 10, 9)


def test_the_closing_time_defaults_to_five_pm_without_the_setting(settings):
    del settings.APPLICATIONS_CLOSING_TIME

    assert clock.closing_time() == dt.time(17, 0)
    assert received_on("online", submitted_at=at(2025, 9, 30, 17, 0)) == D(2025, 10, 9)


# --- Art. 33: the reply date -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("received", "due"),
    [
        # National Day 2025: 28 Sep, 29, 30 Sep, then 9, 10, 11 Oct (make-up Saturday), ...
        (D(2025, 9, 26), D(2025, 10, 30)),
        (D(2025, 9, 28), D(2025, 10, 31)),
        # Received on a holiday: counting starts on 9 Oct.
        (D(2025, 10, 3), D(2025, 11, 4)),
        # Spring Festival 2026: 11-14 Feb, then 24 Feb on, with the make-up Saturday 28 Feb.
        (D(2026, 2, 10), D(2026, 3, 16)),
        (D(2026, 2, 14), D(2026, 3, 20)),
        # Year boundary: 12 days in December 2025, then the make-up Sunday 4 Jan 2026.
        (D(2025, 12, 15), D(2026, 1, 13)),
    ],
)
def test_the_reply_is_due_on_the_twentieth_working_day(received, due):
    assert reply_due_on(received) == due


def test_an_online_application_after_closing_before_the_holiday():
    received = received_on("online", submitted_at=at(2025, 9, 30, 17, 45))

    assert received == D(2025, 10, 9)
    # 10, 11 (make-up Saturday), 13-17, 20-24, 27-31 Oct, 3-5 Nov.
    assert reply_due_on(received) == D(2025, 11, 5)


def test_a_corrected_application_restarts_the_clock_from_zero():
    # Received Fri 26 Sep 2025 (due 30 Oct); the corrected application arrives Fri 10 Oct:
    # 11 Oct (make-up Saturday) is day 1, then 13-17, 20-24, 27-31 Oct, 3-6 Nov.
    assert reply_due_on(D(2025, 9, 26), restarted_on=D(2025, 10, 10)) == D(2025, 11, 6)


def test_a_restart_on_the_receipt_day_changes_nothing():
    assert reply_due_on(D(2025, 9, 26), restarted_on=D(2025, 9, 26)) == D(2025, 10, 30)


def test_a_restart_before_receipt_is_refused():
    with pytest.raises(ValueError, match="restarted_on"):
        reply_due_on(D(2025, 9, 26), restarted_on=D(2025, 9, 25))


def test_a_pause_spanning_national_day_excludes_only_its_working_days():
    # Received Mon 22 Sep 2025, due 24 Oct without a pause. Paused 29 Sep - 10 Oct (a third
    # party's view): 29, 30 Sep, 9, 10 Oct are not counted; 1-8 Oct were off anyway. Counted:
    # 23-26, 28 Sep (5), then 11 Oct, 13-17, 20-24, 27-30 Oct (15).
    assert reply_due_on(D(2025, 9, 22)) == D(2025, 10, 24)
    assert reply_due_on(D(2025, 9, 22), paused=[(D(2025, 9, 29), D(2025, 10, 10))]) == D(2025, 10, 30)


def test_pauses_count_their_first_and_last_day_and_add_up():
    # Received Tue 10 Feb 2026 (due 16 Mar). Paused Thu 12 - Fri 13 Feb and Sat 28 Feb (a
    # make-up working day): three working days fewer. Counted: 11, 14, 24-27 Feb, 2-6, 9-13,
    # 16-19 Mar.
    paused = [(D(2026, 2, 12), D(2026, 2, 13)), (D(2026, 2, 28), D(2026, 2, 28))]

    assert reply_due_on(D(2026, 2, 10), paused=paused) == D(2026, 3, 19)


def test_a_pause_on_days_off_changes_nothing():
    assert reply_due_on(D(2026, 2, 10), paused=[(D(2026, 2, 15), D(2026, 2, 23))]) == D(2026, 3, 16)


def test_a_pause_that_ends_before_it_starts_is_refused():
    with pytest.raises(ValueError, match="before it starts"):
        reply_due_on(D(2025, 9, 26), paused=[(D(2025, 10, 10), D(2025, 10, 9))])


def test_an_open_pause_has_no_reply_date_yet():
    with pytest.raises(ValueError, match="open"):
        reply_due_on(D(2025, 9, 26), paused=[(D(2025, 10, 10), None)])


@pytest.mark.parametrize(
    ("extension_days", "due"),
    [
        (0, D(2025, 10, 30)),
        (1, D(2025, 10, 31)),
        (5, D(2025, 11, 6)),  # 31 Oct, 3-6 Nov
        (20, D(2025, 11, 27)),  # 31 Oct, 3-7, 10-14, 17-21, 24-27 Nov
    ],
)
def test_an_extension_adds_working_days_at_the_end(extension_days, due):
    assert reply_due_on(D(2025, 9, 26), extension_days=extension_days) == due


def test_an_extension_over_a_pause_and_a_restart():
    # Restarted Fri 10 Oct 2025 (due 6 Nov); paused Mon 13 - Tue 14 Oct (due 10 Nov);
    # extended by 10 working days: 11-14, 17-21 Nov, 24 Nov.
    due = reply_due_on(
        D(2025, 9, 26), restarted_on=D(2025, 10, 10), paused=[(D(2025, 10, 13), D(2025, 10, 14))], extension_days=10
    )

    assert due == D(2025, 11, 24)


@pytest.mark.parametrize("extension_days", [21, -1, 2.5, True])
def test_an_extension_beyond_twenty_working_days_is_refused(extension_days):
    with pytest.raises(ValueError, match="extension"):
        reply_due_on(D(2025, 9, 26), extension_days=extension_days)


# --- A day the calendar does not cover is never guessed ---------------------------------------


def test_a_reply_date_running_into_an_unannounced_year_is_not_guessed():
    # Received Tue 15 Dec 2026: 12 working days left in 2026, the rest in 2027.
    with pytest.raises(workdays.CalendarUnavailable) as excinfo:
        reply_due_on(D(2026, 12, 15))

    assert excinfo.value.year == 2027


def test_once_the_year_is_imported_the_reply_date_is_known():
    calendar_year_import(year=2027, text=TEST_ARRANGEMENT_2027, user=None)

    # 16-18, 21-25, 28-31 Dec 2026 (12), 1 Jan 2027 off, then 4-8, 11-13 Jan.
    assert reply_due_on(D(2026, 12, 15)) == D(2027, 1, 13)


def test_a_receipt_in_an_unannounced_year_is_not_guessed():
    with pytest.raises(workdays.CalendarUnavailable):
        received_on("online", submitted_at=at(2028, 3, 1, 10))
    with pytest.raises(workdays.CalendarUnavailable):
        reply_due_on(D(2028, 3, 1))


def test_an_in_person_receipt_needs_no_calendar():
    assert received_on("in_person", submitted_at=at(2028, 3, 1, 10)) == D(2028, 3, 1)


def test_a_correction_of_the_calendar_moves_the_dates():
    CalendarEntry.objects.create(date=D(2025, 10, 13), kind=CalendarEntry.Kind.HOLIDAY, name="测试更正")

    assert reply_due_on(D(2025, 9, 26)) == D(2025, 10, 31)
    assert received_on("online", submitted_at=at(2025, 10, 11, 20)) == D(2025, 10, 14)


# --- The shorter periods ----------------------------------------------------------------------


def test_the_correction_notice_is_due_within_seven_working_days():
    # 28, 29, 30 Sep, 9, 10, 11, 13 Oct 2025.
    assert correction_notice_due_on(D(2025, 9, 26)) == D(2025, 10, 13)


def test_the_correction_period_defaults_to_fifteen_working_days():
    # 9-11, 13-17, 20-24, 27-28 Oct 2025.
    assert correction_period_due_on(D(2025, 9, 30)) == D(2025, 10, 28)
    assert correction_period_due_on(D(2025, 9, 30), days=5) == D(2025, 10, 14)


def test_a_correction_period_of_no_days_is_refused():
    with pytest.raises(ValueError):
        correction_period_due_on(D(2025, 9, 30), days=0)


def test_a_third_party_has_fifteen_working_days():
    # 28-30 Sep, 9-11, 13-17, 20-23 Oct 2025.
    assert third_party_due_on(D(2025, 9, 26)) == D(2025, 10, 23)


def test_a_fee_is_due_within_twenty_working_days_across_the_spring_festival():
    # 13, 14 Feb, 24-28 Feb 2026 (with the make-up Saturday), 2-6, 9-13, 16-18 Mar.
    assert payment_due_on(D(2026, 2, 12)) == D(2026, 3, 18)
