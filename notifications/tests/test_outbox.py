"""The outbox: one row per key, written in the caller's transaction, sent once."""

from __future__ import annotations

import datetime as dt
from unittest import mock

import pytest
from django.core import mail
from django.db import transaction
from kombu.exceptions import OperationalError

from factories import make_staff
from notifications import delivery, outbox
from notifications.models import OutboxMessage
from organisations import roles

pytestmark = pytest.mark.django_db


def test_the_same_key_twice_is_one_message():
    first = outbox.notify(recipients=["a@xujing.example"], subject="主题", body="正文", key="k1")
    second = outbox.notify(recipients=["a@xujing.example"], subject="主题", body="正文", key="k1")

    assert first is not None and second is None
    assert OutboxMessage.objects.count() == 1


def test_no_recipient_no_message():
    assert outbox.notify(recipients=["", "  "], subject="主题", body="正文", key="k1") is None
    assert not OutboxMessage.objects.exists()


def test_a_rolled_back_transaction_leaves_no_message():
    with pytest.raises(RuntimeError), transaction.atomic():
        outbox.notify(recipients=["a@xujing.example"], subject="主题", body="正文", key="k1")
        raise RuntimeError("the change that caused it failed")

    assert not OutboxMessage.objects.exists()


def test_delivery_is_queued_after_commit(django_capture_on_commit_callbacks):
    with (
        mock.patch("notifications.tasks.deliver_outbox_message.apply_async") as apply_async,
        django_capture_on_commit_callbacks(execute=True),
    ):
        message = outbox.notify(recipients=["a@xujing.example"], subject="主题", body="正文", key="k1")
        apply_async.assert_not_called()

    apply_async.assert_called_once_with(args=[message.pk], retry=False)


def test_a_broker_that_is_down_does_not_raise_and_the_message_is_sent_later(django_capture_on_commit_callbacks):
    with (
        mock.patch("notifications.tasks.deliver_outbox_message.apply_async", side_effect=OperationalError("down")),
        django_capture_on_commit_callbacks(execute=True),
    ):
        message = outbox.notify(recipients=["a@xujing.example"], subject="主题", body="正文", key="k1")

    assert mail.outbox == []
    assert delivery.deliver_pending() == 1
    assert delivery.deliver_pending() == 0
    assert delivery.deliver(message.pk) is False
    assert len(mail.outbox) == 1
    message.refresh_from_db()
    assert message.sent_at is not None


def test_a_failed_send_is_retried_later():
    message = outbox.notify(recipients=["a@xujing.example"], subject="主题", body="正文", key="k1")
    with mock.patch("notifications.delivery.EmailMessage.send", side_effect=OSError("SMTP 不可用")):
        assert delivery.deliver(message.pk) is False

    message.refresh_from_db()
    assert (message.sent_at, message.attempts, message.last_error) == (None, 1, "SMTP 不可用")
    assert delivery.deliver_pending() == 1
    assert len(mail.outbox) == 1


def test_notify_organisation_writes_to_each_active_staff_member(organisation, other_organisation):
    for username, org, active in [
        ("s1", organisation, True),
        ("s2", organisation, False),
        ("s3", other_organisation, True),
    ]:
        user = make_staff(roles.DRAFTER, org, username)
        user.email, user.is_active = f"{username}@xujing.example", active
        user.save(update_fields=["email", "is_active"])
    make_staff(roles.REVIEWER, organisation, "no-email")

    messages = outbox.notify_organisation(
        organisation=organisation, subject="文件即将到期", body="正文", key="expiry:1"
    )
    again = outbox.notify_organisation(organisation=organisation, subject="文件即将到期", body="正文", key="expiry:1")

    assert [m.recipients for m in messages] == [["s1@xujing.example"]]
    assert again == []


class Killed(BaseException):
    """Stands for SIGKILL: no `except Exception` in the outbox runs, nothing is cleaned up."""


def _send_killed(message_id: int, when: str, handed_over: list) -> None:
    """Deliver, dying before or after the mail server took the message."""

    def send(email, fail_silently=False):
        if when == "after":
            handed_over.append(email)
        raise Killed

    with mock.patch("notifications.delivery.EmailMessage.send", send), pytest.raises(Killed):
        delivery.deliver(message_id)


@pytest.mark.parametrize("when", ["before", "after"])
def test_a_worker_killed_during_the_hand_over_is_recorded_and_the_message_is_sent_again_later(when, time_machine):
    time_machine.move_to("2026-12-01 10:00 +08:00", tick=False)
    handed_over: list = []
    message = outbox.notify(recipients=["a@xujing.example"], subject="主题", body="正文", key="k-kill")

    _send_killed(message.pk, when, handed_over)

    message.refresh_from_db()
    assert (message.attempts, message.sent_at) == (1, None)
    assert delivery.deliver_pending() == 0  # the dead worker's claim holds until it expires
    time_machine.shift(delivery.CLAIM_TIMEOUT + dt.timedelta(seconds=1))
    assert delivery.deliver_pending() == 1
    message.refresh_from_db()
    assert message.attempts == 2 and message.sent_at is not None
    sent = [*handed_over, *mail.outbox]
    assert len(sent) == (2 if when == "after" else 1)
    assert {m.extra_headers["Message-ID"] for m in sent} == {delivery.message_id_header("k-kill")}


def test_a_worker_killed_after_marking_the_message_sent_never_sends_it_again(time_machine):
    time_machine.move_to("2026-12-01 10:00 +08:00", tick=False)
    message = outbox.notify(recipients=["a@xujing.example"], subject="主题", body="正文", key="k-done")
    assert delivery.deliver(message.pk)

    time_machine.shift(delivery.CLAIM_TIMEOUT * 3)

    assert delivery.deliver_pending() == 0
    assert len(mail.outbox) == 1
    message.refresh_from_db()
    assert message.attempts == 1


def test_each_message_has_a_stable_message_id_of_its_own():
    first = delivery.message_id_header("key-1")

    assert first == delivery.message_id_header("key-1")
    assert first != delivery.message_id_header("key-2")
    assert first.startswith("<outbox.") and first.endswith("@xujing.gov.cn>")


def test_a_confidential_body_is_sent_whole_and_then_cleared(administrator):
    from factories import client_for

    message = outbox.notify(
        recipients=["asker@example.com"], subject="留言回执", body="查询码：K7P2Q9", key="k-code", confidential=True
    )
    admin_page = client_for(administrator).get(f"/admin/notifications/outboxmessage/{message.pk}/change/")

    assert delivery.deliver(message.pk)

    assert admin_page.status_code == 200  # the administrator role may read the outbox
    assert "K7P2Q9" not in admin_page.content.decode()
    assert "查询码：K7P2Q9" in mail.outbox[0].body
    message.refresh_from_db()
    assert "K7P2Q9" not in message.body


def test_the_board_sends_the_query_code_as_a_confidential_message(django_capture_on_commit_callbacks):
    from consultations import services as board_services
    from consultations.models import Message

    with django_capture_on_commit_callbacks(execute=False):
        receipt = board_services.message_register(
            message=Message(
                asker_name="李四",
                email="lisi@example.com",
                topic="economy",
                title="助餐怎么申请",
                question="老人助餐怎么申请？",
                received_on=dt.date(2026, 9, 28),
            )  # fmt: skip
        )

    row = OutboxMessage.objects.get(recipients=["lisi@example.com"])
    assert row.confidential and receipt.query_code in row.body
