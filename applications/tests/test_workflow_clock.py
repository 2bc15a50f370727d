"""The statutory clocks through the deadline engine, on real dates. Each expected date was
counted by hand from the calendar (see test_clock.py for the arrangements):

- National Day 2025: 1-8 Oct off; Sun 28 Sep and Sat 11 Oct working.
- Received Fri 26 Sep 2025 in person: the reply is due Thu 30 Oct 2025 (20 working days:
  28-30 Sep, 9-11, 13-17, 20-24, 27-30 Oct); the 补正 notice by Mon 13 Oct (28-30 Sep,
  9-11, 13 Oct).
"""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from applications import clock, deadline_rules, services
from applications.models import Application, ApplicationEvent, Status
from deadlines.models import Deadline
from workdays.models import CalendarEntry
from workdays.services import calendar_entry_save

pytestmark = pytest.mark.django_db

D = dt.date
SEP_26 = timezone.make_aware(dt.datetime(2025, 9, 26, 10, 0))


@pytest.fixture
def received(new_application, organisation):
    """Received Fri 26 Sep 2025 at the counter, dispatched to the persona organisation."""
    return new_application(submitted_at=SEP_26, organisation=organisation).application


def _reply(application: Application) -> Deadline:
    return deadline_rules.reply_deadline_for(application)


def test_registration_starts_the_reply_and_correction_notice_clocks(received, organisation):
    reply = _reply(received)
    notice = deadline_rules.correction_notice_deadline_for(received)

    assert received.due_on == D(2025, 10, 30) == clock.reply_due_on(D(2025, 9, 26)) == reply.due_date
    assert (reply.working_days, reply.organisation, reply.is_active) == (20, organisation, True)
    assert "第三十三条" in reply.legal_basis
    assert notice.due_date == D(2025, 10, 13) == clock.correction_notice_due_on(D(2025, 9, 26))
    assert "第三十条" in notice.legal_basis
    received.refresh_from_db()
    assert received.due_on == D(2025, 10, 30)


def test_an_undispatched_application_s_clocks_follow_it_to_its_organisation(new_application, organisation, registrar):
    application = new_application(submitted_at=SEP_26).application
    assert _reply(application).organisation is None

    services.application_dispatch(application=application, organisation=organisation, user=registrar)

    assert _reply(application).organisation == organisation
    assert deadline_rules.correction_notice_deadline_for(application).organisation == organisation


def test_a_correction_over_national_day_stops_the_clock_and_restarts_it_from_zero(received, handler):
    # Notice Mon 29 Sep; 15 working days to correct: 30 Sep, 9-11, 13-17, 20-24, 27 Oct.
    services.application_request_correction(
        application=received, user=handler, items="1. 请写明所需信息的年度。", on=D(2025, 9, 29)
    )

    assert (received.status, received.correction_due_on, received.due_on) == (Status.CORRECTION, D(2025, 10, 27), None)
    assert _reply(received).paused_since == D(2025, 9, 29)
    notice = deadline_rules.correction_notice_deadline_for(received)
    assert (notice.state, notice.closed_on) == (Deadline.State.MET, D(2025, 9, 29))

    # Corrected Fri 10 Oct: 11 Oct (make-up Saturday) is day 1, then 13-17, 20-24, 27-31 Oct, 3-6 Nov.
    services.application_correction_received(application=received, user=handler, on=D(2025, 10, 10))

    received.refresh_from_db()
    assert (received.status, received.restarted_on) == (Status.IN_PROGRESS, D(2025, 10, 10))
    assert received.due_on == D(2025, 11, 6) == clock.reply_due_on(D(2025, 9, 26), restarted_on=D(2025, 10, 10))
    reply = _reply(received)
    assert (reply.start_date, reply.due_date, reply.paused_since) == (D(2025, 10, 10), D(2025, 11, 6), None)
    assert Deadline.objects.filter(object_id=received.pk, kind=deadline_rules.REPLY_KIND).count() == 2


def test_an_extension_adds_its_working_days_to_the_due_date(received, application_signer):
    # 30 Oct + 5 working days: 31 Oct, 3-6 Nov.
    services.application_extend(
        application=received,
        user=application_signer,
        days=5,
        reason="涉及多个年度的档案，需要调取。",
        on=D(2025, 10, 20),
    )

    received.refresh_from_db()
    assert (received.status, received.extension_days) == (Status.EXTENDED, 5)
    assert received.due_on == D(2025, 11, 6) == clock.reply_due_on(D(2025, 9, 26), extension_days=5)
    assert _reply(received).due_date == D(2025, 11, 6)


def test_an_extension_after_a_restart_counts_from_the_restart(received, handler, application_signer):
    services.application_request_correction(application=received, user=handler, items="请补充文号。", on=D(2025, 9, 29))
    services.application_correction_received(application=received, user=handler, on=D(2025, 10, 10))

    services.application_extend(
        application=received, user=application_signer, days=5, reason="需要调取档案。", on=D(2025, 11, 3)
    )

    # 6 Nov + 5: 7, 10-13 Nov.
    assert received.due_on == D(2025, 11, 13)
    assert received.due_on == clock.reply_due_on(D(2025, 9, 26), restarted_on=D(2025, 10, 10), extension_days=5)


def test_the_reply_meets_the_reply_deadline_on_the_reply_day(received, handler, application_signer):
    services.application_reply_draft(application=received, user=handler, outcome="disclosed", note="见附件。")
    services.application_reply_sign(application=received, user=application_signer, on=D(2025, 10, 22))

    reply = _reply(received)
    assert (reply.state, reply.closed_on) == (Deadline.State.MET, D(2025, 10, 22))
    assert deadline_rules.correction_notice_deadline_for(received).state == Deadline.State.CANCELLED
    received.refresh_from_db()
    assert (received.status, received.replied_on, received.due_on) == (
        Status.ANSWERED,
        D(2025, 10, 22),
        D(2025, 10, 30),
    )


def test_abandonment_cancels_the_clocks(received, handler):
    services.application_request_correction(application=received, user=handler, items="请补充文号。", on=D(2025, 9, 29))

    assert services.application_abandon_uncorrected(application=received, on=D(2025, 10, 28))

    assert _reply(received).state == Deadline.State.CANCELLED


@time_machine.travel(dt.datetime(2026, 3, 3, 9, 0, tzinfo=timezone.get_default_timezone()), tick=False)
def test_a_calendar_change_re_dates_the_open_application_and_says_so(new_application, organisation):
    # Received Mon 2 Mar 2026: due Mon 30 Mar (3-6, 9-13, 16-20, 23-27, 30 Mar).
    application = new_application(organisation=organisation).application
    assert application.due_on == D(2026, 3, 30)

    calendar_entry_save(
        entry=CalendarEntry(date=D(2026, 3, 10), kind=CalendarEntry.Kind.HOLIDAY, name="测试更正"), user=None
    )

    application.refresh_from_db()
    assert application.due_on == D(2026, 3, 31) == _reply(application).due_date
    event = application.events.get(action=ApplicationEvent.Action.REDATED)
    assert event.visible_to_applicant
    assert "2026年03月30日改为2026年03月31日" in event.comment
