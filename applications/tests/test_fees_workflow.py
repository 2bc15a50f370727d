"""Fees (国办函〔2020〕109号) as workflow steps on real dates: the fee notice stops the reply
clock and starts 20 working days to pay; payment starts the clock again, the time between
excluded; unpaid after the period, the application ends as abandoned. One basis per
application, never both; nothing to charge is refused. Each expected date was counted by
hand from the calendar (see test_clock.py):

- Spring Festival 2026: 15-23 Feb off; Sat 14 Feb and Sat 28 Feb working.
- Received Mon 2 Feb 2026 in person: the reply is due Fri 6 Mar (3-6, 9-13 Feb, 14 Feb,
  24-28 Feb, 2-6 Mar).
- Notice Thu 12 Feb: payment by Wed 18 Mar (13, 14, 24-28 Feb, 2-6, 9-13, 16-18 Mar).
- Qingming 2026: 4-6 Apr off (the admin tests: received Mon 2 Mar 2026, due Mon 30 Mar).
"""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from applications import clock, deadline_rules, services
from applications.models import Application, ApplicationEvent, FeeBasis, Outcome, OutcomeReason, Status
from deadlines.models import Deadline
from factories import client_for
from notifications.models import OutboxMessage

pytestmark = pytest.mark.django_db

D = dt.date
Action = ApplicationEvent.Action
FEB_2 = timezone.make_aware(dt.datetime(2026, 2, 2, 10, 0))
FEB_12 = D(2026, 2, 12)


@pytest.fixture
def received(new_application, organisation):
    """Received Mon 2 Feb 2026 at the counter, dispatched to the persona organisation."""
    return new_application(submitted_at=FEB_2, organisation=organisation).application


def earlier_in_month(application, count: int, **identity) -> None:
    """``count`` earlier applications of the same applicant (same ID number) received on
    the 1st of the application's month: this one is then its applicant's (count + 1)th."""
    first = application.received_on.replace(day=1)
    identity = identity or {"id_number": application.id_number}
    taken = Application.objects.count()
    Application.objects.bulk_create(
        Application(number=f"T-{taken + i}", applicant_name="某", description="某", received_on=first, **identity)
        for i in range(count)
    )


def _charge_by_count(application, user, nth=11, on=FEB_12):
    earlier_in_month(application, nth - 1)
    return services.application_charge(application=application, user=user, basis="count", on=on)


def test_the_fee_notice_stops_the_reply_clock_and_tells_the_applicant(received, handler):
    assert received.due_on == D(2026, 3, 6)

    _charge_by_count(received, handler, nth=31)

    assert (received.status, received.due_on, received.fee_basis, received.fee_amount) == (
        Status.AWAITING_PAYMENT,
        None,
        FeeBasis.COUNT,
        200,
    )
    assert received.payment_due_on == D(2026, 3, 18) == clock.payment_due_on(FEB_12)
    assert deadline_rules.reply_deadline_for(received).paused_since == FEB_12
    payment = deadline_rules.payment_deadline_for(received)
    assert (payment.due_date, payment.working_days, payment.is_active) == (D(2026, 3, 18), 20, True)
    assert "109号" in payment.legal_basis
    event = received.events.get(action=Action.FEE)
    assert event.visible_to_applicant
    assert "200元" in event.comment and "2026年03月18日" in event.comment and "第31件" in event.comment
    mail = OutboxMessage.objects.get(key=f"application:{received.pk}:fee")
    assert mail.recipients == [received.email] and "200元" in mail.body


def test_no_fee_e_mail_without_an_address(new_application, organisation, handler):
    application = new_application(submitted_at=FEB_2, organisation=organisation, email="").application

    services.application_charge(application=application, user=handler, basis="pages", pages=31, on=FEB_12)

    assert application.fee_amount == 10
    assert not OutboxMessage.objects.filter(key__endswith=":fee").exists()


