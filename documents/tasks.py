"""Periodic work of the document library: thin Celery shells around documents.services."""

from __future__ import annotations

from celery import shared_task

from . import aggregates, services


@shared_task(name="documents.tasks.sweep_validity")
def sweep_validity() -> dict[str, int]:
    """Daily (beat, 01:10 Shanghai time): mark expired documents 失效 and warn of coming expiries.

    Safe to run twice and catches up after downtime: what is due is derived from
    the dates, and each document is claimed with a conditional update().
    Scheduled publication needs no task: public querysets compare published_at with now.
    """
    return {"expired": services.documents_mark_expired(), "warned": services.documents_warn_expiring()}


@shared_task(name="documents.tasks.warm_public_counts", ignore_result=True)
def warm_public_counts() -> None:
    """Every minute (beat): the public counts computed before a visitor needs them, after a
    scheduled publication's time and for the next day before midnight (documents.aggregates.warm)."""
    aggregates.warm()
