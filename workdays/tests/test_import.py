"""Importing a year's arrangement: the service and the admin page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from factories import TEST_ARRANGEMENT_2027, UserFactory, client_for
from workdays.models import CalendarChange, CalendarEntry, CalendarYear
from workdays.services import calendar_year_import

pytestmark = pytest.mark.django_db

IMPORT_URL = reverse("admin:workdays_calendaryear_import")


@pytest.fixture
def superuser():
    return UserFactory(username="root", is_staff=True, is_superuser=True)


def test_it_imports_every_day_of_the_ranges_and_confirms_the_year():
    change = calendar_year_import(year=2027, text=TEST_ARRANGEMENT_2027, user=None, source="测试通知")

    days = dict(CalendarEntry.objects.values_list("date", "kind"))
    assert len(days) == 9  # 1 + 7 + 1
    assert days[dt.date(2027, 2, 10)] == CalendarEntry.Kind.HOLIDAY
    assert days[dt.date(2027, 2, 14)] == CalendarEntry.Kind.WORKDAY
    assert CalendarYear.objects.get(year=2027).source == "测试通知"
    assert "放假8天，调休上班1天" in change.summary


def test_a_new_import_replaces_the_year():
    calendar_year_import(year=2027, text=TEST_ARRANGEMENT_2027, user=None)
    calendar_year_import(year=2027, text="2027-01-01 元旦 休", user=None)

    assert list(CalendarEntry.objects.values_list("date", flat=True)) == [dt.date(2027, 1, 1)]
    assert CalendarChange.objects.count() == 2


def test_bad_lines_are_all_listed_and_nothing_is_imported():
    text = "\n".join(
        [
            "2027-01-01 元旦 休",
            "2027-02-30 春节 休",  # no such date
            "2027-02-06..2027-02-12 春节 休",
            "2027-02-10 春节 休",  # overlaps line 3
            "2027-02-15 春节 班",  # a Monday cannot be a make-up day
            "2026-12-31 元旦 休",  # another year
            "2027-03-01 清明",  # missing 休/班
            "2027-05-05..2027-05-01 劳动节 休",  # backwards
        ]
    )
    with pytest.raises(ValidationError) as excinfo:
        calendar_year_import(year=2027, text=text, user=None)

    messages = excinfo.value.messages
    for line in (2, 4, 5, 6, 7, 8):
        assert any(message.startswith(f"第{line}行") for message in messages), line
    assert not any(message.startswith(("第1行", "第3行")) for message in messages)
    assert "与第3行的日期重叠" in " ".join(messages)
    assert not CalendarEntry.objects.exists()
    assert not CalendarYear.objects.exists()
    assert not CalendarChange.objects.exists()


def test_an_empty_import_is_refused():
    with pytest.raises(ValidationError, match="没有读到任何日期"):
        calendar_year_import(year=2027, text="# 只有注释\n\n", user=None)


def test_the_admin_page_imports_and_records_the_change(superuser):
    response = client_for(superuser).post(IMPORT_URL, {"year": 2027, "text": TEST_ARRANGEMENT_2027, "source": ""})

    assert response.status_code == 302
    assert CalendarYear.objects.get(year=2027).confirmed_by == superuser
    assert CalendarChange.objects.get().changed_by == superuser


def test_the_admin_page_lists_bad_lines_and_keeps_the_text(superuser):
    text = "2027-01-01 元旦 休\n2027-13-01 春节 休"
    response = client_for(superuser).post(IMPORT_URL, {"year": 2027, "text": text, "source": ""})

    assert response.status_code == 400
    content = response.content.decode()
    assert "第2行" in content
    assert "2027-13-01 春节 休" in content  # what the user typed is kept
    assert not CalendarEntry.objects.exists()


def test_staff_without_calendar_permission_get_403(drafter):
    assert client_for(drafter).get(IMPORT_URL).status_code == 403


def test_anonymous_users_are_sent_to_the_login(citizen):
    response = citizen.get(IMPORT_URL)

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
