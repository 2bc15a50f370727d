from __future__ import annotations

import pytest

from factories import PASSWORD, client_for, make_enterprise_user

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Xujing-New-Password-2024"


def test_an_anonymous_visitor_is_sent_to_the_public_sign_in(citizen):
    response = citizen.get("/accounts/password/change/")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/accounts/password/change/"


def test_a_user_changes_the_password():
    user = make_enterprise_user("qiye-a")
    client = client_for(user)

    response = client.post(
        "/accounts/password/change/",
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert response.status_code == 302
    assert response["Location"] == "/accounts/password/change/done/"
    assert "密码已修改" in client.get(response["Location"]).content.decode()
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert client.get("/accounts/me/").status_code == 200  # still signed in here


def test_a_wrong_current_password_is_refused_in_chinese():
    user = make_enterprise_user("qiye-a")

    response = client_for(user).post(
        "/accounts/password/change/",
        {"old_password": "not-it", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert response.status_code == 200
    assert "旧密码不正确" in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_a_weak_new_password_is_refused_with_the_reason():
    user = make_enterprise_user("qiye-a")

    response = client_for(user).post(
        "/accounts/password/change/", {"old_password": PASSWORD, "new_password1": "123", "new_password2": "123"}
    )

    assert response.status_code == 200
    assert "密码太短" in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
