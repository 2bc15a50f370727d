from __future__ import annotations

import pytest

from factories import PASSWORD, AudienceGroupFactory, make_enterprise_user, make_staff, make_targeted_document
from organisations import roles

pytestmark = pytest.mark.django_db


def sign_in(client, username: str, password: str = PASSWORD, next_url: str | None = None):
    path = "/accounts/login/" + (f"?next={next_url}" if next_url is not None else "")
    return client.post(path, {"username": username, "password": password, **({"next": next_url} if next_url else {})})


def test_the_sign_in_page_is_in_chinese(citizen):
    response = citizen.get("/accounts/login/")

    assert response.status_code == 200
    text = response.content.decode()
    assert "<title>登录 - 徐泾镇政务公开</title>" in text
    assert "用户名" in text and "密码" in text and "忘记密码" in text


def test_an_enterprise_user_signs_in_and_lands_on_my_page(citizen):
    make_enterprise_user("qiye-a")

    response = sign_in(citizen, "qiye-a")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/me/"
    assert citizen.get("/accounts/me/").status_code == 200


def test_signing_in_returns_to_the_targeted_document(citizen):
    group = AudienceGroupFactory()
    document = make_targeted_document(group, title="面向联络员的定向通知")
    make_enterprise_user("qiye-a", group)

    response = sign_in(citizen, "qiye-a", next_url=document.get_absolute_url())

    assert response["Location"] == document.get_absolute_url()
    assert "面向联络员的定向通知" in citizen.get(document.get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    "next_url", ["https://evil.example/steal", "//evil.example/", "http://testserver.evil.example/"]
)
def test_it_refuses_to_redirect_to_another_site(citizen, next_url):
    make_enterprise_user("qiye-a")

    response = sign_in(citizen, "qiye-a", next_url=next_url)

    assert response.status_code == 302
    assert response["Location"] == "/accounts/me/"


def test_a_wrong_password_says_so_in_chinese_and_keeps_the_username(citizen):
    make_enterprise_user("qiye-a")

    response = sign_in(citizen, "qiye-a", password="wrong-password")

    assert response.status_code == 200
    text = response.content.decode()
    assert "用户名或密码不正确" in text
    assert 'value="qiye-a"' in text
    assert citizen.get("/accounts/me/").status_code == 302


def test_an_inactive_account_cannot_sign_in(citizen):
    make_enterprise_user("qiye-a", is_active=False)

    response = sign_in(citizen, "qiye-a")

    assert response.status_code == 200
    assert citizen.get("/accounts/me/").status_code == 302


def test_staff_may_sign_in_here_and_my_page_links_to_the_admin(citizen, organisation):
    make_staff(roles.DRAFTER, organisation, "drafter")

    sign_in(citizen, "drafter")
    response = citizen.get("/accounts/me/")

    assert response.status_code == 200
    assert 'href="/admin/"' in response.content.decode()
    assert "工作人员账号" in response.content.decode()


def test_the_header_offers_sign_in_with_the_way_back(citizen):
    response = citizen.get("/documents/?page=2")

    # The path only: the page's query (whatever a visitor typed) is not echoed into the link.
    assert 'href="/accounts/login/?next=/documents/"' in response.content.decode()


def test_the_header_shows_my_page_the_name_and_sign_out_when_signed_in(citizen):
    make_enterprise_user("qiye-a", last_name="王", first_name="小明")
    sign_in(citizen, "qiye-a")

    text = citizen.get("/").content.decode()

    assert 'href="/accounts/me/"' in text
    assert "王小明" in text
    assert 'action="/accounts/logout/"' in text
    assert ">登录</a>" not in text
