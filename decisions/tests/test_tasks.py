"""The yearly catalogue's March 31 deadline, kept by the daily task and reminded through the engine."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from deadlines import services as deadline_services
from deadlines.models import Deadline
from decisions import services, tasks
from decisions.models import Catalogue
from factories import TEST_ARRANGEMENT_2027, DecisionFactory, OrganisationFactory, make_staff
from notifications.models import OutboxMessage
from organisations import roles
from organisations.models import Organisation
from workdays.services import calendar_year_import

pytestmark = pytest.mark.django_db


@pytest.fixture
def town(db):
    town = OrganisationFactory(name="徐泾镇人民政府", kind=Organisation.Kind.GOVERNMENT)
    staff = make_staff(roles.SIGNER, town, "town-signer")
    staff.email = "signer@xujing.gov.cn"
    staff.save()
    return town


def _catalogue_notices() -> list[str]:
    return list(OutboxMessage.objects.filter(key__startswith="deadline:").values_list("subject", flat=True))


def test_the_task_creates_the_years_catalogue_once_and_reminds_from_march_1(town):
    with time_machine.travel(dt.date(2024, 1, 8)):
        tasks.ensure_catalogue_deadline()
        tasks.ensure_catalogue_deadline()
    catalogue = Catalogue.objects.get()
    assert (catalogue.year, catalogue.organisation, catalogue.published_at) == (2024, town, None)
    (deadline,) = Deadline.objects.all()
    assert deadline.due_date == dt.date(2024, 3, 29)  # 31 March 2024 is a Sunday

    deadline_services.deadlines_sweep(today=dt.date(2024, 2, 29))
    assert _catalogue_notices() == []
    deadline_services.deadlines_sweep(today=dt.date(2024, 3, 1))
    deadline_services.deadlines_sweep(today=dt.date(2024, 3, 4))
    (notice,) = _catalogue_notices()
    assert "即将到期" in notice and "2024年度重大行政决策事项目录" in notice


def test_publishing_the_catalogue_meets_its_deadline(town, signer):
    with time_machine.travel(dt.date(2024, 1, 8)):
        catalogue = services.catalogue_ensure(year=2024)
    DecisionFactory(catalogue=catalogue)
    with time_machine.travel(dt.date(2024, 3, 20)):
        services.catalogue_publish(catalogue=catalogue, user=signer)
    catalogue.refresh_from_db()
    assert not catalogue.published_late()
    assert deadline_services.deadline_for(catalogue, services.CATALOGUE_KIND).state == Deadline.State.MET
    deadline_services.deadlines_sweep(today=dt.date(2024, 4, 2))
    assert _catalogue_notices() == []


def test_the_task_does_nothing_on_an_empty_database(db):
    assert tasks.ensure_catalogue_deadline() is None
    assert not Catalogue.objects.exists()


def test_the_catalogue_deadline_is_never_guessed_without_the_calendar(town):
    with time_machine.travel(dt.date(2027, 1, 8)):
        catalogue = services.catalogue_ensure(year=2027)
        waiting = services.catalogue_save(catalogue=Catalogue(year=2028, organisation=town))
    assert catalogue.year == 2027  # the catalogue is kept; only its deadline waits
    assert "2028年" in waiting and "工作日历" in waiting
    assert not Deadline.objects.exists()


def test_the_task_waits_for_the_calendar_then_starts_the_deadline(town):
    with time_machine.travel(dt.date(2027, 1, 8)):
        tasks.ensure_catalogue_deadline()
    assert Catalogue.objects.filter(year=2027).exists()
    assert not Deadline.objects.exists()

    calendar_year_import(year=2027, text=TEST_ARRANGEMENT_2027, user=None)
    with time_machine.travel(dt.date(2027, 1, 9)):
        tasks.ensure_catalogue_deadline()
    (deadline,) = Deadline.objects.all()
    assert deadline.due_date == dt.date(2027, 3, 31)  # a Wednesday
    assert deadline.calendar_unconfirmed is False
