"""The legal clock of a disclosure application (《政府信息公开条例》 Art. 30-33).

Pure functions over the working-day calendar (``workdays``): the day an
application counts as received (Art. 31), its reply date (Art. 33, with the
restart after a 补正, the excluded waiting times and one extension), and the
shorter periods the procedure sets. A day the calendar does not cover raises
``workdays.CalendarUnavailable``: a legal date is never guessed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.utils import timezone

from workdays import CalendarUnavailable, WorkingCalendar

__all__ = [
    "CHANNELS",
    "CalendarUnavailable",
    "closing_time",
    "correction_notice_due_on",
    "correction_period_due_on",
    "payment_due_on",
    "received_on",
    "reply_due_on",
    "third_party_due_on",
]

# How an application arrives (Art. 29, 31).
IN_PERSON = "in_person"
POST_REGISTERED = "post_registered"
POST_ORDINARY = "post_ordinary"
ONLINE = "online"
FAX = "fax"
EMAIL = "email"
CHANNELS = frozenset({IN_PERSON, POST_REGISTERED, POST_ORDINARY, ONLINE, FAX, EMAIL})
_ELECTRONIC = frozenset({ONLINE, FAX, EMAIL})

REPLY_WORKING_DAYS = 20  # Art. 33 para. 2
MAX_EXTENSION_WORKING_DAYS = 20  # Art. 33 para. 2
CORRECTION_NOTICE_WORKING_DAYS = 7  # Art. 30
CORRECTION_PERIOD_WORKING_DAYS = 15  # the period given to correct (the portal's default)
THIRD_PARTY_WORKING_DAYS = 15  # Art. 32
PAYMENT_WORKING_DAYS = 20  # 国办函〔2020〕109号, from the fee notice

DEFAULT_CLOSING_TIME = "17:00"


def closing_time() -> dt.time:
    """The office's closing time (``APPLICATIONS_CLOSING_TIME``, "HH:MM", local)."""
    value = getattr(settings, "APPLICATIONS_CLOSING_TIME", DEFAULT_CLOSING_TIME)
    return value if isinstance(value, dt.time) else dt.time.fromisoformat(value)


def received_on(
    channel: str,
    *,
    submitted_at: dt.datetime,
    signed_for_on: dt.date | None = None,
    confirmed_on: dt.date | None = None,
) -> dt.date:
    """The day an application counts as received (Art. 31).

    In person: the local date of ``submitted_at``. Registered post: the day it
    was signed for (``signed_for_on``); ordinary post: the day the organ
    confirmed it with the applicant (``confirmed_on``); each is required for
    its channel. Online, fax and e-mail: ``confirmed_on`` when the organ and
    the applicant confirmed a date; otherwise the local date of
    ``submitted_at`` when that is a working day and the time is before the
    closing time, else the next working day.
    """
    if channel not in CHANNELS:
        raise ValueError(f"unknown channel {channel!r}; expected one of {sorted(CHANNELS)}")
    if channel == POST_REGISTERED:
        return _required(signed_for_on, "signed_for_on", channel)
    if channel == POST_ORDINARY:
        return _required(confirmed_on, "confirmed_on", channel)
    if channel in _ELECTRONIC and confirmed_on is not None:
        return confirmed_on
    local = timezone.localtime(submitted_at)
    if channel == IN_PERSON:
        return local.date()
    calendar = WorkingCalendar()
    if calendar.is_working_day(local.date()) and local.time() < closing_time():
        return local.date()
    return calendar.add_working_days(local.date(), 1)


def _required(day: dt.date | None, name: str, channel: str) -> dt.date:
    if day is None:
        raise ValueError(f"{name} is required for an application by {channel}")
    return day


def reply_due_on(
    received_on: dt.date,
    *,
    restarted_on: dt.date | None = None,
    paused: Iterable[tuple[dt.date, dt.date]] = (),
    extension_days: int = 0,
) -> dt.date:
    """The last day to reply (Art. 33): the 20th counted working day.

    Counting starts on the first working day after ``received_on``, or after
    ``restarted_on`` (the day a corrected application arrived, Art. 30: the
    clock starts again from zero). A working day d with ``start <= d <= end``
    for any ``(start, end)`` in ``paused`` (a third party's or another organ's
    opinion, a fee notice until payment) is not counted. ``extension_days``
    (0-20, approved once by the head) are counted on at the end.
    """
    if isinstance(extension_days, bool) or not isinstance(extension_days, int):
        raise ValueError("extension_days must be a whole number of working days")
    if not 0 <= extension_days <= MAX_EXTENSION_WORKING_DAYS:
        raise ValueError(f"an extension is at most {MAX_EXTENSION_WORKING_DAYS} working days, not {extension_days}")
    if restarted_on is not None and restarted_on < received_on:
        raise ValueError("restarted_on must not be before received_on")
    ranges = _pause_ranges(paused)
    start = restarted_on or received_on
    calendar, day, counted = WorkingCalendar(), start, 0
    while counted < REPLY_WORKING_DAYS + extension_days:
        day += dt.timedelta(days=1)
        if calendar.is_working_day(day) and not any(first <= day <= last for first, last in ranges):
            counted += 1
    return day


def _pause_ranges(paused: Iterable[tuple[dt.date, dt.date]]) -> list[tuple[dt.date, dt.date]]:
    ranges = list(paused)
    for first, last in ranges:
        if first is None or last is None:
            raise ValueError("a pause still open has no end: the reply date is not known until it ends")
        if last < first:
            raise ValueError(f"a pause cannot end ({last}) before it starts ({first})")
    return ranges


def correction_notice_due_on(received_on: dt.date) -> dt.date:
    """The last day to send the one 补正 notice: 7 working days after receipt (Art. 30)."""
    return WorkingCalendar().add_working_days(received_on, CORRECTION_NOTICE_WORKING_DAYS)


def correction_period_due_on(notice_on: dt.date, days: int = CORRECTION_PERIOD_WORKING_DAYS) -> dt.date:
    """The last day for the applicant to correct: ``days`` working days after the
    notice (Art. 30: "合理的补正期限"); after it the application is abandoned."""
    if days < 1:
        raise ValueError("a correction period is at least one working day")
    return WorkingCalendar().add_working_days(notice_on, days)


def third_party_due_on(sent_on: dt.date) -> dt.date:
    """The last day for a third party to give its view: 15 working days after the
    letter (Art. 32); no answer by then, the organ decides."""
    return WorkingCalendar().add_working_days(sent_on, THIRD_PARTY_WORKING_DAYS)


def payment_due_on(notice_on: dt.date) -> dt.date:
    """The last day to pay a fee: 20 working days counted from the day after the
    fee notice is received (国办函〔2020〕109号); unpaid by then, the application
    is abandoned."""
    return WorkingCalendar().add_working_days(notice_on, PAYMENT_WORKING_DAYS)
