"""The receipt after asking: the tracking number and code to keep (print, save, e-mail),
the promised answer date and the status in the asker's words."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from notifications.models import OutboxMessage

from .. import services
from ..models import Message
from .test_board_view import URL, form_data

# Monday 28 September 2026 (Shanghai): the answer is due 5 working days later, Saturday 10 October
# (1-7 October are National Day, 10 October a make-up working day).
ASKED_AT = dt.datetime(2026, 9, 28, 2, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _asked_on_a_monday_before_national_day():
    with time_machine.travel(ASKED_AT, tick=False):
        yield


def _ask(client, **changes):
    response = client.post(URL, form_data(**changes))
    assert response.status_code == 302
    return Message.objects.get()


@pytest.mark.django_db
def test_the_receipt_shows_the_promised_date_and_the_status_in_plain_words(anonymous):
    message = _ask(anonymous)
    page = anonymous.get("/consultations/submitted/").content.decode()
    assert message.tracking_number in page
    assert "承诺答复日期" in page and "2026年10月10日前" in page
    assert "已收到，正在转交承办部门" in page and "待分派" not in page
    assert "打印/保存回执" in page and "/consultations/submitted/receipt.txt" in page


@pytest.mark.django_db
def test_the_receipt_downloads_as_a_text_file_with_the_code(anonymous):
    message = _ask(anonymous)
    page = anonymous.get("/consultations/submitted/").content.decode()
    code = page.split('id="query-code">', 1)[1].split("<", 1)[0]
    response = anonymous.get("/consultations/submitted/receipt.txt")
    assert response["Content-Type"].startswith("text/plain")
    assert "attachment" in response["Content-Disposition"]
    text = response.content.decode()
    assert f"查询号：{message.tracking_number}" in text and f"查询码：{code}" in text
    assert "承诺答复日期：2026年10月10日前" in text
    assert services.query_code_matches(message, code)


@pytest.mark.django_db
def test_without_a_receipt_in_the_session_there_is_nothing_to_download(anonymous):
    response = anonymous.get("/consultations/submitted/receipt.txt")
    assert response.status_code == 302 and response["Location"] == "/consultations/track/"


@pytest.mark.django_db
def test_the_tracking_number_and_code_are_e_mailed_to_the_asker_only(anonymous):
    message = _ask(anonymous)
    page = anonymous.get("/consultations/submitted/").content.decode()
    code = page.split('id="query-code">', 1)[1].split("<", 1)[0]
    receipt = OutboxMessage.objects.get(subject__contains="留言回执")
    assert receipt.recipients == ["wang@example.com"]
    assert message.tracking_number in receipt.body and code in receipt.body
    assert "2026年10月10日前" in receipt.body
    assert "w***@example.com" in page  # the page names the address, masked
    # No other e-mail carries the code.
    assert not OutboxMessage.objects.exclude(pk=receipt.pk).filter(body__contains=code).exists()


@pytest.mark.django_db
def test_without_an_e_mail_the_receipt_says_that_sms_is_not_available(anonymous):
    _ask(anonymous, email="")
    page = anonymous.get("/consultations/submitted/").content.decode()
    assert "无法通过短信发送查询码" in page and "请打印或保存本回执" in page
    assert not OutboxMessage.objects.filter(subject__contains="留言回执").exists()


@pytest.mark.django_db
def test_staff_are_told_of_an_assigned_message_without_the_code(new_message, organisation, dispatcher, handler):
    handler.email = "handler@xujing.example.gov.cn"
    handler.save(update_fields=["email"])
    message, code = new_message()
    services.message_assign(message=message, organisation=organisation, user=dispatcher)
    notice = OutboxMessage.objects.get(recipients=["handler@xujing.example.gov.cn"])
    assert message.tracking_number in notice.subject
    assert code not in notice.body and message.phone not in notice.body and message.email not in notice.body
