"""Thin Celery shells around the deadline engine and the outbox."""

from __future__ import annotations

from celery import shared_task

from . import outbox, services


@shared_task(name="deadlines.tasks.sweep_deadlines")
def sweep_deadlines() -> dict[str, int]:
    """Periodic: reminders and overdue notices, then anything the outbox still holds."""
    result = services.deadlines_sweep()
    result["delivered"] = outbox.deliver_pending()
    return result


@shared_task(name="deadlines.tasks.deliver_outbox_message")
def deliver_outbox_message(message_id: int) -> bool:
    return outbox.deliver(message_id)


@shared_task(name="deadlines.tasks.deliver_outbox")
def deliver_outbox() -> int:
    """Periodic: deliver messages whose queuing failed (broker down) or whose worker died."""
    return outbox.deliver_pending()
