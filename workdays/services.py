"""Writes to the calendar. Each records a CalendarChange and, in the same
transaction, lets the deadline engine recompute what the change affects."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from .arrangement import parse_arrangement
from .models import CalendarChange, CalendarEntry, CalendarYear
from .signals import calendar_changed


def _record_change(*, user: AbstractBaseUser | None, summary: str, first: dt.date, last: dt.date) -> CalendarChange:
    # The record is append-only: written once, after the receivers said what they recomputed.
    change = CalendarChange(changed_by=user, summary=summary, first_date=first, last_date=last)
    results = calendar_changed.send(sender=CalendarChange, change=change, first_date=first, last_date=last)
    change.deadlines_recomputed = sum(count for _, count in results if isinstance(count, int))
    change.save()
    return change


@transaction.atomic
def calendar_entry_save(*, entry: CalendarEntry, user: AbstractBaseUser | None) -> CalendarChange:
    """Add or change one day. A changed date affects both the old and new day."""
    old = CalendarEntry.objects.filter(pk=entry.pk).first() if entry.pk else None
    entry.updated_by = user
    entry.full_clean()
    entry.save()
    dates = [entry.date] + ([old.date] if old else [])
    summary = f"修改：{old} → {entry}" if old else f"新增：{entry}"
    return _record_change(user=user, summary=summary, first=min(dates), last=max(dates))


@transaction.atomic
def calendar_entry_delete(*, entry: CalendarEntry, user: AbstractBaseUser | None) -> CalendarChange:
    summary = f"删除：{entry}"
    date = entry.date
    entry.delete()
    return _record_change(user=user, summary=summary, first=date, last=date)


@transaction.atomic
def calendar_year_set_confirmed(
    *, year: int, confirmed: bool, user: AbstractBaseUser | None, source: str = ""
) -> CalendarChange:
    record, _ = CalendarYear.objects.get_or_create(year=year)
    record.confirmed = confirmed
    record.source = source or record.source
    record.confirmed_at = timezone.now() if confirmed else None
    record.confirmed_by = user if confirmed else None
    record.full_clean()
    record.save()
    summary = f"{year}年日历{'确认' if confirmed else '取消确认'}" + (
        f"（依据：{record.source}）" if record.source else ""
    )
    return _record_change(user=user, summary=summary, first=dt.date(year, 1, 1), last=dt.date(year, 12, 31))


@transaction.atomic
def calendar_year_import(*, year: int, text: str, user: AbstractBaseUser | None, source: str = "") -> CalendarChange:
    """Replace a year's entries with the arrangement in ``text`` and confirm
    the year. Bad lines raise ValidationError before anything is written."""
    days = parse_arrangement(text, year)
    CalendarEntry.objects.filter(date__year=year).delete()
    CalendarEntry.objects.bulk_create(
        CalendarEntry(date=day.date, kind=day.kind, name=day.name, note=day.note, updated_by=user) for day in days
    )
    record, _ = CalendarYear.objects.get_or_create(year=year)
    record.confirmed, record.confirmed_at, record.confirmed_by = True, timezone.now(), user
    record.source = source or record.source
    record.save()
    holidays = sum(day.kind == CalendarEntry.Kind.HOLIDAY for day in days)
    summary = f"导入{year}年安排：放假{holidays}天，调休上班{len(days) - holidays}天" + (
        f"（依据：{record.source}）" if record.source else ""
    )
    return _record_change(user=user, summary=summary, first=dt.date(year, 1, 1), last=dt.date(year, 12, 31))
