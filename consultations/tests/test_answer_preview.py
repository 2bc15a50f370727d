"""Sending an answer takes two steps: a preview of what the asker (and, if published,
the public) will read, then a confirmation. Nothing goes out from the first step."""

from __future__ import annotations

import pytest

from factories import client_for
from notifications.models import OutboxMessage

from .. import services
from ..models import Message

DRAFT = "张三丰您好！请于每年3月提交申请，已电话（13912345678）联系您。咨询电话021-59740000。"


def _preview_url(message: Message) -> str:
    return f"/admin/consultations/message/{message.pk}/answer-preview/"


def _confirm_url(message: Message) -> str:
    return f"/admin/consultations/message/{message.pk}/answer-confirm/"


@pytest.fixture
def drafted(new_message, organisation, dispatcher, handler):
    message, _ = new_message()
    services.message_assign(message=message, organisation=organisation, user=dispatcher)
    services.message_save_draft(message=message, user=handler, text=DRAFT)
    return message


@pytest.mark.django_db
def test_the_preview_shows_the_answer_as_the_asker_and_the_public_will_read_it(drafted, handler):
    response = client_for(handler).get(_preview_url(drafted))
    page = response.content.decode()
    assert response.status_code == 200
    assert "留言人将看到的答复" in page and DRAFT in page
    # The public copy: name and the asker's phone hidden, the office's landline kept.
    public = page.split("如选登，公开的内容将是", 1)[1].split("<form", 1)[0]
    assert "张**您好" in public and "13912345678" not in public and "021-59740000" in public
    assert "确认发送答复" in page
    drafted.refresh_from_db()
    assert drafted.status == Message.Status.ASSIGNED and drafted.answer == ""
    assert not OutboxMessage.objects.filter(subject__startswith="您的留言已答复").exists()


@pytest.mark.django_db
def test_the_answer_goes_out_only_on_confirmation(drafted, handler):
    client = client_for(handler)
    assert client.get(_confirm_url(drafted)).status_code == 302  # a GET only leads back to the preview
    drafted.refresh_from_db()
    assert drafted.status == Message.Status.ASSIGNED
    response = client.post(_confirm_url(drafted), {"previewed": DRAFT}, follow=True)
    assert "答复已发送" in response.content.decode()
    drafted.refresh_from_db()
    assert drafted.status == Message.Status.ANSWERED and drafted.answer == DRAFT
    assert OutboxMessage.objects.filter(subject__startswith="您的留言已答复", recipients=[drafted.email]).exists()


@pytest.mark.django_db
def test_a_draft_of_several_lines_is_sent_although_the_page_turned_its_line_ends(drafted, handler):
    services.message_save_draft(message=drafted, user=handler, text="第一段。\r\n\r\n第二段。")
    client_for(handler).post(_confirm_url(drafted), {"previewed": "第一段。\n\n第二段。"})
    drafted.refresh_from_db()
    assert drafted.status == Message.Status.ANSWERED


@pytest.mark.django_db
def test_a_draft_changed_after_the_preview_is_not_sent(drafted, handler):
    response = client_for(handler).post(_confirm_url(drafted), {"previewed": "预览时的另一段文字"})
    assert response.status_code == 409
    assert "答复草稿在预览后已被修改" in response.content.decode()
    drafted.refresh_from_db()
    assert drafted.status == Message.Status.ASSIGNED


@pytest.mark.django_db
def test_confirming_twice_sends_once_and_says_why(drafted, handler):
    client = client_for(handler)
    client.post(_confirm_url(drafted), {"previewed": DRAFT})
    again = client.post(_confirm_url(drafted), {"previewed": DRAFT})
    assert again.status_code == 409
    assert "没有待发送的答复" in again.content.decode()
    assert OutboxMessage.objects.filter(subject__startswith="您的留言已答复").count() == 1


@pytest.mark.django_db
def test_an_empty_draft_cannot_be_previewed(new_message, organisation, dispatcher, handler):
    message, _ = new_message()
    services.message_assign(message=message, organisation=organisation, user=dispatcher)
    response = client_for(handler).get(_preview_url(message))
    assert response.status_code == 409
    assert "答复内容为空" in response.content.decode()


@pytest.mark.django_db
def test_an_answer_needing_review_goes_to_the_leader_who_previews_before_approving(
    new_message, organisation, dispatcher, handler, leader
):
    message, _ = new_message(needs_leader_review=True)
    services.message_assign(message=message, organisation=organisation, user=dispatcher)
    services.message_save_draft(message=message, user=handler, text=DRAFT)
    preview = client_for(handler).get(_preview_url(message)).content.decode()
    assert "确认提交领导审核" in preview
    client_for(handler).post(_confirm_url(message), {"previewed": DRAFT})
    message.refresh_from_db()
    assert message.status == Message.Status.IN_REVIEW and message.answer == ""

    assert "确认审核通过并发送" in client_for(leader).get(_preview_url(message)).content.decode()
    client_for(leader).post(_confirm_url(message), {"previewed": DRAFT})
    message.refresh_from_db()
    assert message.status == Message.Status.ANSWERED and message.reviewed_by == leader


@pytest.mark.django_db
def test_a_handler_of_another_office_gets_404_and_staff_without_the_role_403(drafted, other_handler, drafter):
    assert client_for(other_handler).get(_preview_url(drafted)).status_code == 404
    assert client_for(other_handler).post(_confirm_url(drafted), {"previewed": DRAFT}).status_code == 404
    # A document drafter of the same office: staff, but not of the message board.
    assert client_for(drafter).get(_preview_url(drafted)).status_code == 403
    assert client_for(drafter).post(_confirm_url(drafted), {"previewed": DRAFT}).status_code == 403
    drafted.refresh_from_db()
    assert drafted.status == Message.Status.ASSIGNED


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_sign_in(anonymous, drafted):
    response = anonymous.post(_confirm_url(drafted), {"previewed": DRAFT})
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    drafted.refresh_from_db()
    assert drafted.status == Message.Status.ASSIGNED
