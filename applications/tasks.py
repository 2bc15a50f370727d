"""Thin Celery shell around the applications' periodic check."""

from __future__ import annotations

from celery import shared_task

from . import services


@shared_task(name="applications.tasks.abandon_overdue")
def abandon_overdue() -> dict[str, int]:
    """Periodic: applications past their period to correct or to pay end as abandoned."""
    return services.applications_abandon_overdue()
