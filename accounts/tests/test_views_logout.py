from __future__ import annotations

import pytest

from factories import client_for, make_enterprise_user

pytestmark = pytest.mark.django_db


def test_signing_out_takes_a_post_and_ends_the_session():
    client = client_for(make_enterprise_user("qiye-a"))

    response = client.post("/accounts/logout/")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/logout/done/"
    assert "您已安全退出" in client.get(response["Location"]).content.decode()
    assert client.get("/accounts/me/").status_code == 302


def test_a_get_does_not_sign_out():
    client = client_for(make_enterprise_user("qiye-a"))

    response = client.get("/accounts/logout/")

    assert response.status_code == 405
    assert client.get("/accounts/me/").status_code == 200


def test_signing_out_goes_to_a_safe_next_only():
    client = client_for(make_enterprise_user("qiye-a"))

    response = client.post("/accounts/logout/", {"next": "https://evil.example/"})

    assert response["Location"] == "/accounts/logout/done/"


def test_signing_out_to_sign_in_as_someone_else_keeps_the_way_back():
    client = client_for(make_enterprise_user("qiye-a"))

    response = client.post("/accounts/logout/", {"next": "/accounts/login/?next=%2Fdocuments%2F7%2F"})

    assert response["Location"] == "/accounts/login/?next=%2Fdocuments%2F7%2F"
