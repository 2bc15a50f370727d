"""Thin Celery shells around relay.services (beat entries in xujing_portal/celery.py)."""

from __future__ import annotations

from celery import shared_task

from . import services


@shared_task(name="relay.tasks.match_new_policies")
def match_new_policies() -> int:
    """Every 10 minutes: send the packages of newly published policies."""
    return services.policies_match_new()


@shared_task(name="relay.tasks.remind_partners")
def remind_partners() -> int:
    """Daily: remind partners of confirmations past their deadline (once each)."""
    return services.reminders_send()
