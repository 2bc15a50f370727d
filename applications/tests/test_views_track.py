"""Tracking an application with its number and query code: the status, the dates, the
steps that concern the applicant and the outcome; wrong codes are rate-limited, and
nobody else's application or private data is ever shown."""

from __future__ import annotations

import pytest

from applications.models import ApplicationEvent, Outcome, Status

from .online import (
    DUE,
    SUBMITTED_AT,
    TRACK,
    relaxed_guards,  # noqa: F401 (autouse)
)

pytestmark = pytest.mark.django_db


def _track(client, receipt, code: str | None = None):
    data = {"number": receipt.application.number, "query_code": code if code is not None else receipt.query_code}
    return client.post(TRACK, data)


def test_the_number_and_code_open_the_applicants_own_page(citizen, new_application):
    receipt = new_application(submitted_at=SUBMITTED_AT, channel="online")
    response = _track(citizen, receipt, receipt.query_code.lower())
    assert response.status_code == 302
    page = citizen.get(response["Location"])
    text = page.content.decode()
    assert receipt.application.number in text
    assert "2026年9月28日" in text and DUE in text
    assert "已接收" in text and "接收" in text and "登记" in text
    assert "no-store" in page["Cache-Control"] and "private" in page["Cache-Control"]


def test_the_id_number_is_masked_and_contacts_are_not_shown(citizen, new_application):
    receipt = new_application()
    page = citizen.get(_track(citizen, receipt)["Location"]).content.decode()
    assert "3101**********0011" in page
    for private in ("310118198503120011", "13912345678", "ouyang.private@example.com", "徐泾镇隐私路88弄8号"):
        assert private not in page


def test_only_the_steps_visible_to_the_applicant_are_shown(citizen, new_application):
    receipt = new_application()
    ApplicationEvent.objects.create(application=receipt.application, action="message", comment="内部备注：勿外传")
    ApplicationEvent.objects.create(
        application=receipt.application, action="message", comment="请补充说明所需年份", visible_to_applicant=True
    )
    page = citizen.get(_track(citizen, receipt)["Location"]).content.decode()
    assert "请补充说明所需年份" in page and "内部备注" not in page


def test_an_answered_application_shows_its_outcome(citizen, new_application):
    receipt = new_application()
    application = receipt.application
    application.status, application.outcome = Status.ANSWERED, Outcome.DISCLOSED
    application.save(update_fields=["status", "outcome"])
    page = citizen.get(_track(citizen, receipt)["Location"]).content.decode()
    assert 'id="outcome">予以公开' in page


def test_a_wrong_code_says_the_same_as_an_unknown_number(citizen, new_application):
    receipt = new_application()
    wrong = _track(citizen, receipt, "WRONGCODE").content.decode()
    unknown = citizen.post(TRACK, {"number": "2099-9999", "query_code": receipt.query_code}).content.decode()
    assert "登记编号或查询码不正确" in wrong and "登记编号或查询码不正确" in unknown
    assert "欧阳秘密" not in wrong


def test_a_page_is_shown_only_to_the_session_that_gave_the_code(citizen, new_application, client):
    receipt = new_application()
    location = _track(citizen, receipt)["Location"]
    page = client.get(location).content.decode()
    assert receipt.application.number not in page.split('id="track-title"', 1)[0].split("<h1>", 1)[1]
    assert "欧阳秘密" not in page


def test_wrong_codes_are_rate_limited(citizen, new_application, settings):
    settings.APPLICATIONS_TRACK_RATE = "3/h"
    receipt = new_application()
    for _ in range(3):
        assert _track(citizen, receipt, "WRONGCODE").status_code == 400
    limited = _track(citizen, receipt)
    assert limited.status_code == 429 and "查询次数过多" in limited.content.decode()


@pytest.mark.parametrize(
    "data", [{}, {"number": "x" * 5000, "query_code": "y"}, {"number": "2026-0001\x00", "query_code": "\x00"}]
)
def test_bad_tracking_input_is_a_client_error(citizen, data):
    assert citizen.post(TRACK, data).status_code == 400


def test_a_hostile_query_string_shows_the_empty_form(citizen):
    assert citizen.get(TRACK, {"n": "\x00" + "9" * 5000}).status_code == 200


def test_while_a_correction_is_awaited_the_page_says_the_clock_is_stopped(citizen, new_application, handler):
    import datetime as dt

    import time_machine

    from applications import services

    with time_machine.travel(dt.datetime(2026, 3, 3, 10, 0), tick=False):
        receipt = new_application(
            submitted_at=dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC), organisation=handler.staff_profile.organisation
        )
        services.application_request_correction(application=receipt.application, user=handler, items="1. 请写明年度。")
    page = citizen.get(_track(citizen, receipt)["Location"]).content.decode()
    assert "等待申请人补正，暂停计算" in page and "补正期限至" in page


@pytest.mark.parametrize(
    ("status", "field", "words"),
    [
        (
            Status.THIRD_PARTY,
            "third_party_due_on",
            "正在征求第三方意见，所需时间不计算在答复期限内（第三方答复期限至2026年3月24日）",
        ),
        (
            Status.AWAITING_PAYMENT,
            "payment_due_on",
            "等待申请人缴纳信息处理费，所需时间不计算在答复期限内（缴费期限至2026年3月24日）",
        ),
    ],
)
def test_a_stopped_clock_says_what_the_applicant_waits_for(citizen, new_application, status, field, words):
    import datetime as dt

    from applications.models import Application

    receipt = new_application()
    Application.objects.filter(pk=receipt.application.pk).update(
        status=status, due_on=None, **{field: dt.date(2026, 3, 24)}
    )
    page = citizen.get(_track(citizen, receipt)["Location"]).content.decode()
    assert words in page and "工作日历尚未覆盖" not in page
