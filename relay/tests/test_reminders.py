"""Who has not confirmed after N working days: one reminder to the partner, overdue for staff."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from factories import client_for
from notifications.models import OutboxMessage
from relay import services
from relay.models import Channel, RelayPackage

from .conftest import SHANGHAI, make_partner, make_policy

pytestmark = pytest.mark.django_db

SENT = dt.datetime(2025, 9, 29, 10, 0, tzinfo=SHANGHAI)  # due Mon 13 Oct 2025 (5 working days over National Day)


@pytest.fixture
def packages(organisation, tags):
    with time_machine.travel(SENT, tick=False):
        make_partner("制造业协会", industries=[tags["制造业"]], contact_email="assoc@relay.example.org")
        make_partner("产业园", tags=[tags["企业"]], contact_email="park@relay.example.org")
        make_policy(organisation, [tags["企业"], tags["制造业"]])
        services.policies_match_new()
    return {p.partner.name: p for p in RelayPackage.objects.select_related("partner")}


def _reminders() -> list[OutboxMessage]:
    return list(OutboxMessage.objects.filter(key__startswith="relay.reminder"))


def test_nobody_is_reminded_on_the_last_working_day(packages):
    with time_machine.travel(dt.datetime(2025, 10, 13, 9, 30, tzinfo=SHANGHAI), tick=False):
        assert services.reminders_send() == 0
    assert _reminders() == []


def test_after_n_working_days_the_partner_that_did_not_confirm_is_reminded_once(packages):
    services.package_acknowledge(
        package=packages["产业园"], enterprises_reached=20, channel=Channel.SMS, relayed_on=dt.date(2025, 9, 30)
    )
    with time_machine.travel(dt.datetime(2025, 10, 14, 9, 30, tzinfo=SHANGHAI), tick=False):
        assert services.reminders_send() == 1
        assert services.reminders_send() == 0  # safe to run twice

    (reminder,) = _reminders()
    assert reminder.recipients == ["assoc@relay.example.org"]
    assert "/relay/ack/" in reminder.body
    packages["制造业协会"].refresh_from_db()
    assert packages["制造业协会"].reminder_sent_at is not None


def test_staff_see_who_confirmed_and_who_is_overdue(packages, coordinator):
    services.package_acknowledge(
        package=packages["产业园"], enterprises_reached=20, channel=Channel.SMS, relayed_on=dt.date(2025, 9, 30)
    )
    document = packages["产业园"].relay.document
    client = client_for(coordinator)
    with time_machine.travel(dt.datetime(2025, 10, 15, 9, 30, tzinfo=SHANGHAI), tick=False):
        page = client.get(reverse("relay:staff_policy", args=[document.pk])).content.decode()
        index = client.get(reverse("relay:staff_index")).content.decode()

    assert "逾期未确认" in page and "已确认" in page and "2025-10-13" in page
    overdue = index.split('id="overdue-list"', 1)[1].split("</ul>", 1)[0]
    assert "制造业协会" in overdue and "产业园" not in overdue


def test_the_deadline_engine_tells_the_policys_office_when_it_is_overdue(packages, organisation, drafter):
    from deadlines.services import deadlines_sweep

    drafter.email = "drafter@xujing.example.gov.cn"
    drafter.save(update_fields=["email"])
    with time_machine.travel(dt.datetime(2025, 10, 14, 9, 30, tzinfo=SHANGHAI), tick=False):
        deadlines_sweep()

    notices = OutboxMessage.objects.filter(subject__startswith="【已逾期】接力单位确认转发")
    assert notices.count() == 2  # one per unconfirmed package, to the office's staff
    assert all(m.recipients == ["drafter@xujing.example.gov.cn"] for m in notices)


def test_no_reminder_for_a_policy_withdrawn_meanwhile(packages):
    document = packages["产业园"].relay.document
    document.status = "withdrawn"
    document.save(update_fields=["status"])
    with time_machine.travel(dt.datetime(2025, 10, 14, 9, 30, tzinfo=SHANGHAI), tick=False):
        assert services.reminders_send() == 0


def test_withdrawing_the_policy_closes_the_confirmations_still_awaited(packages, signer, drafter):
    from deadlines.models import Deadline
    from deadlines.services import deadlines_sweep
    from documents import services as document_services

    drafter.email = "drafter@xujing.example.gov.cn"
    drafter.save(update_fields=["email"])
    services.package_acknowledge(
        package=packages["产业园"], enterprises_reached=20, channel=Channel.SMS, relayed_on=dt.date(2025, 9, 30)
    )
    document = packages["产业园"].relay.document
    with time_machine.travel(dt.datetime(2025, 10, 9, 9, 30, tzinfo=SHANGHAI), tick=False):
        document_services.document_withdraw(document=document, user=signer, comment="依据的上位政策已调整")
    with time_machine.travel(dt.datetime(2025, 10, 14, 9, 30, tzinfo=SHANGHAI), tick=False):
        deadlines_sweep()
        page = client_for(drafter).get(reverse("deadlines:mine")).content.decode()

    awaited = Deadline.objects.get(kind=services.DEADLINE_KIND, object_id=packages["制造业协会"].pk)
    assert awaited.state == Deadline.State.CANCELLED and "依据的上位政策已调整" in awaited.close_reason
    met = Deadline.objects.get(kind=services.DEADLINE_KIND, object_id=packages["产业园"].pk)
    assert met.state == Deadline.State.MET
    # Nobody is told of a confirmation overdue for a policy that is no longer public.
    assert not OutboxMessage.objects.filter(subject__contains="接力单位确认转发").exists()
    assert "接力单位确认转发" not in page


def test_my_deadlines_links_the_overdue_confirmation_to_the_policys_relay_page(packages, drafter):
    with time_machine.travel(dt.datetime(2025, 10, 14, 9, 30, tzinfo=SHANGHAI), tick=False):
        page = client_for(drafter).get(reverse("deadlines:mine")).content.decode()

    document = packages["产业园"].relay.document
    assert reverse("relay:staff_policy", args=[document.pk]) in page
    assert "接力单位确认转发" in page
    relay_page = client_for(drafter).get(reverse("relay:staff_policy", args=[document.pk]))
    assert relay_page.status_code == 200 and ">发送接力包</button>" not in relay_page.content.decode()
