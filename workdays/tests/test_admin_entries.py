"""Editing single days in the admin goes through the services: recorded and recomputed."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from factories import UserFactory, client_for, start_deadline
from workdays.models import CalendarChange, CalendarEntry

pytestmark = pytest.mark.django_db

SHANGHAI = dt.timezone(dt.timedelta(hours=8))


@time_machine.travel(dt.datetime(2023, 9, 28, 9, 0, tzinfo=SHANGHAI), tick=False)
def test_adding_a_day_in_the_admin_records_it_and_moves_open_deadlines():
    root = UserFactory(username="root", is_staff=True, is_superuser=True)
    deadline = start_deadline(start=dt.date(2023, 9, 27), working_days=10)  # due 17 Oct

    response = client_for(root).post(
        reverse("admin:workdays_calendarentry_add"),
        {"date": "2023-10-09", "kind": CalendarEntry.Kind.HOLIDAY, "name": "测试更正", "note": ""},
        follow=True,
    )

    assert response.status_code == 200
    assert "已按新的日历重新计算 1 个期限的到期日" in response.content.decode()
    deadline.refresh_from_db()
    assert deadline.due_date == dt.date(2023, 10, 18)
    change = CalendarChange.objects.get()
    assert change.changed_by == root
    assert "2023-10-09 测试更正 休" in change.summary


def test_the_change_log_is_read_only():
    root = UserFactory(username="root", is_staff=True, is_superuser=True)

    assert client_for(root).get(reverse("admin:workdays_calendarchange_add")).status_code == 403
