"""补正 answered online (Art. 30-31) and Art. 35 (the number or frequency of applications
clearly unreasonable: reasons asked, then 不予处理 or a later reply date with its reason).

Dates, counted from the calendar: received Mon 2 Mar 2026 in person, due Mon 30 Mar. A
correction sent online on Wed 4 Mar before 17:00 is received that day and the reply is
due Wed 1 Apr (5, 6, 9-13, 16-20, 23-27, 30, 31 Mar, 1 Apr); sent at 18:00 it is received
Thu 5 Mar and due Thu 2 Apr. Qingming 2026: 4-6 Apr off."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from applications import deadline_rules, services
from applications.models import Exchange, Outcome, OutcomeReason, Status
from factories import client_for, png_bytes
from notifications.models import OutboxMessage

from .online import TRACK, relaxed_guards  # noqa: F401 (autouse)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]

D = dt.date
TZ = timezone.get_default_timezone()


def _at(day: int, hour: int = 10) -> dt.datetime:
    return dt.datetime(2026, 3, day, hour, 0, tzinfo=TZ)


@pytest.fixture
def receipt(new_application, organisation, handler):
    handler.email = "handler@example.com"
    handler.save(update_fields=["email"])
    with time_machine.travel(_at(3), tick=False):
        receipt = new_application(organisation=organisation)
    return receipt


@pytest.fixture
def applicant(receipt) -> Client:
    client = Client()
    client.post(TRACK, {"number": receipt.application.number, "query_code": receipt.query_code})
    return client


def _page(client, application) -> str:
    return client.get(f"{TRACK}?n={application.number}").content.decode()


def _step(application, key: str) -> str:
    return reverse("admin:applications_application_step", args=[application.pk, key])


def _correct_url(application) -> str:
    return reverse("applications:track_correction", args=[application.number])


@pytest.fixture
def awaiting_correction(receipt, handler):
    application = receipt.application
    services.application_request_correction(
        application=application,
        user=handler,
        items="1. 请写明所需信息的年度。\n2. 请写明具体项目名称。",
        on=D(2026, 3, 3),
    )
    return application


# --- 补正 online ---------------------------------------------------------------------


def test_the_track_page_shows_the_items_and_the_correction_form(awaiting_correction, applicant):
    with time_machine.travel(_at(4), tick=False):
        page = _page(applicant, awaiting_correction)

    assert "需要补正的事项" in page and "请写明所需信息的年度" in page and "请写明具体项目名称" in page
    assert "在线提交补正" in page and _correct_url(awaiting_correction) in page


@pytest.mark.parametrize(
    ("hour", "received", "due"), [(10, D(2026, 3, 4), D(2026, 4, 1)), (18, D(2026, 3, 5), D(2026, 4, 2))]
)
def test_an_online_correction_restarts_the_clock_from_the_day_the_law_gives(
    awaiting_correction, applicant, hour, received, due
):
    picture = SimpleUploadedFile("项目.png", png_bytes(), content_type="image/png")
    with time_machine.travel(_at(4, hour), tick=False):
        response = applicant.post(
            _correct_url(awaiting_correction),
            {"correction-text": "1. 2025年度。\n2. 徐泾镇道路养护项目。", "correction-files": [picture]},
        )
        assert response.status_code == 302
        page = applicant.get(response["Location"]).content.decode()

    application = awaiting_correction
    application.refresh_from_db()
    assert (application.status, application.restarted_on, application.due_on) == (Status.IN_PROGRESS, received, due)
    assert deadline_rules.reply_deadline_for(application).due_date == due
    assert f"{due.year}年{due.month}月{due.day}日前" in page and "已收到您的补正" in page
    correction = Exchange.objects.get(kind=Exchange.Kind.CORRECTION)
    assert "道路养护项目" in correction.text and correction.files.count() == 1
    notice = OutboxMessage.objects.get(key__startswith=f"application:{application.pk}:corrected-")
    assert notice.recipients == ["handler@example.com"] and "在线补正" in notice.subject
    assert "欧阳秘密" not in notice.body


def test_a_correction_is_sent_once(awaiting_correction, applicant):
    with time_machine.travel(_at(4), tick=False):
        assert applicant.post(_correct_url(awaiting_correction), {"correction-text": "补正内容"}).status_code == 302
        again = applicant.post(_correct_url(awaiting_correction), {"correction-text": "再次补正"})

    assert again.status_code == 409 and "不在待补正状态" in again.content.decode()
    assert Exchange.objects.filter(kind=Exchange.Kind.CORRECTION).count() == 1


def test_a_correction_needs_the_session_and_keeps_a_refused_text(awaiting_correction, applicant):
    with time_machine.travel(_at(4), tick=False):
        assert Client().post(_correct_url(awaiting_correction), {"correction-text": "冒充"}).status_code == 403
        refused = applicant.post(_correct_url(awaiting_correction), {"correction-text": "补" * 20000})

    assert refused.status_code == 400 and "内容不能超过5000字" in refused.content.decode()
    awaiting_correction.refresh_from_db()
    assert awaiting_correction.status == Status.CORRECTION


def test_no_correction_form_when_none_is_awaited(receipt, applicant):
    with time_machine.travel(_at(4), tick=False):
        assert "在线提交补正" not in _page(applicant, receipt.application)
        response = applicant.post(_correct_url(receipt.application), {"correction-text": "补正"})
    assert response.status_code == 409


# --- Art. 35 ---------------------------------------------------------------------------


@pytest.fixture
def reasons_asked(receipt, handler):
    with time_machine.travel(_at(4), tick=False):
        response = client_for(handler).post(
            _step(receipt.application, "reasons"), {"reasons-text": "您本月已申请30件，请说明理由。"}
        )
    assert response.status_code == 302
    receipt.application.refresh_from_db()
    return receipt.application


def test_asking_for_reasons_tells_the_applicant_who_may_answer(reasons_asked, applicant):
    application = reasons_asked
    assert application.reasons_requested_on == D(2026, 3, 4)
    with time_machine.travel(_at(5), tick=False):
        page = _page(applicant, application)
        assert "您本月已申请30件，请说明理由。" in page and "要求说明理由" in page and "回复工作人员" in page
        answer = applicant.post(
            reverse("applications:track_answer", args=[application.number]), {"answer-text": "用于课题研究。"}
        )
    assert answer.status_code == 302
    assert OutboxMessage.objects.filter(key=f"application:{application.pk}:reasons").exists()


def test_not_processed_needs_the_reasons_asked_first(receipt, handler):
    page = client_for(handler).get(reverse("admin:applications_application_change", args=[receipt.application.pk]))
    assert _step(receipt.application, "refuse_excessive") not in page.content.decode()
    with pytest.raises(services.ApplicationError, match="先要求申请人说明理由"):
        services.application_refuse_excessive(application=receipt.application, user=handler)


def test_not_processed_is_a_reply_the_head_signs(reasons_asked, handler, application_signer, applicant):
    with time_machine.travel(_at(6), tick=False):
        assert client_for(handler).post(_step(reasons_asked, "refuse_excessive"), {}).status_code == 302
        reasons_asked.refresh_from_db()
        assert (reasons_asked.outcome, reasons_asked.outcome_reason) == (Outcome.NOT_PROCESSED, OutcomeReason.EXCESSIVE)
        assert client_for(application_signer).post(_step(reasons_asked, "sign"), {}).status_code == 302
        page = _page(applicant, reasons_asked)

    reasons_asked.refresh_from_db()
    assert reasons_asked.status == Status.ANSWERED
    assert "不予处理：无正当理由大量反复申请" in page


def test_a_later_reply_date_set_by_the_head_moves_the_engine_and_the_label(
    reasons_asked, handler, application_signer, applicant
):
    data = {"late_reply-due_on": "2026-04-30", "late_reply-reason": "申请数量较多，需要逐件检索。"}
    with time_machine.travel(_at(6), tick=False):
        assert client_for(handler).post(_step(reasons_asked, "late_reply"), data).status_code == 403
        assert client_for(application_signer).post(_step(reasons_asked, "late_reply"), data).status_code == 302
        page = _page(applicant, reasons_asked)
        panel = client_for(application_signer).get(
            reverse("admin:applications_application_change", args=[reasons_asked.pk])
        )

    application = reasons_asked
    application.refresh_from_db()
    assert (application.late_reply_on, application.due_on) == (D(2026, 4, 30), D(2026, 4, 30))
    assert deadline_rules.reply_deadline_for(application).due_date == D(2026, 4, 30)
    assert "2026年4月30日前" in page and "第三十五条" in page and "需要逐件检索" in page
    event = application.events.filter(action="extension").get()
    assert event.visible_to_applicant and "需要逐件检索" in event.comment
    assert _step(application, "extend") not in panel.content.decode()  # no Art. 33 extension on top
    with pytest.raises(services.ApplicationError, match="第三十五条"):
        services.application_extend(application=application, user=application_signer, days=5, reason="x")


@pytest.mark.parametrize(
    ("due_on", "message"),
    [("2026-04-05", "应当是工作日"), ("2026-03-20", "应当晚于"), ("2031-06-02", "工作日历")],
)
def test_a_wrong_later_reply_date_is_refused(reasons_asked, application_signer, due_on, message):
    data = {"late_reply-due_on": due_on, "late_reply-reason": "理由"}
    with time_machine.travel(_at(6), tick=False):
        response = client_for(application_signer).post(_step(reasons_asked, "late_reply"), data)

    assert response.status_code == 400 and message in response.content.decode()
    reasons_asked.refresh_from_db()
    assert (reasons_asked.late_reply_on, reasons_asked.due_on) == (None, D(2026, 3, 30))


def test_no_online_correction_after_the_period(awaiting_correction, applicant):
    awaiting_correction.refresh_from_db()
    after = awaiting_correction.correction_due_on + dt.timedelta(days=1)
    with time_machine.travel(dt.datetime(after.year, after.month, after.day, 9, 0, tzinfo=TZ), tick=False):
        response = applicant.post(_correct_url(awaiting_correction), {"correction-text": "迟到的补正"})

        later = _page(applicant, awaiting_correction)

    assert response.status_code == 409 and "补正期限已于" in response.content.decode()
    assert "迟到的补正" in response.content.decode()  # kept
    assert "需要补正的事项" in later and "在线提交补正" not in later  # no form once the period ended
    awaiting_correction.refresh_from_db()
    assert awaiting_correction.status == Status.CORRECTION


def test_the_plain_draft_refuses_excessive_without_reasons_asked(receipt, handler):
    data = {"draft-outcome": "not_processed", "draft-outcome_reason": "not_processed_excessive", "draft-note": ""}
    with time_machine.travel(_at(4), tick=False):
        response = client_for(handler).post(_step(receipt.application, "draft"), data)

    assert response.status_code == 409 and "先要求申请人说明理由" in response.content.decode()
