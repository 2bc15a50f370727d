"""The workflow steps of a message's admin page (consultations.admin_views): a refused step
answers 403 (the role never allows it) or 409 (the message's state blocks it) and changes
nothing; the buttons shown are the steps consultations.permissions allows."""

from __future__ import annotations

import pytest

from factories import client_for

from .. import permissions, services
from ..models import Message, MessageEvent
from .test_admin import _change


def _step_url(message: Message, address: str) -> str:
    return f"/admin/consultations/message/{message.pk}/{address}/"


@pytest.fixture
def assigned(new_message, organisation, dispatcher):
    message, _ = new_message()
    services.message_assign(message=message, organisation=organisation, user=dispatcher)
    return message


@pytest.fixture
def answered(assigned, handler):
    services.message_save_draft(message=assigned, user=handler, text="您好，答复如下。")
    services.message_send_answer(message=assigned, user=handler)
    return assigned


@pytest.mark.django_db
def test_a_dispatcher_assigns_through_the_step_address(new_message, organisation, dispatcher):
    message, _ = new_message()
    response = client_for(dispatcher).post(
        _step_url(message, "assign"), {"assign_to": organisation.pk, "note": "请办理"}
    )
    assert response.status_code == 302 and response["Location"].endswith(f"/message/{message.pk}/change/")
    message.refresh_from_db()
    assert message.organisation == organisation and message.status == Message.Status.ASSIGNED


@pytest.mark.django_db
def test_a_handler_may_not_assign_and_gets_403_with_nothing_changed(assigned, other_organisation, handler):
    response = client_for(handler).post(_step_url(assigned, "assign"), {"assign_to": other_organisation.pk})
    assert response.status_code == 403
    assigned.refresh_from_db()
    assert assigned.organisation_id != other_organisation.pk
    assert not assigned.events.filter(action=MessageEvent.Action.TRANSFERRED).exists()


@pytest.mark.django_db
def test_a_refused_button_also_drops_the_page_edits_it_came_with(assigned, other_organisation, handler):
    response = _change(
        client_for(handler), assigned, "_assign", assign_to=str(other_organisation.pk), answer_draft="新草稿"
    )
    assert response.status_code == 403
    assigned.refresh_from_db()
    assert assigned.answer_draft == "" and assigned.organisation_id != other_organisation.pk


@pytest.mark.django_db
def test_assigning_an_answered_message_is_blocked_with_409_on_its_page(answered, other_organisation, dispatcher):
    response = _change(client_for(dispatcher), answered, "_assign", assign_to=str(other_organisation.pk))
    assert response.status_code == 409
    assert "只有待分派或办理中的留言才能分派/转办" in response.content.decode()
    answered.refresh_from_db()
    assert answered.status == Message.Status.ANSWERED and answered.organisation_id != other_organisation.pk


@pytest.mark.django_db
def test_publishing_before_the_copy_is_prepared_is_blocked_with_409(answered, dispatcher):
    response = client_for(dispatcher).post(_step_url(answered, "publish"))
    assert response.status_code == 409
    assert "请先生成选登稿并核对" in response.content.decode()
    answered.refresh_from_db()
    assert answered.publication == Message.Publication.NONE


@pytest.mark.django_db
def test_a_rule_of_the_service_blocks_with_409_too(assigned, dispatcher):
    response = client_for(dispatcher).post(_step_url(assigned, "reject"), {"note": "  "})
    assert response.status_code == 409
    assert "请写明不予受理的理由" in response.content.decode()
    assigned.refresh_from_db()
    assert assigned.status == Message.Status.ASSIGNED


@pytest.mark.django_db
def test_assigning_without_an_organisation_answers_400(new_message, dispatcher):
    message, _ = new_message()
    response = client_for(dispatcher).post(_step_url(message, "assign"), {"assign_to": ""})
    assert response.status_code == 400
    assert "请先在“分派/转办给”中选择机构" in response.content.decode()
    message.refresh_from_db()
    assert message.status == Message.Status.RECEIVED and message.organisation is None


@pytest.mark.django_db
def test_a_get_on_a_step_address_only_leads_back_to_the_message(new_message, dispatcher):
    message, _ = new_message()
    response = client_for(dispatcher).get(_step_url(message, "reject"))
    assert response.status_code == 302 and response["Location"].endswith(f"/message/{message.pk}/change/")
    message.refresh_from_db()
    assert message.status == Message.Status.RECEIVED


@pytest.mark.django_db
def test_the_buttons_shown_are_the_steps_permissions_allow(assigned, dispatcher, handler):
    def page(user) -> str:
        return client_for(user).get(f"/admin/consultations/message/{assigned.pk}/change/").content.decode()

    dispatcher_page, handler_page = page(dispatcher), page(handler)
    assert permissions.can(dispatcher, permissions.ASSIGN, assigned)
    assert 'name="_assign"' in dispatcher_page and 'name="_reject"' in dispatcher_page
    assert not permissions.can(handler, permissions.ASSIGN, assigned)
    assert 'name="_assign"' not in handler_page and 'name="_reject"' not in handler_page
    assert 'name="_send_answer"' in handler_page
    assert 'name="_publish"' not in dispatcher_page  # no public copy waiting


@pytest.mark.django_db
def test_denials_say_forbidden_or_blocked(answered, dispatcher, handler):
    forbidden = permissions.denial(handler, permissions.PUBLISH, answered)
    blocked = permissions.denial(dispatcher, permissions.PUBLISH, answered)
    assert forbidden.status == 403 and "确认选登" in forbidden.message
    assert blocked.status == 409 and blocked.code == "status"
    assert permissions.denial(dispatcher, permissions.PREPARE_PUBLICATION, answered) is None
