"""Figures for the staff statistics page: counts by month, channel and organisation,
answer time in working days (average, 90th percentile), overdue rate, satisfaction."""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.utils import timezone

import workdays
from deadlines.models import Deadline

from .models import DEADLINE_KIND, Channel, Message, Rating


def _bars(pairs: list[tuple[str, int]]) -> list[dict]:
    """Rows for a CSS bar chart: label, value and width in percent of the largest."""
    top = max((v for _, v in pairs), default=0) or 1
    return [{"label": label, "value": value, "percent": round(100 * value / top)} for label, value in pairs]


def percentile(values: list[int], p: float) -> float | None:
    """Nearest-rank percentile; None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return float(ordered[rank - 1])


def _answer_days(messages: list[tuple[dt.date, dt.date]]) -> list[int]:
    calendar = workdays.WorkingCalendar()
    days = []
    for received, answered in messages:
        try:
            days.append(calendar.working_days_between(received, answered))
        except workdays.CalendarUnavailable:
            continue
    return days


def _overdue(qs) -> tuple[int, int]:
    """(messages whose answer deadline was missed or is overdue, messages with a deadline)."""
    content_type = ContentType.objects.get_for_model(Message)
    deadlines = Deadline.objects.filter(
        content_type=content_type, kind=DEADLINE_KIND, object_id__in=qs.values("pk")
    ).exclude(state=Deadline.State.CANCELLED)
    answered = dict(qs.filter(answered_on__isnull=False).values_list("pk", "answered_on"))
    today = timezone.localdate()
    late = 0
    total = 0
    for object_id, due, state in deadlines.values_list("object_id", "due_date", "state"):
        total += 1
        if due is None:
            continue
        finished = answered.get(object_id)
        if (
            (finished and finished > due)
            or (not finished and state == Deadline.State.OVERDUE)
            or (not finished and due < today and state != Deadline.State.MET)
        ):
            late += 1
    return late, total


def summary(start: dt.date, end: dt.date) -> dict:
    qs = Message.objects.received_between(start, end).exclude(status=Message.Status.REJECTED)
    by_month = [
        (row["month"].strftime("%Y年%m月"), row["n"])
        for row in qs.annotate(month=TruncMonth("received_on"))
        .values("month")
        .annotate(n=Count("id"))
        .order_by("month")
    ]
    channels = dict(Channel.choices)
    by_channel = [
        (channels.get(row["channel"], row["channel"]), row["n"])
        for row in qs.values("channel").annotate(n=Count("id")).order_by("-n")
    ]
    by_organisation = [
        (row["organisation__name"] or "未分派", row["n"])
        for row in qs.values("organisation__name").annotate(n=Count("id")).order_by("-n")
    ]
    days = _answer_days(list(qs.filter(answered_on__isnull=False).values_list("received_on", "answered_on")))
    ratings = Counter(qs.exclude(rating="").values_list("rating", flat=True))
    rated = sum(ratings.values())
    late, with_deadline = _overdue(qs)
    labels = dict(Rating.choices)
    return {
        "total": qs.count(),
        "answered": qs.filter(status=Message.Status.ANSWERED).count(),
        "by_month": _bars(by_month),
        "by_channel": _bars(by_channel),
        "by_organisation": _bars(by_organisation),
        "average_days": round(sum(days) / len(days), 1) if days else None,
        "p90_days": percentile(days, 90),
        "overdue": late,
        "overdue_rate": round(100 * late / with_deadline, 1) if with_deadline else None,
        "ratings": _bars([(labels[r], ratings.get(r, 0)) for r in Rating.values]),
        "satisfaction_rate": round(100 * (ratings[Rating.SATISFIED] + ratings[Rating.BASIC]) / rated, 1)
        if rated
        else None,
    }