def test_payment_over_the_spring_festival_resumes_the_clock_without_the_wait(received, handler):
    _charge_by_count(received, handler)

    services.application_fee_paid(application=received, user=handler, on=D(2026, 2, 25))

    # Counted 3-6, 9-12 Feb (8); excluded 13, 14, 24, 25 Feb; then 26-28 Feb, 2-6, 9-12 Mar:
    # Thu 12 Mar, four working days after 6 Mar.
    received.refresh_from_db()
    assert (received.status, received.fee_paid_on, received.due_on) == (
        Status.IN_PROGRESS,
        D(2026, 2, 25),
        D(2026, 3, 12),
    )
    assert received.due_on == clock.reply_due_on(D(2026, 2, 2), paused=[(D(2026, 2, 13), D(2026, 2, 25))])
    reply = deadline_rules.reply_deadline_for(received)
    assert [(p.paused_on, p.resumed_on) for p in reply.pauses.all()] == [(FEB_12, D(2026, 2, 25))]
    payment = deadline_rules.payment_deadline_for(received)
    assert (payment.state, payment.closed_on) == (Deadline.State.MET, D(2026, 2, 25))
    paid = received.events.filter(action=Action.FEE).last()
    assert paid.visible_to_applicant and "2026年02月12日至2026年02月25日" in paid.comment


def test_payment_after_the_period_is_refused(received, handler):
    _charge_by_count(received, handler)

    with pytest.raises(services.ApplicationError, match="缴费期限已于2026年03月18日届满"):
        services.application_fee_paid(application=received, user=handler, on=D(2026, 3, 19))


def test_unpaid_after_the_period_the_application_is_abandoned_once(received, handler):
    _charge_by_count(received, handler)
    with pytest.raises(services.ApplicationError, match="尚未届满"):
        services.application_abandon_unpaid(application=received, on=D(2026, 3, 18))

    assert services.application_abandon_unpaid(application=received, on=D(2026, 3, 19)) is True
    assert services.application_abandon_unpaid(application=received, on=D(2026, 3, 20)) is False

    received.refresh_from_db()
    assert (received.status, received.outcome, received.outcome_reason) == (
        Status.CLOSED,
        Outcome.OTHER,
        OutcomeReason.FEE_UNPAID,
    )
    assert deadline_rules.reply_deadline_for(received).state == Deadline.State.CANCELLED
    assert deadline_rules.payment_deadline_for(received).state == Deadline.State.CANCELLED
    closed = received.events.filter(action=Action.CLOSED)
    assert closed.count() == 1 and closed.get().visible_to_applicant
    assert OutboxMessage.objects.filter(key=f"application:{received.pk}:fee-unpaid").count() == 1


def test_both_bases_are_refused(received, handler):
    with pytest.raises(ValidationError) as error:
        services.application_charge(application=received, user=handler, basis="count", pages=40)

    assert "只能适用一种计收方式" in error.value.message_dict["basis"][0]
    received.refresh_from_db()
    assert (received.status, received.fee_notice_on) == (Status.IN_PROGRESS, None)


def test_a_second_fee_notice_on_another_basis_is_refused(received, handler):
    _charge_by_count(received, handler)
    services.application_fee_paid(application=received, user=handler, on=D(2026, 2, 13))

    with pytest.raises(services.ApplicationError, match="只收费一次"):
        services.application_charge(application=received, user=handler, basis="pages", pages=40, on=D(2026, 2, 24))


@pytest.mark.parametrize(("basis", "number"), [("count", 10), ("pages", 30), ("pages", 0)])
def test_nothing_to_charge_is_refused(received, handler, basis, number):
    if basis == "count":
        earlier_in_month(received, number - 1)
    pages = {"pages": number} if basis == "pages" else {}
    field = "basis" if basis == "count" else "pages"

    with pytest.raises(ValidationError) as error:
        services.application_charge(application=received, user=handler, basis=basis, **pages, on=FEB_12)

    assert "不收费" in error.value.message_dict[field][0]
    assert not received.events.filter(action=Action.FEE).exists()


def test_a_basis_without_its_number_is_a_field_error(received, handler):
    with pytest.raises(ValidationError) as error:
        services.application_charge(application=received, user=handler, basis="pages")
    assert "pages" in error.value.message_dict


def test_only_the_handling_organisation_s_handler_charges(received, other_handler, application_signer):
    for user in (other_handler, application_signer):
        with pytest.raises(PermissionDenied):
            _charge_by_count(received, user)


