"""The planner's statistics on the embedded default: without them SQLite walked every
published document to find a document's older and newer versions."""

from __future__ import annotations

import pytest
from django.db import connection

from xujing_portal import planner
from xujing_portal.celery import app

pytestmark = pytest.mark.django_db


def test_sqlite_gets_statistics_and_postgresql_is_left_to_autovacuum(organisation):
    from factories import PolicyDocumentFactory

    PolicyDocumentFactory.create_batch(3, published=True, organisation=organisation)

    ran = planner.refresh()

    assert ran == (connection.vendor == "sqlite")
    if ran:
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'documents_policydocument'")
            assert cursor.fetchone()[0] > 0


def test_beat_refreshes_them_daily():
    entry = app.conf.beat_schedule["planner-statistics"]
    assert entry["task"] == "xujing_portal.refresh_planner_statistics"
    assert entry["task"] in app.tasks
