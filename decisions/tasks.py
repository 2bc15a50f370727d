"""Periodic work of the decisions app; thin shells around services."""

from __future__ import annotations

import logging

from celery import shared_task
from django.utils import timezone

from . import services

logger = logging.getLogger(__name__)


@shared_task
def ensure_catalogue_deadline() -> int | None:
    """Make sure this year's catalogue exists with its March 31 deadline running, so the
    deadline engine reminds from early March. Safe to run any number of times: a run
    without the year's working-day calendar (the admin banner asks staff to import it)
    creates the catalogue and leaves its deadline waiting; the first run after the
    import starts it."""
    year = timezone.localdate().year
    try:
        return services.catalogue_ensure(year=year).pk
    except ValueError:  # no town government organisation yet (an empty database)
        return None
