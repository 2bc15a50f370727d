"""Exchanges between staff and the applicant (item 25): staff write from the admin's
workflow panel; the applicant reads and answers on the tracking page, authorised only by
the session that gave the query code, with files checked by content and stored privately;
the handling organisation is told; staff read the exchange and download the files, only
for applications they may see. Bad input is a Chinese message, what was typed is kept."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from applications import services
from applications.models import Exchange, ExchangeFile
from factories import client_for, png_bytes
from notifications.models import OutboxMessage

from .online import TRACK, relaxed_guards  # noqa: F401 (autouse)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]

TZ = timezone.get_default_timezone()
# Tue 3 Mar 2026: the persona application was received Mon 2 Mar (due Mon 30 Mar).
TODAY = dt.datetime(2026, 3, 3, 10, 0, tzinfo=TZ)


@pytest.fixture(autouse=True)
def frozen_day():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def handler_with_email(handler):
    handler.email = "handler@example.com"
    handler.save(update_fields=["email"])
    return handler


@pytest.fixture
def receipt(new_application, organisation):
    return new_application(organisation=organisation)


@pytest.fixture
def applicant(receipt) -> Client:
    """The applicant's browser, after giving the number and query code on the tracking page."""
    client = Client()
    response = client.post(TRACK, {"number": receipt.application.number, "query_code": receipt.query_code})
    assert response.status_code == 302
    return client


def _page(client, application) -> str:
    return client.get(f"{TRACK}?n={application.number}").content.decode()


def _answer_url(application) -> str:
    return reverse("applications:track_answer", args=[application.number])


def _step(application, key: str) -> str:
    return reverse("admin:applications_application_step", args=[application.pk, key])


def _change(application) -> str:
    return reverse("admin:applications_application_change", args=[application.pk])


def _message(application, handler, text="请补充说明您需要哪一年度的经费使用情况。"):
    return services.application_message(application=application, user=handler, text=text)


def test_staff_message_through_the_button_reaches_the_applicant(receipt, applicant, handler):
    application = receipt.application
    response = client_for(handler).post(_step(application, "message"), {"message-text": "请说明所需年度。"})

    assert response.status_code == 302
    page = _page(applicant, application)
    assert "请说明所需年度。" in page and "回复工作人员" in page
    mail = OutboxMessage.objects.get(key__startswith=f"application:{application.pk}:message-")
    assert mail.recipients == [application.email] and "请说明所需年度。" in mail.body
    assert application.events.filter(action="message", visible_to_applicant=True).exists()


def test_the_applicant_answers_with_a_file_and_the_organisation_is_told(receipt, applicant, handler_with_email):
    application = receipt.application
    _message(application, handler_with_email)
    picture = SimpleUploadedFile("欧阳秘密的说明.png", png_bytes(), content_type="image/png")

    response = applicant.post(_answer_url(application), {"answer-text": "需要2025年度的。", "answer-files": [picture]})

    assert response.status_code == 302
    answer = Exchange.objects.get(kind=Exchange.Kind.ANSWER)
    assert answer.text == "需要2025年度的。" and answer.author is None
    stored = answer.files.get()
    assert stored.name == "欧阳秘密的说明.png"
    path = Path(stored.file.path)
    assert path.is_file() and "欧阳" not in stored.file.name
    assert path.is_relative_to(Path(applicant_media_root()) / "private")
    with pytest.raises(ValueError):
        stored.file.url  # noqa: B018 (no URL reaches it)
    page = applicant.get(response["Location"]).content.decode()
    assert "已收到您的回复" in page and "需要2025年度的。" in page
    notice = OutboxMessage.objects.get(key__startswith=f"application:{application.pk}:answer-")
    assert notice.recipients == ["handler@example.com"] and application.number in notice.subject
    for private in ("欧阳秘密", "需要2025年度的", application.email):
        assert private not in notice.body and private not in notice.subject


def applicant_media_root() -> str:
    from django.conf import settings

    return settings.MEDIA_ROOT


def test_staff_see_the_exchange_and_download_the_file_only_within_scope(receipt, applicant, handler, other_handler):
    application = receipt.application
    _message(application, handler)
    picture = SimpleUploadedFile("说明.png", png_bytes(), content_type="image/png")
    applicant.post(_answer_url(application), {"answer-text": "见附件。", "answer-files": [picture]})
    stored = ExchangeFile.objects.get()
    url = reverse("admin:applications_application_exchange_file", args=[application.pk, stored.pk])

    page = client_for(handler).get(_change(application)).content.decode()
    assert "见附件。" in page and url in page and "申请人回复" in page
    download = client_for(handler).get(url)
    assert download.status_code == 200 and b"".join(download.streaming_content) == png_bytes()
    assert "attachment" in download["Content-Disposition"] and "no-store" in download["Cache-Control"]

    assert client_for(other_handler).get(url).status_code == 403
    assert Client().get(url).status_code == 302  # to the staff sign-in


def test_the_applicant_downloads_their_file_only_with_the_session(receipt, applicant, handler):
    application = receipt.application
    _message(application, handler)
    picture = SimpleUploadedFile("说明.png", png_bytes(), content_type="image/png")
    applicant.post(_answer_url(application), {"answer-text": "见附件。", "answer-files": [picture]})
    url = reverse("applications:track_file", args=[application.number, ExchangeFile.objects.get().pk])

    assert url in _page(applicant, application)
    assert applicant.get(url).status_code == 200
    assert Client().get(url).status_code == 403


