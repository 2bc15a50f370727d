"""A cache outage loses nothing a citizen typed: with the portal's Redis stopped, every
public form still stores the post and acknowledges it, and the notices it causes are
sent once Redis (here: the outbox's next run) is back.

The Redis here is the test's own redis-server (conftest.spare_redis), really stopped."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from consultations.models import Message
from consultations.tests.test_board_view import URL as BOARD
from consultations.tests.test_board_view import form_data
from decisions.models import Opinion, RepresentativeApplication, RepresentativeCall, Stage, StageChange
from factories import DecisionFactory, UserFactory
from notifications import delivery

pytestmark = pytest.mark.django_db


@pytest.fixture
def redis_down(spare_redis, settings):
    settings.CONSULTATION_MIN_FILL_SECONDS = 0
    spare_redis.stop()
    return spare_redis


def test_a_question_on_the_board_is_stored_and_acknowledged(citizen, redis_down, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = citizen.post(BOARD, form_data(title="停电期间的留言", email="asker@example.com"))

    assert response.status_code == 302
    message = Message.objects.get(title="停电期间的留言")
    receipt = citizen.get(response["Location"])
    assert receipt.status_code == 200 and message.tracking_number in receipt.content.decode()
    redis_down.start()
    delivery.deliver_pending()
    delivery.deliver_pending()
    assert [m.to for m in mail.outbox].count(["asker@example.com"]) == 1  # the receipt e-mail, once


def test_tracking_and_a_new_code_still_answer(citizen, redis_down):
    track = citizen.post(reverse("consultations:track"), {"tracking_number": "20260101000001", "query_code": "ABC234"})
    new_code = citizen.post(
        reverse("consultations:resend_code"), {"tracking_number": "20260101000001", "email": "x@example.com"}
    )

    assert track.status_code < 500 and new_code.status_code < 500


@time_machine.travel(dt.date(2023, 9, 15))
def test_a_decision_comment_is_stored_and_acknowledged(citizen, organisation, drafter, redis_down):
    decision = DecisionFactory(
        organisation=organisation, comment_opens_on=dt.date(2023, 9, 1), comment_closes_on=dt.date(2023, 9, 30)
    )
    StageChange.objects.create(decision=decision, from_stage=decision.stage, to_stage=Stage.CONSULTATION, actor=drafter)
    decision.stage = Stage.CONSULTATION
    decision.save(update_fields=["stage"])

    response = citizen.post(
        reverse("decisions:comment", args=[decision.catalogue.year, decision.pk]),
        {"body": "建议延长办理时限。", "submitter_type": "citizen"},
    )

    assert response.status_code == 302
    assert Opinion.objects.filter(decision=decision, body="建议延长办理时限。").exists()
    assert "您的意见已收到" in citizen.get(response["Location"]).content.decode()


@time_machine.travel(dt.date(2023, 9, 10))
def test_a_representative_application_is_stored(citizen, organisation, redis_down):
    call = RepresentativeCall.objects.create(
        organisation=organisation, title="公开征集公众代表", description="拟邀请5名代表列席。",
        opens_on=dt.date(2023, 9, 1), closes_on=dt.date(2023, 9, 30), seats=5,
    )  # fmt: skip

    response = citizen.post(
        reverse("decisions:representative_apply", args=[call.pk]),
        {"kind": "small_business", "name": "钱晓东", "contact_phone": "13912345678", "statement": "经营便利店十年。"},
    )

    assert response.status_code == 302
    assert RepresentativeApplication.objects.filter(call=call).exists()


def test_signing_in_and_asking_for_a_password_reset_still_answer(citizen, redis_down):
    user = UserFactory(username="qiye-redis", email="qiye@example.com")
    user.save()

    signed_in = citizen.post(reverse("accounts:login"), {"username": "qiye-redis", "password": "test-password-123"})
    reset = citizen.post(reverse("accounts:password_reset"), {"email": "qiye@example.com"})

    assert signed_in.status_code == 302
    assert reset.status_code == 302
