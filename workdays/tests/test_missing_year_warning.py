"""From November on, staff are warned while next year's calendar is missing."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from factories import TEST_ARRANGEMENT_2027, UserFactory, client_for
from workdays.checks import check_calendar_years
from workdays.services import calendar_year_import

pytestmark = pytest.mark.django_db

SHANGHAI = dt.timezone(dt.timedelta(hours=8))


@time_machine.travel(dt.datetime(2026, 11, 29, 10, 0, tzinfo=SHANGHAI), tick=False)
def test_the_system_check_names_the_missing_year():
    warnings = check_calendar_years(databases=["default"])

    assert [w.id for w in warnings] == ["workdays.W001"]
    assert "2027年" in warnings[0].msg


@time_machine.travel(dt.datetime(2026, 10, 31, 10, 0, tzinfo=SHANGHAI), tick=False)
def test_no_warning_before_november():
    assert check_calendar_years(databases=["default"]) == []


@time_machine.travel(dt.datetime(2026, 11, 29, 10, 0, tzinfo=SHANGHAI), tick=False)
def test_no_warning_once_the_year_is_imported():
    calendar_year_import(year=2027, text=TEST_ARRANGEMENT_2027, user=None)

    assert check_calendar_years(databases=["default"]) == []


@time_machine.travel(dt.datetime(2026, 11, 29, 10, 0, tzinfo=SHANGHAI), tick=False)
def test_the_admin_start_page_shows_the_banner_until_the_year_is_imported():
    client = client_for(UserFactory(username="root", is_staff=True, is_superuser=True))

    page = client.get(reverse("admin:index")).content.decode()
    assert "工作日历缺少 2027 年" in page
    assert reverse("admin:workdays_calendaryear_import") in page

    calendar_year_import(year=2027, text=TEST_ARRANGEMENT_2027, user=None)
    assert "工作日历缺少" not in client.get(reverse("admin:index")).content.decode()


@time_machine.travel(dt.datetime(2026, 11, 29, 10, 0, tzinfo=SHANGHAI), tick=False)
def test_the_calendar_admin_list_shows_the_banner_and_the_import_link():
    client = client_for(UserFactory(username="root", is_staff=True, is_superuser=True))

    page = client.get(reverse("admin:workdays_calendarentry_changelist")).content.decode()

    assert "工作日历缺少 2027 年" in page
    assert "导入年度安排" in page


@time_machine.travel(dt.datetime(2026, 11, 29, 10, 0, tzinfo=SHANGHAI), tick=False)
def test_staff_who_cannot_import_the_year_see_no_banner_and_no_link_that_would_refuse_them(drafter):
    page = client_for(drafter).get(reverse("admin:index")).content.decode()

    assert "工作日历缺少" not in page
    assert reverse("admin:workdays_calendaryear_import") not in page
    assert client_for(drafter).get(reverse("admin:workdays_calendaryear_import")).status_code == 403


@time_machine.travel(dt.datetime(2026, 11, 29, 10, 0, tzinfo=SHANGHAI), tick=False)
def test_the_administrator_role_sees_the_banner_and_may_open_its_link(administrator):
    client = client_for(administrator)

    page = client.get(reverse("admin:index")).content.decode()

    assert "工作日历缺少 2027 年" in page
    assert client.get(reverse("admin:workdays_calendaryear_import") + "?year=2027").status_code == 200
