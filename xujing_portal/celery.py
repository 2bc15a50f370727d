"""The Celery app. The beat schedule is declared here, in one place."""

from __future__ import annotations

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xujing_portal.settings")

app = Celery("xujing_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

app.conf.beat_schedule = {
    "decisions-catalogue-deadline": {
        "task": "decisions.tasks.ensure_catalogue_deadline",
        "schedule": crontab(hour=1, minute=20),
    },
    # The compliance self-check: every rule, one stored result per rule and day.
    "compliance-self-check": {
        "task": "compliance.tasks.run_compliance_check",
        "schedule": crontab(hour=2, minute=0),
    },
    "reports-annual-deadline": {
        "task": "reports.tasks.ensure_annual_reports",
        "schedule": crontab(hour=1, minute=40),
    },
    # The public counts (documents.aggregates) ready before a visitor asks: after a
    # scheduled publication's time, and the next day's before midnight.
    "documents-warm-public-counts": {
        "task": "documents.tasks.warm_public_counts",
        "schedule": crontab(minute="*"),
    },
    # SQLite (the embedded default) keeps no planner statistics unless analysed.
    "planner-statistics": {
        "task": "xujing_portal.refresh_planner_statistics",
        "schedule": crontab(hour=3, minute=30),
    },
    "documents-validity-sweep": {
        "task": "documents.tasks.sweep_validity",
        "schedule": crontab(hour=1, minute=10),
    },
    # Deadlines: reminders and overdue notices (safe to run twice, catches up).
    "deadlines-sweep": {
        "task": "deadlines.tasks.sweep_deadlines",
        "schedule": crontab(minute="*/15"),
    },
    # Applications past their period to correct or to pay end as abandoned (idempotent).
    "applications-abandon-overdue": {
        "task": "applications.tasks.abandon_overdue",
        "schedule": crontab(hour=1, minute=30),
    },
    # Subscriptions (item 7): match newly published documents, send immediate notices,
    # then the daily and weekly digests (each safe to run twice).
    "subscriptions-immediate": {
        "task": "subscriptions.tasks.match_and_send_immediate",
        "schedule": crontab(minute="*/5"),
    },
    "subscriptions-daily": {
        "task": "subscriptions.tasks.send_daily",
        "schedule": crontab(hour=7, minute=0),
    },
    "subscriptions-weekly": {
        "task": "subscriptions.tasks.send_weekly",
        "schedule": crontab(hour=7, minute=30, day_of_week=1),
    },
    # Events: the reminder the day before each session (once per registration).
    "events-send-reminders": {
        "task": "events.tasks.send_event_reminders",
        "schedule": crontab(hour=9, minute=0),
    },
    # Relay push: match newly published policies to partners and send the packages; remind
    # partners whose confirmation is overdue (both safe to run twice, both catch up).
    "relay-match-new": {
        "task": "relay.tasks.match_new_policies",
        "schedule": crontab(minute="*/10"),
    },
    "relay-remind-partners": {
        "task": "relay.tasks.remind_partners",
        "schedule": crontab(hour=9, minute=30),
    },
    # Outbox: messages whose queuing failed while the broker was down.
    "notifications-deliver-outbox": {
        "task": "notifications.tasks.deliver_outbox",
        "schedule": crontab(minute="*"),
    },
}


@app.task(name="xujing_portal.refresh_planner_statistics", ignore_result=True)
def refresh_planner_statistics() -> None:
    """Daily (beat, 03:30): xujing_portal.planner.refresh (SQLite only)."""
    from xujing_portal import planner

    planner.refresh()