def test_an_answer_without_the_session_is_refused(receipt, handler):
    application = receipt.application
    _message(application, handler)

    response = Client().post(_answer_url(application), {"answer-text": "冒充的回复"})

    assert response.status_code == 403 and "查询码" in response.content.decode()
    assert not Exchange.objects.filter(kind=Exchange.Kind.ANSWER).exists()


def test_the_session_of_another_application_does_not_answer_this_one(new_application, organisation, handler):
    mine = new_application(organisation=organisation)
    theirs = new_application(organisation=organisation).application
    _message(theirs, handler)
    client = Client()
    client.post(TRACK, {"number": mine.application.number, "query_code": mine.query_code})

    assert client.post(_answer_url(theirs), {"answer-text": "x"}).status_code == 403


def test_nothing_to_answer_before_staff_wrote(receipt, applicant):
    application = receipt.application
    assert "回复工作人员" not in _page(applicant, application)

    response = applicant.post(_answer_url(application), {"answer-text": "你好"})

    assert response.status_code == 409 and "没有需要您回复的留言" in response.content.decode()


@pytest.mark.parametrize(
    ("text", "files", "message"),
    [
        ("长" * 20000, [], "内容不能超过5000字"),
        ("", [], "请填写内容"),
        ("好", [SimpleUploadedFile("a.png", b"not a picture at all", content_type="image/png")], "文件"),
        ("好", [SimpleUploadedFile("a.pdf", b"just some text, not a PDF", content_type="application/pdf")], "不是 PDF"),
        ("好", [SimpleUploadedFile("a.exe", b"MZ\x90\x00", content_type="application/octet-stream")], "不支持"),
    ],
)
def test_bad_answers_are_refused_in_chinese_and_keep_what_was_typed(receipt, applicant, handler, text, files, message):
    application = receipt.application
    _message(application, handler)

    response = applicant.post(_answer_url(application), {"answer-text": text, "answer-files": files})

    assert response.status_code == 400
    page = response.content.decode()
    assert message in page and "提交未成功" in page
    if text:
        assert text[:200] in page  # kept in the form
    assert not Exchange.objects.filter(kind=Exchange.Kind.ANSWER).exists()


def test_nul_bytes_are_dropped(receipt, applicant, handler):
    application = receipt.application
    _message(application, handler)

    assert applicant.post(_answer_url(application), {"answer-text": "需要\x00年度"}).status_code == 302
    assert Exchange.objects.get(kind=Exchange.Kind.ANSWER).text == "需要年度"


def test_an_oversized_file_is_refused(receipt, applicant, handler, settings):
    settings.APPLICATIONS_EXCHANGE_FILE_MAX_BYTES = 100
    application = receipt.application
    _message(application, handler)
    picture = SimpleUploadedFile("big.png", png_bytes((400, 400)), content_type="image/png")

    response = applicant.post(_answer_url(application), {"answer-text": "附件", "answer-files": [picture]})

    assert response.status_code == 400 and "太大" in response.content.decode()


def test_too_many_files_are_refused(receipt, applicant, handler):
    application = receipt.application
    _message(application, handler)
    pictures = [SimpleUploadedFile(f"{i}.png", png_bytes(), content_type="image/png") for i in range(6)]

    response = applicant.post(_answer_url(application), {"answer-text": "附件", "answer-files": pictures})

    assert response.status_code == 400 and "最多上传5个文件" in response.content.decode()


def test_answers_are_rate_limited_and_keep_what_was_typed(receipt, applicant, handler, settings):
    settings.APPLICATIONS_ANSWER_RATE = "2/h"
    application = receipt.application
    _message(application, handler)
    for n in range(2):
        assert applicant.post(_answer_url(application), {"answer-text": f"第{n}次"}).status_code == 302

    response = applicant.post(_answer_url(application), {"answer-text": "第三次回复的内容"})

    assert response.status_code == 429
    page = response.content.decode()
    assert "太频繁" in page and "第三次回复的内容" in page
    assert Exchange.objects.filter(kind=Exchange.Kind.ANSWER).count() == 2


def test_a_closed_application_takes_no_more_answers(receipt, applicant, handler):
    application = receipt.application
    _message(application, handler)
    application.status = "closed"
    application.save(update_fields=["status"])

    response = applicant.post(_answer_url(application), {"answer-text": "还有问题"})

    assert response.status_code == 409


def test_the_message_step_is_the_handling_organisation_s(receipt, other_handler, registrar):
    application = receipt.application
    for user in (other_handler, registrar):
        response = client_for(user).post(_step(application, "message"), {"message-text": "越权留言"})
        assert response.status_code == 403
    assert not Exchange.objects.exists()


def test_the_exchange_is_never_on_a_page_without_the_session(receipt, handler, citizen):
    application = receipt.application
    _message(application, handler, text="内部联系：请回电")

    for url in (f"{TRACK}?n={application.number}", "/applications/", "/applications/statistics/"):
        assert "内部联系" not in citizen.get(url).content.decode()
