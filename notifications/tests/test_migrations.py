"""The outbox moved from the deadlines app: rows and permissions carry over."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from notifications.models import OutboxMessage

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("deadlines", "0002_outbox_confidential_bodies"), ("notifications", None)]
AFTER = [("deadlines", "0003_outbox_to_notifications"), ("notifications", "0002_outboxmessage_headers")]


def migrate(targets: list[tuple[str, str | None]]):
    """Migrate to ``targets``; returns the app registry of that state (its models as they were)."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    state = executor.migrate(targets)
    ContentType.objects.clear_cache()
    return state.apps


def test_a_database_from_before_the_move_keeps_its_rows_and_rights():
    old_apps = migrate(BEFORE)
    try:
        ContentType.objects.filter(app_label="notifications", model="outboxmessage").delete()
        ContentType.objects.filter(model="outboxmessage").update(app_label="deadlines")
        old_apps.get_model("deadlines", "OutboxMessage").objects.create(
            key="old-1", recipients=["a@xujing.example"], subject="旧邮件", body="正文"
        )
        permission = Permission.objects.get(content_type__app_label="deadlines", codename="view_outboxmessage")
        readers = Group.objects.create(name="读者")
        readers.permissions.add(permission)
    finally:
        migrate(AFTER)

    assert OutboxMessage.objects.get().subject == "旧邮件"
    assert list(readers.permissions.values_list("content_type__app_label", "codename")) == [
        ("notifications", "view_outboxmessage")
    ]
    assert readers.permissions.get() == permission
    assert not ContentType.objects.filter(app_label="deadlines", model="outboxmessage").exists()
