"""Registration without an account: seats, the wait list moving up on cancellation, the
code, the reminder the day before, and every refusal a citizen can meet."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from events import services
from events.forms import new_form_token
from events.models import Registration, RegistrationState
from notifications.models import OutboxMessage

from .conftest import make_session


def register(session, phone, party=1, email=""):
    return services.registration_register(
        session_id=session.pk, name="张三", phone=phone, party_size=party, email=email
    )


def test_seats_fill_then_the_wait_list_takes_the_rest(session):
    assert register(session, "13800000001", 2).registration.state == RegistrationState.CONFIRMED
    assert register(session, "13800000002", 2).registration.state == RegistrationState.CONFIRMED
    assert register(session, "13800000003", 1).registration.state == RegistrationState.WAITING
    assert session.seats_left() == 0
    assert session.event.status_label() == "已满"


def test_cancelling_moves_the_first_waiting_up_with_a_notice(session):
    first = register(session, "13800000001", 2)
    register(session, "13800000002", 2)
    waiting = register(session, "13800000003", 2, email="wait@example.com")
    services.registration_cancel(code=first.code)
    waiting.registration.refresh_from_db()
    assert waiting.registration.state == RegistrationState.CONFIRMED
    notice = OutboxMessage.objects.get(key=f"events.promoted.{waiting.registration.pk}")
    assert notice.recipients == ["wait@example.com"] and "候补" in notice.subject
    assert session.seats_taken() == 4


def test_the_code_is_stored_only_as_a_hash(session):
    receipt = register(session, "13800000001")
    row = Registration.objects.get(pk=receipt.registration.pk)
    assert receipt.code not in row.code_hash
    assert services.registration_by_code(receipt.code.lower()) == row
    assert services.registration_by_code("WRONGCODE1") is None


def test_the_same_phone_twice_is_refused(session):
    register(session, "13800000001")
    with pytest.raises(services.RegistrationError, match="已报名"):
        register(session, "13800000001")
    assert Registration.objects.count() == 1


def test_after_the_deadline_is_refused(event):
    late = make_session(event, registration_closes_at=timezone.now() - dt.timedelta(hours=1))
    with pytest.raises(services.RegistrationError, match="截止"):
        register(late, "13800000001")


def test_the_reminder_goes_once_the_day_before(session):
    register(session, "13800000001", email="a@example.com")
    register(session, "13800000002")  # no e-mail: marked, nothing sent
    day_before = session.date - dt.timedelta(days=1)
    assert services.send_reminders(today=session.date - dt.timedelta(days=3)) == 0
    assert services.send_reminders(today=day_before) == 1
    assert services.send_reminders(today=day_before) == 0
    message = OutboxMessage.objects.get(key__startswith="events.reminder.")
    assert "明天" in message.body and session.event.venue in message.body


def test_attendance_counts_checked_in_people(session, drafter):
    receipt = register(session, "13800000001", 2)
    register(session, "13800000002", 1)
    services.registration_check_in(registration=receipt.registration)
    assert session.attendance() == 2


# --- Through the page ------------------------------------------------------------------


def _post(client, session, **data):
    values = {"name": "李四", "phone": "13900001111", "email": "", "party_size": "1", "website": ""}
    values["form_token"] = new_form_token()
    values.update(data)
    url = reverse("events:register", args=[session.event.pk, session.pk])
    return client.post(url, values)


def test_a_citizen_registers_sees_the_code_once_and_cancels(client, session):
    response = _post(client, session)
    assert response.status_code == 302
    page = client.get(reverse("events:registered"))
    code = page.context["code"]
    assert code and code in page.content.decode()
    view = client.post(reverse("events:my_registration"), {"code": code, "view": ""})
    assert "报名成功" in view.content.decode()
    cancelled = client.post(reverse("events:my_registration"), {"code": code, "cancel": ""})
    assert cancelled.status_code == 200 and "已取消报名" in cancelled.content.decode()
    assert Registration.objects.get().state == RegistrationState.CANCELLED


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"phone": "12345"}, "手机号码格式不正确"),
        ({"party_size": "9"}, "每次报名最多 2 人"),
        ({"party_size": "abc"}, "参加人数请填写数字"),
        ({"name": ""}, "请填写姓名"),
        ({"website": "http://spam"}, "提交未通过校验"),
        ({"form_token": "forged"}, "页面已失效"),
    ],
)
def test_bad_input_is_a_chinese_400_that_keeps_what_was_typed(client, session, data, message):
    response = _post(client, session, **{"name": "王五", **data})
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert Registration.objects.count() == 0


def test_nul_bytes_are_dropped_not_a_500(client, session):
    response = _post(client, session, name="王\x00五", phone="1390000\x001111")
    assert response.status_code == 302
    assert Registration.objects.get().name == "王五"


def test_the_form_keeps_what_was_typed(client, session):
    response = _post(client, session, name="王五", phone="123")
    assert 'value="王五"' in response.content.decode()


def test_too_fast_is_refused(client, session, settings):
    settings.EVENTS_MIN_FILL_SECONDS = 60
    response = _post(client, session)
    assert response.status_code == 400 and "提交过快" in response.content.decode()


def test_twice_through_the_page_is_a_409_with_a_message(client, session):
    _post(client, session)
    response = _post(client, session)
    assert response.status_code == 409 and "已报名" in response.content.decode()
    assert Registration.objects.count() == 1


def test_past_capacity_goes_to_the_wait_list(client, session):
    for n in range(4):
        _post(client, session, phone=f"1390000{n:04d}")
    _post(client, session, phone="13900009999")
    assert Registration.objects.filter(state=RegistrationState.WAITING).count() == 1


def test_500_posts_from_one_address_are_refused_with_429(client, session, settings):
    settings.EVENTS_REGISTER_RATE = "10/h"
    statuses = [_post(client, session, phone=f"1390000{n:04d}").status_code for n in range(15)]
    assert statuses[-1] == 429
    assert Registration.objects.count() <= 10
    assert "太频繁" in _post(client, session, phone="13911112222").content.decode()


def test_after_the_deadline_through_the_page(client, event):
    late = make_session(event, registration_closes_at=timezone.now() - dt.timedelta(minutes=1))
    response = _post(client, late)
    assert response.status_code == 409 and "截止" in response.content.decode()


def test_a_wrong_code_is_a_404_with_a_message(client, db):
    response = client.post(reverse("events:my_registration"), {"code": "NOPE", "view": ""})
    assert response.status_code == 404 and "报名码不正确" in response.content.decode()
