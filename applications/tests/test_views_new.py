"""The online application (Art. 29): a citizen or an organisation applies without an
account and gets a number, a query code and the law's dates; every kind of bad input gets
a Chinese field error, keeps what was typed, and is never a 500."""

from __future__ import annotations

import io

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from applications import services
from applications.models import ApplicantCategory, Application, ApplicationEvent
from notifications import delivery
from notifications.models import OutboxMessage

from .online import (
    CREDIT_CODE,
    DUE,
    SUBMITTED_AT,
    URL,
    citizen_data,
    organisation_data,
    relaxed_guards,  # noqa: F401 (autouse)
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]


@pytest.fixture(autouse=True)
def _on_a_monday_morning():
    with time_machine.travel(SUBMITTED_AT, tick=False):
        yield


def _png(name: str = "id.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (20, 10), "white").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def _apply(client, data: dict):
    response = client.post(URL, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return client.get(response["Location"])


def _errors(response) -> str:
    assert response.status_code == 400
    return response.content.decode()


def test_the_form_is_shown_without_an_account_and_linked_from_the_guide(citizen):
    page = citizen.get(URL)
    assert page.status_code == 200
    assert "政府信息公开申请表" in page.content.decode()
    assert 'href="/applications/new/"' in citizen.get("/applications/").content.decode()


def test_a_citizen_applies_and_gets_the_number_the_code_and_the_dates(citizen):
    page = _apply(citizen, citizen_data()).content.decode()
    application = Application.objects.get()
    assert application.channel == "online"
    assert application.applicant_category == ApplicantCategory.NATURAL_PERSON
    assert str(application.received_on) == "2026-09-28"
    assert application.number in page
    code = page.split('id="query-code">', 1)[1].split("<", 1)[0]
    assert services.query_code_matches(application, code)
    assert "2026年9月28日" in page and DUE in page
    assert page.count(code) == 1
    actions = list(application.events.values_list("action", flat=True))
    assert actions == [ApplicationEvent.Action.RECEIVED, ApplicationEvent.Action.REGISTERED]


def test_the_receipt_page_is_private_and_shown_only_after_submitting(citizen):
    assert citizen.get("/applications/new/submitted/")["Location"] == "/applications/track/"
    response = citizen.post(URL, citizen_data())
    receipt = citizen.get(response["Location"])
    assert "no-store" in receipt["Cache-Control"] and "private" in receipt["Cache-Control"]


def test_a_reply_date_beyond_the_calendar_is_to_be_confirmed_not_guessed(citizen):
    with time_machine.travel("2026-12-21 10:00 +0800", tick=False):  # due in 2027, not in the calendar
        page = _apply(citizen, citizen_data()).content.decode()
    assert "2026年12月21日" in page and "答复期限将在日历公布后确认" in page
    assert "法定答复期限：2027" not in page


def test_a_submission_day_beyond_the_calendar_keeps_the_form_and_is_not_a_500(citizen):
    with time_machine.travel("2027-12-20 10:00 +0800", tick=False):
        response = citizen.post(URL, citizen_data())
    assert response.status_code == 503
    page = response.content.decode()
    assert "暂时无法确定收到申请的日期" in page and "欧阳秘密" in page
    assert not Application.objects.exists()


def test_the_receipt_is_e_mailed_confidentially_and_the_code_cleared_once_sent(citizen):
    page = _apply(citizen, citizen_data()).content.decode()
    code = page.split('id="query-code">', 1)[1].split("<", 1)[0]
    mail = OutboxMessage.objects.get()
    assert mail.recipients == ["ouyang.private@example.com"]
    assert mail.confidential
    assert code in mail.body and DUE in mail.body and Application.objects.get().number in mail.body
    delivery.deliver(mail.pk)
    mail.refresh_from_db()
    assert code not in mail.body


def test_without_an_e_mail_nothing_is_sent(citizen):
    _apply(citizen, citizen_data(email="", delivery="collect"))
    assert not OutboxMessage.objects.exists()


def test_an_organisation_applies_with_its_credit_code_and_category(citizen):
    _apply(citizen, organisation_data(credit_code=CREDIT_CODE.lower()))
    application = Application.objects.get()
    assert application.credit_code == CREDIT_CODE
    assert application.applicant_category == ApplicantCategory.BUSINESS
    assert application.legal_representative == "司马保密" and application.id_number == ""


def test_a_wrong_credit_code_check_character_is_a_field_error_and_the_input_is_kept(citizen):
    page = _errors(citizen.post(URL, organisation_data(credit_code="914403001922038217")))
    assert "统一社会信用代码的校验位（最后一位）不正确" in page
    assert 'value="914403001922038217"' in page and "上海徐泾秘密科技有限公司" in page
    assert "申请公开徐泾镇2025年度道路养护经费的使用情况。" in page
    assert not Application.objects.exists()


def test_an_organisation_needs_its_representative_contact_and_category(citizen):
    page = _errors(
        citizen.post(URL, organisation_data(legal_representative="", contact_person="", applicant_category=""))
    )
    assert "请填写法定代表人。" in page and "请填写联系人。" in page and "请选择单位类别。" in page


def test_a_wrong_resident_id_check_digit_is_a_field_error(citizen):
    page = _errors(citizen.post(URL, citizen_data(id_number="110105194912310021")))
    assert "身份证号码的校验位不正确" in page and 'value="110105194912310021"' in page


def test_another_id_type_is_only_required(citizen):
    _apply(citizen, citizen_data(id_type="passport", id_number="E12345678"))
    assert Application.objects.get().id_number == "E12345678"
    page = _errors(citizen.post(URL, citizen_data(id_type="passport", id_number="")))
    assert "请填写证件号码。" in page


def test_a_phone_or_an_e_mail_is_required(citizen):
    page = _errors(citizen.post(URL, citizen_data(phone="", email="", delivery="collect")))
    assert "请至少填写联系电话或电子邮箱中的一项。" in page


def test_a_postcode_has_six_digits(citizen):
    assert "邮政编码应为6位数字" in _errors(citizen.post(URL, citizen_data(postcode="20170")))


def test_the_description_is_required_and_at_most_two_thousand_characters(citizen):
    assert "请填写所需信息的内容描述。" in _errors(citizen.post(URL, citizen_data(description="")))
    page = _errors(citizen.post(URL, citizen_data(description="路" * 20000)))
    assert "内容描述不能超过 2000 字（现有 20000 字）" in page


def test_nul_bytes_are_dropped_from_what_was_typed(citizen):
    _apply(citizen, citizen_data(applicant_name="欧阳\x00秘密", description="申请公开\x00道路养护经费的使用情况。"))
    application = Application.objects.get()
    assert application.applicant_name == "欧阳秘密" and "\x00" not in application.description


def test_nul_bytes_in_a_choice_are_a_field_error_not_a_500(citizen):
    assert "请从所列选项中选择。" in _errors(citizen.post(URL, citizen_data(delivery="email\x00")))


def test_a_real_scan_is_stored_privately(citizen):
    _apply(citizen, {**citizen_data(), "identity_scan": _png()})
    stored = Application.objects.get().identity_scan
    assert stored.name.startswith("identity/") and stored.name.endswith(".png")
    assert "id." not in stored.name


def test_a_text_file_named_pdf_is_refused(citizen):
    fake = SimpleUploadedFile("id.pdf", b"just some text, not a PDF", content_type="application/pdf")
    page = _errors(citizen.post(URL, {**citizen_data(), "identity_scan": fake}))
    assert "内容不是 PDF 文件" in page and "请重新选择" in page
    assert not Application.objects.exists()


def test_a_picture_named_jpeg_but_png_inside_and_other_types_are_refused(citizen):
    assert "扩展名与内容不符" in _errors(citizen.post(URL, {**citizen_data(), "identity_scan": _png("id.jpg")}))
    exe = SimpleUploadedFile("id.exe", b"MZ\x90\x00", content_type="application/octet-stream")
    assert "不支持这种文件" in _errors(citizen.post(URL, {**citizen_data(), "identity_scan": exe}))


def test_an_oversized_scan_is_refused(citizen, settings):
    settings.APPLICATIONS_SCAN_MAX_BYTES = 10
    assert "扫描件太大" in _errors(citizen.post(URL, {**citizen_data(), "identity_scan": _png()}))


def test_the_honeypot_refuses_a_bot(citizen):
    assert "提交未通过校验" in _errors(citizen.post(URL, citizen_data(website="http://spam.example")))
    assert not Application.objects.exists()


def test_a_form_filled_too_fast_is_refused_and_kept(citizen, settings):
    settings.APPLICATIONS_MIN_FILL_SECONDS = 60
    page = _errors(citizen.post(URL, citizen_data()))
    assert "提交过快" in page and "欧阳秘密" in page
    assert not Application.objects.exists()


def test_a_forged_token_is_refused(citizen):
    assert "页面已失效" in _errors(citizen.post(URL, citizen_data(form_token="forged")))


def test_a_double_click_registers_once(citizen):
    data = citizen_data()
    first = citizen.post(URL, data)
    second = citizen.post(URL, data)
    assert first.status_code == second.status_code == 302
    assert Application.objects.count() == 1


def test_too_many_submissions_are_rate_limited_and_kept(citizen, settings):
    settings.APPLICATIONS_SUBMIT_RATE = "2/h"
    for _ in range(2):
        assert citizen.post(URL, citizen_data()).status_code == 302
    response = citizen.post(URL, citizen_data())
    page = response.content.decode()
    assert response.status_code == 429 and "您提交得太频繁了" in page and "欧阳秘密" in page
    assert Application.objects.count() == 2


def test_a_whole_bad_request_is_a_client_error(citizen):
    assert citizen.put(URL).status_code == 405
    assert citizen.post(URL, {}).status_code == 400
