"""The annual count of open days and coaching sessions held, for the annual report and
the work-points tracker: sessions that took place (not cancelled, already ended) in the year."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from .models import Kind, Session


def annual_counts(year: int, *, today: dt.date | None = None) -> dict[str, int]:
    today = today or timezone.localdate()
    held = Session.objects.filter(date__year=year, date__lt=today, event__cancelled=False, event__published=True)
    return {
        "open_days": held.filter(event__kind=Kind.OPEN_DAY).count(),
        "coaching_sessions": held.filter(event__kind=Kind.COACHING).count(),
        "forums": held.filter(event__kind=Kind.FORUM).count(),
    }
