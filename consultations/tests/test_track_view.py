"""Tracking a message with its number and query code, and rating the answer."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from .. import services
from ..models import Message

URL = "/consultations/track/"


def _track(client, number: str, code: str):
    return client.post(URL, {"tracking_number": number, "query_code": code})


@pytest.mark.django_db
def test_the_right_code_shows_the_status_and_the_answer(anonymous, new_message, organisation, handler):
    message, code = new_message()
    services.message_assign(message=message, organisation=organisation, user=handler)
    services.message_save_draft(message=message, user=handler, text="您好，请于每年3月提交申请。")
    services.message_send_answer(message=message, user=handler)
    response = _track(anonymous, message.tracking_number, code.lower())
    assert response.status_code == 302
    page = anonymous.get(response["Location"]).content.decode()
    assert "已答复" in page
    assert "您好，请于每年3月提交申请。" in page
    assert "满意" in page


@pytest.mark.django_db
def test_a_wrong_code_and_an_unknown_number_get_the_same_answer(anonymous, new_message):
    message, _ = new_message()
    wrong_code = _track(anonymous, message.tracking_number, "ZZZZZZ")
    unknown = _track(anonymous, "202601019999", "ZZZZZZ")
    assert wrong_code.status_code == unknown.status_code == 400
    for response in (wrong_code, unknown):
        assert "查询号或查询码不正确" in response.content.decode()
    assert message.question not in wrong_code.content.decode()


@pytest.mark.django_db
def test_a_message_is_not_shown_by_number_alone(anonymous, new_message):
    message, _ = new_message()
    page = anonymous.get(f"{URL}?n={message.tracking_number}").content.decode()
    assert message.question not in page


@pytest.mark.django_db
def test_empty_fields_get_chinese_messages(anonymous):
    response = anonymous.post(URL, {"tracking_number": "", "query_code": ""})
    assert response.status_code == 400
    assert "请填写查询号" in response.content.decode()


@pytest.mark.django_db
def test_the_asker_rates_the_answer_once(anonymous, new_message, organisation, handler):
    message, code = new_message()
    services.message_assign(message=message, organisation=organisation, user=handler)
    services.message_save_draft(message=message, user=handler, text="答复内容。")
    services.message_send_answer(message=message, user=handler)
    _track(anonymous, message.tracking_number, code)
    rate_url = f"/consultations/track/{message.tracking_number}/rate/"
    response = anonymous.post(rate_url, {"rating": "basic", "comment": '=HYPERLINK("x")'})
    assert response.status_code == 302
    message.refresh_from_db()
    assert message.rating == "basic"
    assert message.rating_comment == '=HYPERLINK("x")'
    again = anonymous.post(rate_url, {"rating": "unsatisfied"})
    assert again.status_code == 400
    assert "您已评价过" in again.content.decode()
    message.refresh_from_db()
    assert message.rating == "basic"


@pytest.mark.django_db
def test_rating_without_tracking_first_is_forbidden(anonymous, new_message):
    message, _ = new_message()
    response = anonymous.post(f"/consultations/track/{message.tracking_number}/rate/", {"rating": "satisfied"})
    assert response.status_code == 403
    message.refresh_from_db()
    assert message.rating == ""


@pytest.mark.django_db
def test_a_bad_rating_value_is_refused_in_chinese(anonymous, new_message, organisation, handler):
    message, code = new_message()
    services.message_assign(message=message, organisation=organisation, user=handler)
    services.message_save_draft(message=message, user=handler, text="答复内容。")
    services.message_send_answer(message=message, user=handler)
    _track(anonymous, message.tracking_number, code)
    response = anonymous.post(f"/consultations/track/{message.tracking_number}/rate/", {"rating": "great"})
    assert response.status_code == 400
    assert "请选择满意、基本满意或不满意" in response.content.decode()
    assert Message.objects.get().rating == ""


@pytest.mark.django_db
def test_after_rating_the_answer_stays_on_screen(anonymous, new_message, organisation, handler):
    message, code = new_message()
    services.message_assign(message=message, organisation=organisation, user=handler)
    services.message_save_draft(message=message, user=handler, text="您好，请于每年3月提交申请。")
    services.message_send_answer(message=message, user=handler)
    _track(anonymous, message.tracking_number, code)
    response = anonymous.post(
        f"/consultations/track/{message.tracking_number}/rate/", {"rating": "satisfied"}, follow=True
    )
    page = response.content.decode()
    assert "感谢您的评价" in page
    assert "您好，请于每年3月提交申请。" in page and "您的评价：<strong>满意</strong>" in page


@pytest.mark.django_db
def test_the_status_is_in_plain_words_with_the_promised_date(anonymous, new_message):
    message, code = new_message(received_on=dt.date(2026, 9, 28))
    with time_machine.travel(dt.datetime(2026, 9, 29, 2, tzinfo=dt.UTC), tick=False):
        page = anonymous.get(_track(anonymous, message.tracking_number, code)["Location"]).content.decode()
    assert "已收到，正在转交承办部门" in page and "待分派" not in page
    assert "承诺答复日期" in page and "2026年10月10日前" in page


@pytest.mark.django_db
def test_a_message_past_its_promised_date_says_so(anonymous, new_message, organisation, dispatcher):
    message, code = new_message(received_on=dt.date(2026, 9, 28))
    services.message_assign(message=message, organisation=organisation, user=dispatcher)
    with time_machine.travel(dt.datetime(2026, 10, 14, 2, tzinfo=dt.UTC), tick=False):
        page = anonymous.get(_track(anonymous, message.tracking_number, code)["Location"]).content.decode()
    assert "正在办理" in page and "办理中" not in page
    assert "已超过承诺答复日期" in page


def test_every_status_has_words_for_the_asker():
    from ..models import CITIZEN_STATUS

    assert set(CITIZEN_STATUS) == set(Message.Status.values)
    assert all(label not in {"待分派", "待领导审核"} for label, _ in CITIZEN_STATUS.values())
