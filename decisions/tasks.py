"""Periodic work of the decisions app; thin shells around services."""

from __future__ import annotations

from celery import shared_task
from django.utils import timezone

from . import services


@shared_task
def ensure_catalogue_deadline() -> int | None:
    """Make sure this year's catalogue exists with its March 31 deadline running, so the
    deadline engine reminds from early March. Safe to run any number of times."""
    year = timezone.localdate().year
    try:
        return services.catalogue_ensure(year=year).pk
    except ValueError:  # no town government organisation yet (an empty database)
        return None