def test_the_fee_notice_needs_a_handling_application(received, handler):
    services.application_request_correction(application=received, user=handler, items="请补充年度。", on=FEB_12)

    with pytest.raises(services.ApplicationError, match="不能发出收费通知"):
        _charge_by_count(received, handler, on=D(2026, 2, 13))


# --- Through the admin's buttons ---------------------------------------------------

TODAY = dt.datetime(2026, 3, 3, 10, 0, tzinfo=timezone.get_default_timezone())


@pytest.fixture
def application(new_application, organisation):
    with time_machine.travel(TODAY, tick=False):
        yield new_application(organisation=organisation).application


def _step(application, key: str) -> str:
    return reverse("admin:applications_application_step", args=[application.pk, key])


def _change(application) -> str:
    return reverse("admin:applications_application_change", args=[application.pk])


def _notice(**fields) -> dict:
    return {"charge-basis": "count", "charge-on": "2026-03-03", **{f"charge-{k}": v for k, v in fields.items()}}


def test_fee_notice_then_payment_through_the_buttons(application, handler):
    client = client_for(handler)
    earlier_in_month(application, 10)  # this is the applicant's 11th application in March
    page = client.get(_change(application)).content.decode()
    assert _step(application, "charge") in page and _step(application, "fee_paid") not in page
    assert "第11件申请" in page and "信息处理费100元" in page
    assert client.post(_step(application, "charge"), _notice()).status_code == 302
    application.refresh_from_db()
    # Payment by Tue 31 Mar: 4-6, 9-13, 16-20, 23-27, 30-31 Mar.
    assert (application.status, application.due_on, application.fee_amount, application.payment_due_on) == (
        Status.AWAITING_PAYMENT,
        None,
        100,
        D(2026, 3, 31),
    )
    page = client.get(_change(application)).content.decode()
    assert _step(application, "charge") not in page and _step(application, "fee_paid") in page
    assert _step(application, "abandon_unpaid") in page

    abandon = client.post(_step(application, "abandon_unpaid"), {})
    assert abandon.status_code == 409 and "尚未届满" in abandon.content.decode()

    assert client.post(_step(application, "fee_paid"), {"fee_paid-on": "2026-03-05"}).status_code == 302
    application.refresh_from_db()
    # Excluded 4, 5 Mar: 30 Mar + 2 = Wed 1 Apr.
    assert (application.status, application.due_on, application.fee_paid_on) == (
        Status.IN_PROGRESS,
        D(2026, 4, 1),
        D(2026, 3, 5),
    )


def test_the_abandon_button_after_the_period(application, handler):
    earlier_in_month(application, 10)
    assert client_for(handler).post(_step(application, "charge"), _notice()).status_code == 302

    with time_machine.travel(dt.datetime(2026, 4, 1, 10, 0, tzinfo=timezone.get_default_timezone()), tick=False):
        response = client_for(handler).post(_step(application, "abandon_unpaid"), {})  # signed in that day

    assert response.status_code == 302 and response["Location"] == _change(application)

    application.refresh_from_db()
    assert (application.status, application.outcome_reason) == (Status.CLOSED, OutcomeReason.FEE_UNPAID)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (_notice(pages="40"), "只能适用一种计收方式"),
        (_notice(), "不收费"),
    ],
)
def test_a_refused_fee_notice_says_why_and_keeps_the_status(application, handler, data, message):
    response = client_for(handler).post(_step(application, "charge"), data)

    assert response.status_code == 400 and message in response.content.decode()
    application.refresh_from_db()
    assert (application.status, application.fee_notice_on) == (Status.IN_PROGRESS, None)


@pytest.mark.parametrize(
    ("persona", "key", "status"),
    [
        ("other_handler", "charge", 403),
        ("application_signer", "charge", 403),
        ("registrar", "charge", 403),
        ("handler", "fee_paid", 409),  # no fee notice
        ("handler", "abandon_unpaid", 409),  # not waiting for payment: nothing to abandon
    ],
)
def test_fee_refusals(request, application, persona, key, status):
    data = {**_notice(), "fee_paid-on": "2026-03-03"}
    response = client_for(request.getfixturevalue(persona)).post(_step(application, key), data)

    assert response.status_code == status
    application.refresh_from_db()
    assert application.status == Status.IN_PROGRESS
