"""What the public sees: published events, upcoming first."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Max, Min
from django.utils import timezone

from .models import Event, TopicStatus


def public_events():
    return Event.objects.public().select_related("organiser").prefetch_related("sessions")


def upcoming_and_past(today: dt.date | None = None) -> tuple[list[Event], list[Event]]:
    today = today or timezone.localdate()
    events = public_events().annotate(first=Min("sessions__date"), last=Max("sessions__date"))
    upcoming = sorted(
        (e for e in events if e.last and e.last >= today and not e.cancelled), key=lambda e: (e.first, e.pk)
    )
    past = sorted((e for e in events if e not in upcoming), key=lambda e: e.last or today, reverse=True)
    return upcoming, past


def shown_topics(event: Event) -> list:
    """The proposed and selected topics with their vote counts, most votes first."""
    return list(
        event.topics.filter(status__in=[TopicStatus.PROPOSED, TopicStatus.SELECTED])
        .annotate(vote_count=Count("votes"))
        .order_by("-vote_count", "created_at", "pk")
    )
