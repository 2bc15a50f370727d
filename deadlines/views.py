from __future__ import annotations

from itertools import groupby

from django.shortcuts import render
from django.utils import timezone

import workdays
from organisations import access

from .models import Deadline


@access.staff_required
def my_deadlines(request):
    """我的期限: overdue, due soon and calendar-unconfirmed deadlines of the
    user's organisation (all organisations for managers), grouped by organisation."""
    today = timezone.localdate()
    calendar = workdays.WorkingCalendar()
    mine = Deadline.objects.for_user(request.user).select_related("organisation")
    overdue = list(mine.overdue(today))
    due_soon = list(mine.due_soon(today, calendar))
    unconfirmed = list(mine.active().filter(calendar_unconfirmed=True))
    paused = list(mine.active().filter(paused_since__isnull=False))
    rows = []
    for deadline, label in (
        *((d, "overdue") for d in overdue),
        *((d, "due_soon") for d in due_soon),
        *((d, "unconfirmed") for d in unconfirmed),
        *((d, "paused") for d in paused),
    ):
        deadline.days_left = deadline.working_days_left(today, calendar)
        deadline.urgency = label
        rows.append(deadline)
    rows.sort(key=lambda d: (d.organisation.order if d.organisation else 10**6, d.organisation_id or 0))
    groups = [
        (organisation, sorted(items, key=lambda d: (d.due_date is None, d.due_date or today)))
        for organisation, items in groupby(rows, key=lambda d: d.organisation)
    ]
    context = {
        "groups": groups,
        "today": today,
        "counts": {"overdue": len(overdue), "due_soon": len(due_soon), "unconfirmed": len(unconfirmed)},
        "other_open": mine.active().count() - len(rows),
    }
    return render(request, "deadlines/my_deadlines.html", context)
