"""Staff work in the admin: entering an offline message, assigning, answering, review, publication."""

from __future__ import annotations

import pytest

from deadlines import services as deadline_services
from factories import client_for

from ..models import DEADLINE_KIND, Message


def _change(client, message: Message, button: str, **fields):
    data = {
        "topic": message.topic,
        "title": message.title,
        "question": message.question,
        "answer_draft": fields.pop("answer_draft", message.answer_draft),
        "public_asker": message.public_asker,
        "public_title": message.public_title,
        "public_question": message.public_question,
        "public_answer": message.public_answer,
        "return_visits-TOTAL_FORMS": "0",
        "return_visits-INITIAL_FORMS": "0",
        "events-TOTAL_FORMS": "0",
        "events-INITIAL_FORMS": "0",
        button: "1",
    }
    if message.needs_leader_review:
        data["needs_leader_review"] = "on"
    data.update(fields)
    return client.post(f"/admin/consultations/message/{message.pk}/change/", data, follow=True)


def confirm(client, message: Message):
    """Press the confirmation button of the answer preview (with the draft it showed)."""
    message.refresh_from_db()
    return client.post(
        f"/admin/consultations/message/{message.pk}/answer-confirm/", {"previewed": message.answer_draft}, follow=True
    )


@pytest.mark.django_db
def test_staff_enter_a_hotline_message_and_the_clock_starts(dispatcher):
    client = client_for(dispatcher)
    response = client.post(
        "/admin/consultations/message/add/",
        {
            "channel": "hotline",
            "received_on": "2026-09-28",
            "asker_type": "citizen",
            "asker_name": "李四",
            "phone": "13800001111",
            "topic": "civil",
            "title": "助餐补贴标准",
            "question": "老年人助餐补贴标准是多少？",
            "return_visits-TOTAL_FORMS": "0",
            "return_visits-INITIAL_FORMS": "0",
            "events-TOTAL_FORMS": "0",
            "events-INITIAL_FORMS": "0",
        },
        follow=True,
    )
    message = Message.objects.get()
    assert message.channel == "hotline"
    assert f"查询号 {message.tracking_number}" in response.content.decode()
    assert deadline_services.deadline_for(message, DEADLINE_KIND).due_date is not None


@pytest.mark.django_db
def test_assign_answer_and_publish_through_the_admin_buttons(new_message, organisation, dispatcher, handler):
    message, _ = new_message()
    page = _change(client_for(dispatcher), message, "_assign", assign_to=str(organisation.pk)).content.decode()
    assert "已完成：分派/转办" in page
    message.refresh_from_db()
    assert message.organisation == organisation
    _change(client_for(handler), message, "_send_answer", answer_draft="您好，答复如下。")
    message.refresh_from_db()
    assert message.status == Message.Status.ASSIGNED  # the button leads to the preview only
    confirm(client_for(handler), message)
    message.refresh_from_db()
    assert message.status == Message.Status.ANSWERED and message.answer == "您好，答复如下。"
    _change(client_for(dispatcher), message, "_prepare_publication")
    message.refresh_from_db()
    assert message.public_asker == "张**"
    _change(client_for(dispatcher), message, "_publish")
    message.refresh_from_db()
    assert message.publication == Message.Publication.PUBLISHED


@pytest.mark.django_db
def test_a_handler_cannot_assign_and_gets_a_chinese_message(
    new_message, organisation, other_organisation, dispatcher, handler
):
    message, _ = new_message()
    _change(client_for(dispatcher), message, "_assign", assign_to=str(organisation.pk))
    message.refresh_from_db()
    response = _change(client_for(handler), message, "_assign", assign_to=str(other_organisation.pk))
    # A refusal is the site's 403 page (it was a redirect back with a flashed message).
    assert response.status_code == 403
    assert "无权访问" in response.content.decode()
    assert "您没有权限执行" in response.content.decode()  # and why
    message.refresh_from_db()
    assert message.organisation == organisation


@pytest.mark.django_db
def test_the_leader_approves_an_answer_in_review(new_message, organisation, dispatcher, handler, leader):
    message, _ = new_message(needs_leader_review=True)
    _change(client_for(dispatcher), message, "_assign", assign_to=str(organisation.pk))
    message.refresh_from_db()
    _change(client_for(handler), message, "_send_answer", answer_draft="待审核的答复")
    confirm(client_for(handler), message)
    message.refresh_from_db()
    assert message.status == Message.Status.IN_REVIEW
    page = _change(client_for(leader), message, "_approve")
    assert "确认审核通过并发送" in page.content.decode()
    message.refresh_from_db()
    assert message.status == Message.Status.IN_REVIEW
    confirm(client_for(leader), message)
    message.refresh_from_db()
    assert message.status == Message.Status.ANSWERED
    assert message.reviewed_by == leader


@pytest.mark.django_db
def test_payloads_are_shown_as_text_in_the_admin(new_message, dispatcher):
    message, _ = new_message(title="<script>alert(1)</script>标题")
    page = client_for(dispatcher).get(f"/admin/consultations/message/{message.pk}/change/").content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
