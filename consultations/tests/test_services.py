"""Answering: assignment, transfer, leader review, channel time limits on the working-day
calendar, the deadline engine and notifications."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from deadlines import services as deadline_services
from factories import client_for
from notifications.models import OutboxMessage

from .. import permissions, services
from ..models import DEADLINE_KIND, ChannelLimit, Message, MessageEvent


@pytest.mark.django_db
def test_an_online_message_is_due_five_working_days_later_across_national_day(new_message):
    # Received Monday 2026-09-28: 9-29, 9-30, (1-7 October off), 10-8, 10-9 and the make-up Saturday 10-10.
    message, _ = new_message(received_on=dt.date(2026, 9, 28))
    deadline = deadline_services.deadline_for(message, DEADLINE_KIND)
    assert deadline.working_days == 5
    assert deadline.due_date == dt.date(2026, 10, 10)


@pytest.mark.django_db
def test_each_channel_has_its_own_time_limit(new_message):
    ChannelLimit.objects.create(channel="leader_mailbox", answer_working_days=10, leader_review=True)
    message, _ = new_message(channel="leader_mailbox", received_on=dt.date(2026, 9, 28))
    deadline = deadline_services.deadline_for(message, DEADLINE_KIND)
    assert deadline.due_date == dt.date(2026, 10, 16)
    assert message.needs_leader_review is True


@pytest.mark.django_db
def test_the_deadline_follows_a_transfer_and_the_organisation_is_notified(
    new_message, organisation, other_organisation, dispatcher, other_handler
):
    other_handler.email = "jingfa@xujing.gov.cn"
    other_handler.save(update_fields=["email"])
    message, _ = new_message()
    services.message_assign(message=message, organisation=organisation, user=dispatcher)
    services.message_assign(message=message, organisation=other_organisation, user=dispatcher, note="属经发办职责")
    message.refresh_from_db()
    assert message.organisation == other_organisation
    deadline = deadline_services.deadline_for(message, DEADLINE_KIND)
    assert deadline.organisation == other_organisation
    actions = list(message.events.values_list("action", flat=True))
    assert actions == ["received", "assigned", "transferred"]
    notified = OutboxMessage.objects.get(key__startswith=f"consultation-{message.pk}-assigned-{other_organisation.pk}")
    assert notified.recipients == ["jingfa@xujing.gov.cn"]
    assert "新的留言待办理" in notified.subject


@pytest.mark.django_db
def test_sending_the_answer_meets_the_deadline_and_tells_the_asker(new_message, organisation, handler):
    message, _ = new_message(received_on=dt.date(2026, 9, 28))
    services.message_assign(message=message, organisation=organisation, user=handler)
    services.message_save_draft(message=message, user=handler, text="答复如下。")
    with time_machine.travel(dt.datetime(2026, 10, 9, 10, tzinfo=dt.UTC), tick=False):
        services.message_send_answer(message=message, user=handler)
    message.refresh_from_db()
    assert message.status == Message.Status.ANSWERED
    assert message.answer == "答复如下。"
    assert message.answered_on == dt.date(2026, 10, 9)
    assert deadline_services.deadline_for(message, DEADLINE_KIND).state == "met"
    mail = OutboxMessage.objects.get(key=f"consultation-{message.pk}-answered")
    assert mail.recipients == ["zhangsf@example.com"]
    assert "ABC" not in mail.body  # never the query code


@pytest.mark.django_db
def test_an_answer_needing_review_waits_for_the_leader(new_message, organisation, handler, leader):
    message, _ = new_message(needs_leader_review=True)
    services.message_assign(message=message, organisation=organisation, user=handler)
    services.message_save_draft(message=message, user=handler, text="草稿")
    services.message_send_answer(message=message, user=handler)
    message.refresh_from_db()
    assert message.status == Message.Status.IN_REVIEW
    assert deadline_services.deadline_for(message, DEADLINE_KIND).state != "met"
    with pytest.raises(services.ConsultationError, match="写明修改意见"):
        services.message_send_back(message=message, user=leader, comment="")
    services.message_send_back(message=message, user=leader, comment="请补充政策依据")
    message.refresh_from_db()
    assert message.status == Message.Status.ASSIGNED
    services.message_save_draft(message=message, user=handler, text="草稿（已补充依据）")
    services.message_send_answer(message=message, user=handler)
    services.message_approve_answer(message=message, user=leader)
    message.refresh_from_db()
    assert message.status == Message.Status.ANSWERED
    assert message.reviewed_by == leader
    assert message.answer == "草稿（已补充依据）"


@pytest.mark.django_db
def test_an_empty_draft_or_an_unassigned_message_cannot_be_answered(new_message, organisation, handler):
    message, _ = new_message()
    with pytest.raises(services.ConsultationError, match="请先把留言分派"):
        services.message_send_answer(message=message, user=handler)
    services.message_assign(message=message, organisation=organisation, user=handler)
    with pytest.raises(services.ConsultationError, match="答复内容为空"):
        services.message_send_answer(message=message, user=handler)


@pytest.mark.django_db
def test_rejecting_a_message_cancels_its_deadline(new_message, dispatcher):
    message, _ = new_message()
    services.message_reject(message=message, user=dispatcher, reason="广告信息")
    assert deadline_services.deadline_for(message, DEADLINE_KIND).state == "cancelled"


@pytest.mark.django_db
def test_an_unanswered_message_becomes_overdue(new_message):
    message, _ = new_message(received_on=dt.date(2026, 9, 28))
    deadline_services.deadlines_sweep(today=dt.date(2026, 10, 12))
    assert deadline_services.deadline_for(message, DEADLINE_KIND).state == "overdue"


@pytest.mark.django_db
def test_a_message_not_yet_dispatched_is_overdue_for_the_dispatchers(new_message, dispatcher, handler, settings):
    dispatcher.email, handler.email = "dispatch@xujing.example", "handler@xujing.example"
    for user in (dispatcher, handler):
        user.save(update_fields=["email"])
    message, _ = new_message(received_on=dt.date(2026, 9, 28))
    assert message.organisation is None

    deadline_services.deadlines_sweep(today=dt.date(2026, 10, 12))

    notices = OutboxMessage.objects.filter(subject__startswith="【已逾期】", subject__contains=message.tracking_number)
    assert [n.recipients for n in notices] == [["dispatch@xujing.example"]]
    assert "尚未分派承办单位" in notices.get().body
    assert settings.DEADLINE_UNASSIGNED_GROUPS == [permissions.DISPATCHER]
    # ...and it is on their 我的期限 page, not on a handler's.
    assert message.tracking_number in client_for(dispatcher).get("/staff/deadlines/").content.decode()
    assert message.tracking_number not in client_for(handler).get("/staff/deadlines/").content.decode()


@pytest.mark.django_db
def test_a_return_visit_is_recorded_and_marks_a_typical_case(new_message, organisation, handler):
    message, _ = new_message()
    with pytest.raises(services.ConsultationError, match="答复后才能回访"):
        services.return_visit_record(message=message, user=handler, method="phone", result="resolved")
    services.message_assign(message=message, organisation=organisation, user=handler)
    services.message_save_draft(message=message, user=handler, text="答复")
    services.message_send_answer(message=message, user=handler)
    visit = services.return_visit_record(
        message=message, user=handler, method="phone", result="resolved", note="已办结", typical_case=True
    )
    message.refresh_from_db()
    assert visit.staff == handler
    assert message.is_typical_case is True
    assert MessageEvent.objects.filter(message=message, action="visited").exists()
