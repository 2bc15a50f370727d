"""The outbox's admin pages: read-only, with a retry action."""

from __future__ import annotations

import pytest
from django.urls import reverse

from factories import UserFactory, client_for
from notifications import outbox

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_():
    return client_for(UserFactory(username="root", is_staff=True, is_superuser=True))


def test_the_outbox_lists_unsent_messages(admin_client_):
    outbox.notify(recipients=["a@xujing.example"], subject="待发送的提醒", body="正文", key="k1")

    assert "待发送的提醒" in admin_client_.get(reverse("admin:notifications_outboxmessage_changelist")).content.decode()


def test_staff_without_permissions_cannot_open_them(drafter):
    assert client_for(drafter).get(reverse("admin:notifications_outboxmessage_changelist")).status_code == 403
