"""The admin pages for deadlines: read-mostly."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from factories import UserFactory, client_for, start_deadline

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_():
    return client_for(UserFactory(username="root", is_staff=True, is_superuser=True))


def test_the_deadline_pages_show_history_and_allow_no_adding(admin_client_, organisation):
    deadline = start_deadline(start=dt.date(2023, 9, 27), working_days=10, organisation=organisation)

    listing = admin_client_.get(reverse("admin:deadlines_deadline_changelist"))
    page = admin_client_.get(reverse("admin:deadlines_deadline_change", args=[deadline.pk]))

    assert listing.status_code == page.status_code == 200
    assert "答复政府信息公开申请" in listing.content.decode()
    assert "开始计时" in page.content.decode()
    assert admin_client_.get(reverse("admin:deadlines_deadline_add")).status_code == 403


def test_staff_without_permissions_cannot_open_them(drafter):
    assert client_for(drafter).get(reverse("admin:deadlines_deadline_changelist")).status_code == 403
