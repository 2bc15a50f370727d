"""Who may see what: staff pages, the admin, other organisations' messages."""

from __future__ import annotations

import pytest

from factories import UserFactory, client_for

from .. import services

STAFF_PAGES = ["/consultations/staff/clusters/", "/consultations/staff/statistics/"]


@pytest.mark.django_db
@pytest.mark.parametrize("url", STAFF_PAGES)
def test_anonymous_visitors_are_sent_to_sign_in(anonymous, url):
    response = anonymous.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


@pytest.mark.django_db
@pytest.mark.parametrize("url", STAFF_PAGES)
def test_a_signed_in_citizen_and_a_drafter_get_403(url, enterprise_user, drafter):
    assert client_for(enterprise_user).get(url).status_code == 403
    assert client_for(drafter).get(url).status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize("url", STAFF_PAGES)
def test_dispatchers_and_leaders_see_the_staff_pages(url, dispatcher, leader):
    assert client_for(dispatcher).get(url).status_code == 200
    assert client_for(leader).get(url).status_code == 200


@pytest.mark.django_db
def test_bad_dates_on_staff_pages_get_a_message_not_a_500(dispatcher):
    response = client_for(dispatcher).get("/consultations/staff/clusters/?start=notadate&end=2026-01-01&min_size=x")
    assert response.status_code == 200
    assert "无效" in response.content.decode()


@pytest.mark.django_db
def test_a_handler_sees_only_the_messages_of_their_organisation(
    new_message, organisation, other_organisation, dispatcher, handler, other_handler
):
    mine, _ = new_message(title="本单位的留言")
    theirs, _ = new_message(title="其他单位的留言")
    services.message_assign(message=mine, organisation=organisation, user=dispatcher)
    services.message_assign(message=theirs, organisation=other_organisation, user=dispatcher)
    listing = client_for(handler).get("/admin/consultations/message/").content.decode()
    assert "本单位的留言" in listing and "其他单位的留言" not in listing
    response = client_for(handler).get(f"/admin/consultations/message/{theirs.pk}/change/")
    assert response.status_code == 302  # the admin's "does not exist" redirect
    assert client_for(other_handler).get(f"/admin/consultations/message/{theirs.pk}/change/").status_code == 200


@pytest.mark.django_db
def test_staff_without_message_permissions_cannot_open_the_admin_list(drafter):
    assert client_for(drafter).get("/admin/consultations/message/").status_code == 403


@pytest.mark.django_db
def test_a_plain_user_cannot_reach_the_admin(new_message):
    user = UserFactory(username="plain")
    response = client_for(user).get("/admin/consultations/message/")
    assert response.status_code == 302


@pytest.mark.django_db
def test_a_leader_sees_answers_waiting_for_review_from_any_unit(
    new_message, other_organisation, dispatcher, organisation
):
    from factories import make_staff

    from ..permissions import LEADER

    leader = make_staff(LEADER, organisation, "town-leader")
    waiting, _ = new_message(title="待审核的留言", needs_leader_review=True)
    other, _ = new_message(title="办理中的留言")
    for message in (waiting, other):
        services.message_assign(message=message, organisation=other_organisation, user=dispatcher)
    services.message_save_draft(message=waiting, user=dispatcher, text="答复草稿")
    services.message_send_answer(message=waiting, user=dispatcher)
    listing = client_for(leader).get("/admin/consultations/message/").content.decode()
    assert "待审核的留言" in listing and "办理中的留言" not in listing
