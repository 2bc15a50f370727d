"""Thin Celery shells around outbox delivery."""

from __future__ import annotations

from celery import shared_task

from . import delivery


@shared_task(name="notifications.tasks.deliver_outbox_message")
def deliver_outbox_message(message_id: int) -> bool:
    return delivery.deliver(message_id)


@shared_task(name="notifications.tasks.deliver_outbox")
def deliver_outbox() -> int:
    """Periodic: deliver messages whose queuing failed (broker down) or whose worker died."""
    return delivery.deliver_pending()
