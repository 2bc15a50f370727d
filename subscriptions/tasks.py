"""Thin Celery shells around subscriptions.services (beat entries in xujing_portal/celery.py)."""

from __future__ import annotations

from celery import shared_task

from . import services
from .models import Frequency


@shared_task(name="subscriptions.tasks.match_and_send_immediate")
def match_and_send_immediate() -> dict[str, int]:
    """Every 5 minutes: match new documents, interpretations and comment windows, send the immediate notices."""
    return {
        "matched": services.items_match_new(),
        "sent": services.digests_send(frequency=Frequency.IMMEDIATE),
    }


@shared_task(name="subscriptions.tasks.send_daily")
def send_daily() -> int:
    services.items_match_new()
    return services.digests_send(frequency=Frequency.DAILY)


@shared_task(name="subscriptions.tasks.send_weekly")
def send_weekly() -> int:
    services.items_match_new()
    return services.digests_send(frequency=Frequency.WEEKLY)
