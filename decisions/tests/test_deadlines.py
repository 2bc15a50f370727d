"""The feedback deadline through the engine: one reminder 3 working days before, one overdue notice."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from deadlines import services as deadline_services
from decisions import services
from decisions.models import Stage
from factories import DecisionFactory, put_in_stage, result_document
from notifications.models import OutboxMessage

pytestmark = pytest.mark.django_db


@pytest.fixture
def issued(organisation, drafter):
    drafter.email = "drafter@xujing.gov.cn"
    drafter.save()
    decision = DecisionFactory(
        organisation=organisation, issued_on=dt.date(2023, 9, 27), result_document=result_document()
    )
    put_in_stage(decision, Stage.DELIBERATION, drafter)
    with time_machine.travel(dt.date(2023, 9, 27)):
        services.decision_advance(decision=decision, to_stage=Stage.DECIDED, user=drafter)
    return decision


def _notices(decision) -> list[str]:
    deadline = deadline_services.deadline_for(decision, services.FEEDBACK_KIND)
    return sorted(m.subject for m in OutboxMessage.objects.filter(key__startswith=f"deadline:{deadline.pk}:"))


def test_reminder_three_working_days_before_and_overdue_once(issued):
    """Due Tue 2023-10-17: three working days before is Thu 10-12; overdue from Wed 10-18."""
    deadline_services.deadlines_sweep(today=dt.date(2023, 10, 11))
    assert _notices(issued) == []
    deadline_services.deadlines_sweep(today=dt.date(2023, 10, 12))
    deadline_services.deadlines_sweep(today=dt.date(2023, 10, 13))
    assert len(_notices(issued)) == 1 and "即将到期" in _notices(issued)[0]
    deadline_services.deadlines_sweep(today=dt.date(2023, 10, 17))
    assert len(_notices(issued)) == 1
    deadline_services.deadlines_sweep(today=dt.date(2023, 10, 18))
    deadline_services.deadlines_sweep(today=dt.date(2023, 10, 19))
    notices = _notices(issued)
    assert len(notices) == 2 and any("已逾期" in s for s in notices)


def test_a_published_report_stops_the_reminders(issued, drafter, signer):
    report = services.feedback_report_draft(decision=issued, user=drafter)
    with time_machine.travel(dt.date(2023, 10, 10)):
        services.feedback_report_publish(report=report, user=signer)
    deadline_services.deadlines_sweep(today=dt.date(2023, 10, 20))
    assert _notices(issued) == []
