"""/staff/deadlines/: 我的期限."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.contrib.auth.models import Permission
from django.urls import reverse

from factories import UserFactory, client_for, make_staff, start_deadline
from organisations import roles

pytestmark = pytest.mark.django_db

URL = reverse("deadlines:mine")
SHANGHAI = dt.timezone(dt.timedelta(hours=8))
TODAY = dt.datetime(2023, 10, 12, 9, 0, tzinfo=SHANGHAI)


def test_anonymous_users_are_sent_to_the_login(citizen):
    response = citizen.get(URL)

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_signed_in_non_staff_get_403(enterprise_user):
    assert client_for(enterprise_user).get(URL).status_code == 403


@time_machine.travel(TODAY, tick=False)
def test_it_lists_overdue_due_soon_and_unconfirmed_deadlines_of_my_organisation(drafter, organisation):
    start_deadline(start=dt.date(2023, 9, 1), working_days=5, organisation=organisation)  # due 8 Sep
    start_deadline(start=dt.date(2023, 9, 27), working_days=10, organisation=organisation)  # due 17 Oct
    start_deadline(start=dt.date(2023, 10, 11), working_days=20, organisation=organisation)  # not yet
    start_deadline(start=dt.date(2026, 12, 20), working_days=20, organisation=organisation)  # 2027 unknown

    page = client_for(drafter).get(URL).content.decode()

    assert organisation.name in page
    assert "逾期 20 个工作日" in page  # 11 Sep - 12 Oct, without 29 Sep - 6 Oct, with 7-8 Oct
    assert "2023年10月17日" in page and "3 个工作日" in page
    assert "待定（日历未确认）" in page
    assert "第三十三条" in page
    assert "另有 1 个期限正在计时" in page


@time_machine.travel(TODAY, tick=False)
def test_it_hides_other_organisations_deadlines(drafter, other_organisation):
    start_deadline(start=dt.date(2023, 9, 1), working_days=5, organisation=other_organisation)

    page = client_for(drafter).get(URL).content.decode()

    assert other_organisation.name not in page
    assert "目前没有已逾期" in page


@time_machine.travel(TODAY, tick=False)
def test_managers_with_the_permission_see_every_organisation(organisation, other_organisation):
    manager = make_staff(roles.ADMINISTRATOR, organisation, "deadline-manager")
    manager.user_permissions.add(Permission.objects.get(codename="view_all_deadlines"))
    start_deadline(start=dt.date(2023, 9, 1), working_days=5, organisation=other_organisation)

    assert other_organisation.name in client_for(manager).get(URL).content.decode()


@time_machine.travel(TODAY, tick=False)
def test_the_art26_deadline_of_a_draft_is_shown(drafter, organisation):
    from documents.services import document_save
    from factories import PolicyDocumentFactory

    document_save(
        document=PolicyDocumentFactory(
            organisation=organisation, title="关于测试公开时限的通知", written_date=dt.date(2023, 8, 1)
        )
    )

    page = client_for(drafter).get(URL).content.decode()

    assert "主动公开《关于测试公开时限的通知》" in page
    assert "第二十六条" in page
    assert "2023年8月29日" in page  # 20 working days after 1 Aug


def test_superusers_see_the_page(organisation):
    root = UserFactory(username="root", is_staff=True, is_superuser=True)

    assert client_for(root).get(URL).status_code == 200
