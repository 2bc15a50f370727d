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
    "documents-validity-sweep": {
        "task": "documents.tasks.sweep_validity",
        "schedule": crontab(hour=1, minute=10),
    },
}
