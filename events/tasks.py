"""Celery shells; the work is in services."""

from __future__ import annotations

from celery import shared_task

from . import services


@shared_task
def send_event_reminders() -> int:
    return services.send_reminders()
