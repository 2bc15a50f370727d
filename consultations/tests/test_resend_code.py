"""A lost query code: a new one goes to the e-mail stored on the message, the old one
stops working, and the page reveals nothing about which numbers or addresses exist."""

from __future__ import annotations

import re

import pytest

from notifications.models import OutboxMessage

from .. import services
from ..models import Message, MessageEvent

URL = "/consultations/track/new-code/"
SENT = "如果查询号和电子邮箱与留言记录一致，新的查询码已发送到该邮箱"


def _ask_for_code(client, number: str, email: str, **extra):
    return client.post(URL, {"tracking_number": number, "email": email}, **extra)


def _new_code(message: Message) -> str:
    mail = OutboxMessage.objects.filter(subject__contains="留言回执", body__contains="重新生成查询码").latest("id")
    return mail.body.split("查询码：", 1)[1].split("\n", 1)[0].strip()


@pytest.mark.django_db
def test_a_new_code_goes_to_the_stored_address_and_the_old_one_stops_working(anonymous, new_message):
    message, old_code = new_message()
    response = _ask_for_code(anonymous, message.tracking_number, "ZhangSF@Example.com ")
    assert response.status_code == 200 and SENT in response.content.decode()
    message.refresh_from_db()
    mail = OutboxMessage.objects.filter(body__contains="重新生成查询码").get()
    assert mail.recipients == ["zhangsf@example.com"]  # the stored address, not the one typed
    code = _new_code(message)
    assert services.query_code_matches(message, code)
    assert not services.query_code_matches(message, old_code)
    assert MessageEvent.objects.filter(message=message, action="code_reset").exists()
    tracked = anonymous.post("/consultations/track/", {"tracking_number": message.tracking_number, "query_code": code})
    assert tracked.status_code == 302


@pytest.mark.django_db
def test_a_wrong_address_or_unknown_number_gets_the_same_answer_and_changes_nothing(anonymous, new_message):
    message, old_code = new_message()
    answers = [
        _ask_for_code(anonymous, message.tracking_number, "someone@example.com"),
        _ask_for_code(anonymous, "202601019999", "zhangsf@example.com"),
    ]
    assert {r.status_code for r in answers} == {200}
    bodies = [
        re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", r.content.decode()).replace(
            "202601019999", message.tracking_number
        )
        for r in answers
    ]
    assert bodies[0] == bodies[1] and SENT in bodies[0]
    message.refresh_from_db()
    assert services.query_code_matches(message, old_code)
    assert not OutboxMessage.objects.filter(body__contains="重新生成查询码").exists()


@pytest.mark.django_db
def test_a_message_left_without_an_e_mail_gets_no_code_and_the_page_says_why(anonymous, new_message):
    message, old_code = new_message(email="")
    page = _ask_for_code(anonymous, message.tracking_number, "zhangsf@example.com").content.decode()
    assert SENT in page and "目前还不能通过短信发送查询码" in page
    message.refresh_from_db()
    assert services.query_code_matches(message, old_code)
    assert not OutboxMessage.objects.filter(body__contains="重新生成查询码").exists()


@pytest.mark.django_db
def test_bad_input_gets_a_chinese_message_and_keeps_what_was_typed(anonymous):
    response = _ask_for_code(anonymous, "202601010001", "not-an-email")
    page = response.content.decode()
    assert response.status_code == 400
    assert "电子邮箱格式不正确" in page and 'value="202601010001"' in page


@pytest.mark.django_db
def test_requests_are_limited_per_address_and_per_message(anonymous, new_message, settings):
    message, _ = new_message()
    statuses = [
        _ask_for_code(anonymous, message.tracking_number, "zhangsf@example.com", REMOTE_ADDR=f"198.51.100.{n}")
        for n in range(4)
    ]
    # Three a day per message, from however many addresses.
    assert [r.status_code for r in statuses] == [200, 200, 200, 429]
    assert "申请次数过多" in statuses[-1].content.decode()
    assert OutboxMessage.objects.filter(body__contains="重新生成查询码").count() == 3
    others = [
        _ask_for_code(anonymous, f"20260101{n:04d}", "x@example.com", REMOTE_ADDR="203.0.113.9").status_code
        for n in range(6)
    ]
    assert others == [200, 200, 200, 200, 200, 429]  # five an hour per address
