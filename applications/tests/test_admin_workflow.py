"""The workflow panel's buttons end to end through the admin: each posts to a small view
that calls a service; 403 for a role or organisation that may never do the step, 409 with
the reason on the page (and what was typed kept) when the application's state blocks it."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from applications.models import Outcome, OutcomeReason, Status
from factories import client_for

pytestmark = pytest.mark.django_db

D = dt.date
# Tue 3 Mar 2026, the day after the persona application was received (due 30 Mar).
TODAY = dt.datetime(2026, 3, 3, 10, 0, tzinfo=timezone.get_default_timezone())


@pytest.fixture(autouse=True)
def frozen_day():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def application(new_application, organisation):
    return new_application(organisation=organisation).application


def _step(application, key: str) -> str:
    return reverse("admin:applications_application_step", args=[application.pk, key])


def _change(application) -> str:
    return reverse("admin:applications_application_change", args=[application.pk])


def test_the_handler_sees_the_panel_with_the_steps_they_may_take(application, handler):
    page = client_for(handler).get(_change(application)).content.decode()

    assert "办理流程" in page and "法定答复期限：<strong>2026年3月30日</strong>" in page
    assert _step(application, "correct") in page and _step(application, "draft") in page
    assert _step(application, "extend") not in page  # the head's


def test_correction_then_its_receipt_through_the_buttons(application, handler):
    client = client_for(handler)

    response = client.post(_step(application, "correct"), {"correct-items": "1. 请写明年度。", "correct-days": "15"})

    assert response.status_code == 302
    application.refresh_from_db()
    assert (application.status, application.due_on) == (Status.CORRECTION, None)
    response = client.post(_step(application, "corrected"), {"corrected-on": "2026-03-05", "corrected-note": ""})
    assert response.status_code == 302
    application.refresh_from_db()
    # Restarted Thu 5 Mar: 6, 9-13, 16-20, 23-27, 30-31 Mar, 1-2 Apr.
    assert (application.status, application.restarted_on, application.due_on) == (
        Status.IN_PROGRESS,
        D(2026, 3, 5),
        D(2026, 4, 2),
    )


def test_the_head_extends_once_and_the_second_time_is_409_with_the_reason(application, application_signer):
    client = client_for(application_signer)
    data = {"extend-days": "5", "extend-reason": "需要调取档案。"}

    assert client.post(_step(application, "extend"), data).status_code == 302
    application.refresh_from_db()
    assert (application.status, application.extension_days, application.due_on) == (Status.EXTENDED, 5, D(2026, 4, 7))

    again = client.post(_step(application, "extend"), {"extend-days": "3", "extend-reason": "再延一次"})

    assert again.status_code == 409
    assert "答复期限只能延长一次" in again.content.decode()
    application.refresh_from_db()
    assert application.extension_days == 5


def test_a_refused_step_keeps_what_was_typed(application, handler):
    response = client_for(handler).post(
        _step(application, "draft"),
        {"draft-outcome": Outcome.WITHHELD, "draft-outcome_reason": OutcomeReason.NOT_HELD, "draft-note": "我写的说明"},
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "该理由不属于所选答复结果" in page and "我写的说明" in page
    application.refresh_from_db()
    assert application.outcome == ""


@pytest.mark.parametrize(
    ("persona", "key", "status"),
    [
        ("registrar", "correct", 403),
        ("other_handler", "correct", 403),
        ("application_signer", "draft", 403),
        ("handler", "extend", 403),
        ("handler", "close", 409),  # not answered yet
        ("application_signer", "sign", 409),  # nothing drafted
    ],
)
def test_forbidden_is_403_and_blocked_is_409(request, application, persona, key, status):
    response = client_for(request.getfixturevalue(persona)).post(_step(application, key), {})

    assert response.status_code == status
    application.refresh_from_db()
    assert application.status == Status.IN_PROGRESS


def test_an_anonymous_post_goes_to_sign_in(client, application):
    response = client.post(_step(application, "correct"), {"correct-items": "x", "correct-days": "15"})

    assert response.status_code == 302 and "login" in response["Location"]
    application.refresh_from_db()
    assert application.status == Status.IN_PROGRESS


def test_draft_sign_close_archive_to_the_end(application, handler, application_signer):
    handler_client, signer_client = client_for(handler), client_for(application_signer)

    handler_client.post(_step(application, "draft"), {"draft-outcome": Outcome.DISCLOSED, "draft-note": "见附件。"})
    assert signer_client.post(_step(application, "sign"), {"sign-comment": "同意。"}).status_code == 302
    application.refresh_from_db()
    assert (application.status, application.replied_on) == (Status.ANSWERED, D(2026, 3, 3))
    assert handler_client.post(_step(application, "close"), {"close-comment": ""}).status_code == 302
    assert handler_client.post(_step(application, "archive"), {"archive-comment": ""}).status_code == 302

    application.refresh_from_db()
    assert application.status == Status.ARCHIVED
    assert "您当前没有可办理的流程操作" not in handler_client.get(_change(application)).content.decode()


def test_a_get_on_a_step_goes_back_to_the_application(application, handler):
    response = client_for(handler).get(_step(application, "correct"))

    assert response.status_code == 302 and response["Location"] == _change(application)


def test_my_applications_lists_the_organisation_s_open_ones_overdue_first(
    new_application, organisation, other_organisation, handler
):
    late = new_application(
        organisation=organisation, submitted_at=timezone.make_aware(dt.datetime(2026, 1, 5, 10))
    ).application
    current = new_application(organisation=organisation).application
    theirs = new_application(organisation=other_organisation).application

    page = client_for(handler).get(reverse("admin:applications_application_mine")).content.decode()

    assert late.number in page and current.number in page and theirs.number not in page
    assert page.index(late.number) < page.index(current.number)
    assert "已逾期 <strong>1</strong>" in page
    assert "欧阳秘密" not in page


def test_my_applications_is_for_staff_only(citizen, enterprise_user):
    url = reverse("admin:applications_application_mine")

    assert citizen.get(url).status_code == 302
    assert client_for(enterprise_user).get(url).status_code == 403


def test_the_admin_home_links_my_applications_for_application_roles(handler, drafter):
    url = reverse("admin:applications_application_mine")

    assert url in client_for(handler).get(reverse("admin:index")).content.decode()
    assert url not in client_for(drafter).get(reverse("admin:index")).content.decode()


def test_the_panel_says_when_the_reply_date_has_passed(application, handler):
    assert "已超过法定答复期限" not in client_for(handler).get(_change(application)).content.decode()

    with time_machine.travel(dt.datetime(2026, 3, 31, 10, 0, tzinfo=timezone.get_default_timezone()), tick=False):
        page = client_for(handler).get(_change(application)).content.decode()

    assert "已超过法定答复期限，请尽快答复" in page
