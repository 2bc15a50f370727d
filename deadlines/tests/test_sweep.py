"""The periodic sweep, called directly (the real-worker runs are in test_worker.py)."""

from __future__ import annotations

import datetime as dt
from unittest import mock

import pytest
import time_machine
from django.core import mail

from deadlines import services
from deadlines.models import Deadline, DeadlineEvent
from factories import make_staff, start_deadline
from notifications import delivery
from notifications.models import OutboxMessage
from organisations import roles

pytestmark = pytest.mark.django_db

D = dt.date
SHANGHAI = dt.timezone(dt.timedelta(hours=8))


def at(day: dt.date):
    return time_machine.travel(dt.datetime.combine(day, dt.time(9, 0), tzinfo=SHANGHAI), tick=False)


@pytest.fixture
def staff_with_email(organisation):
    user = make_staff(roles.DRAFTER, organisation, "deadline-drafter")
    user.email = "drafter@xujing.example"
    user.save(update_fields=["email"])
    return user


@pytest.fixture
def deadline(organisation, staff_with_email):
    # 10 working days across National Day 2023: due Tue 17 Oct.
    return start_deadline(start=D(2023, 9, 27), working_days=10, organisation=organisation)


def sweep_and_deliver(day: dt.date) -> dict[str, int]:
    with at(day):
        result = services.deadlines_sweep()
        delivery.deliver_pending()
    return result


def test_nothing_is_sent_before_the_reminder_window(deadline):
    assert sweep_and_deliver(D(2023, 10, 11)) == {"reminders": 0, "overdue_notices": 0}  # 4 working days left
    assert mail.outbox == []


def test_one_reminder_three_working_days_before(deadline):
    assert sweep_and_deliver(D(2023, 10, 12))["reminders"] == 1  # 13, 16, 17 left
    assert sweep_and_deliver(D(2023, 10, 13))["reminders"] == 0
    assert sweep_and_deliver(D(2023, 10, 16))["reminders"] == 0

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["drafter@xujing.example"]
    assert message.subject == "【即将到期】答复政府信息公开申请"
    assert "第三十三条" in message.body and "还剩3个工作日" in message.body
    deadline.refresh_from_db()
    assert deadline.state == Deadline.State.DUE_SOON
    assert deadline.reminder_sent_at is not None


def test_one_overdue_notice_the_day_after_the_due_date(deadline):
    sweep_and_deliver(D(2023, 10, 12))
    assert sweep_and_deliver(D(2023, 10, 17))["overdue_notices"] == 0  # due today: not overdue yet
    assert sweep_and_deliver(D(2023, 10, 18))["overdue_notices"] == 1
    assert sweep_and_deliver(D(2023, 10, 19))["overdue_notices"] == 0

    assert [m.subject for m in mail.outbox] == ["【即将到期】答复政府信息公开申请", "【已逾期】答复政府信息公开申请"]
    assert "逾期1个工作日" in mail.outbox[1].body
    deadline.refresh_from_db()
    assert deadline.state == Deadline.State.OVERDUE


def test_after_a_gap_each_deadline_is_escalated_exactly_once(organisation, staff_with_email):
    # Beat stopped from 10 to 19 Oct. One deadline went overdue meanwhile, one is now due soon.
    overdue = start_deadline(start=D(2023, 9, 27), working_days=10, organisation=organisation)  # due 17 Oct
    soon = start_deadline(start=D(2023, 9, 27), working_days=14, organisation=organisation)  # due 23 Oct
    sweep_and_deliver(D(2023, 10, 10))

    result = sweep_and_deliver(D(2023, 10, 19))
    assert result == {"reminders": 1, "overdue_notices": 1}
    assert sweep_and_deliver(D(2023, 10, 20)) == {"reminders": 0, "overdue_notices": 0}

    assert sorted(m.subject[:5] for m in mail.outbox) == ["【即将到期", "【已逾期】"]
    overdue.refresh_from_db()
    soon.refresh_from_db()
    assert overdue.reminder_sent_at is None  # no late reminder for what is already overdue
    assert (overdue.state, soon.state) == (Deadline.State.OVERDUE, Deadline.State.DUE_SOON)


def test_a_sweep_that_loses_the_race_sends_nothing(deadline):
    """Sweep A reads its candidates, sweep B runs to the end, then A tries to claim."""
    real_escalate = services._escalate
    with at(D(2023, 10, 12)):

        def b_runs_first(*args, **kwargs):
            with mock.patch.object(services, "_escalate", real_escalate):
                services.deadlines_sweep()
            return real_escalate(*args, **kwargs)

        with mock.patch.object(services, "_escalate", side_effect=b_runs_first):
            services.deadlines_sweep()
        delivery.deliver_pending()

    assert len(mail.outbox) == 1
    assert DeadlineEvent.objects.filter(kind=DeadlineEvent.Kind.REMINDED).count() == 1


def test_paused_met_and_cancelled_deadlines_are_not_escalated(organisation, staff_with_email):
    paused = start_deadline(start=D(2023, 9, 27), working_days=10, organisation=organisation)
    services.deadline_pause(subject=paused.subject, kind=paused.kind, on=D(2023, 10, 9))
    met = start_deadline(start=D(2023, 9, 27), working_days=10, organisation=organisation)
    services.deadline_meet(subject=met.subject, kind=met.kind)

    assert sweep_and_deliver(D(2023, 10, 30)) == {"reminders": 0, "overdue_notices": 0}
    assert mail.outbox == []


def test_a_deadline_without_staff_addresses_is_escalated_without_mail(organisation):
    deadline = start_deadline(start=D(2023, 9, 27), working_days=10, organisation=organisation)

    assert sweep_and_deliver(D(2023, 10, 18))["overdue_notices"] == 1
    deadline.refresh_from_db()
    assert deadline.overdue_notice_sent_at is not None
    assert not OutboxMessage.objects.exists()
