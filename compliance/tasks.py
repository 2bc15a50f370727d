"""Periodic work of the compliance self-check; a thin shell around the service."""

from __future__ import annotations

from celery import shared_task

from . import services


@shared_task
def run_compliance_check() -> dict[str, str]:
    """Nightly: run every rule and store today's result per rule (rule code → level)."""
    return {result.rule: result.level for result in services.compliance_run()}
