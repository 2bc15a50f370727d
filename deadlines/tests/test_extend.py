"""An approved extension lengthens an active deadline through the engine."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from deadlines import services
from deadlines.models import Deadline, DeadlineEvent
from factories import start_deadline

pytestmark = pytest.mark.django_db

D = dt.date


def test_an_extension_recomputes_the_due_date_and_asks_for_a_new_reminder():
    # Started Mon 2 Mar 2026, 20 working days: due 30 Mar; 25 days: 31 Mar, 1-3, 7 Apr (4-6 Apr off).
    deadline = start_deadline(start=D(2026, 3, 2))
    Deadline.objects.filter(pk=deadline.pk).update(reminder_sent_at=timezone.now())

    services.deadline_extend(subject=deadline.subject, kind=deadline.kind, working_days=25, note="延长5个工作日")

    deadline.refresh_from_db()
    assert (deadline.working_days, deadline.due_date, deadline.reminder_sent_at) == (25, D(2026, 4, 7), None)
    event = deadline.events.get(kind=DeadlineEvent.Kind.RECOMPUTED)
    assert (event.due_date_before, event.due_date_after, event.note) == (D(2026, 3, 30), D(2026, 4, 7), "延长5个工作日")


def test_a_closed_deadline_is_not_extended():
    deadline = start_deadline(start=D(2026, 3, 2))
    services.deadline_meet(subject=deadline.subject, kind=deadline.kind)

    assert services.deadline_extend(subject=deadline.subject, kind=deadline.kind, working_days=25, note="") is None
    deadline.refresh_from_db()
    assert deadline.working_days == 20
