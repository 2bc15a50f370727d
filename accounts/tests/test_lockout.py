from __future__ import annotations

import pytest
from django.conf import settings

from factories import PASSWORD, make_enterprise_user, make_staff
from organisations import roles

pytestmark = pytest.mark.django_db


def sign_in(client, password: str):
    return client.post("/accounts/login/", {"username": "qiye-a", "password": password})


def test_fewer_failures_than_the_limit_do_not_lock(citizen):
    make_enterprise_user("qiye-a")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in(citizen, "wrong-password").status_code == 200

    response = sign_in(citizen, PASSWORD)

    assert response.status_code == 302
    assert citizen.get("/accounts/me/").status_code == 200


def test_the_failure_limit_locks_the_account_even_against_the_right_password(citizen):
    make_enterprise_user("qiye-a")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(citizen, "wrong-password")

    response = sign_in(citizen, PASSWORD)

    assert response.status_code == 429
    text = response.content.decode()
    assert settings.AXES_COOLOFF_MESSAGE in text
    assert "<title>登录已暂时锁定 - 徐泾镇政务公开</title>" in text  # a portal page, not bare text
    assert citizen.get("/accounts/me/").status_code == 302  # not signed in


def test_a_lockout_earned_on_the_public_page_holds_on_the_admin_too(citizen, organisation):
    make_staff(roles.DRAFTER, organisation, "qiye-a")  # any account; a staff one can use both pages
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(citizen, "wrong-password")

    response = citizen.post("/admin/login/?next=/admin/", {"username": "qiye-a", "password": PASSWORD})

    assert response.status_code == 429
    assert settings.AXES_COOLOFF_MESSAGE in response.content.decode()
