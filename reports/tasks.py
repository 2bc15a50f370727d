"""Periodic work of the annual report; thin shells around services."""

from __future__ import annotations

from celery import shared_task

from . import services


@shared_task
def ensure_annual_reports() -> int:
    """In January, the previous year's draft report of every reporting organ with its
    January 31 deadline (reminders from January 10). Safe to run any number of times."""
    return len(services.reports_ensure_due())
