"""Thin Celery shell around the deadline engine."""

from __future__ import annotations

from celery import shared_task

from notifications import delivery

from . import services


@shared_task(name="deadlines.tasks.sweep_deadlines")
def sweep_deadlines() -> dict[str, int]:
    """Periodic: reminders and overdue notices, then anything the outbox still holds."""
    result = services.deadlines_sweep()
    result["delivered"] = delivery.deliver_pending()
    return result
