from __future__ import annotations

import re

import pytest
from django.core import mail
from django.core.cache import cache

from factories import make_enterprise_user

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Xujing-New-Password-2024"
SITE_URL = "https://gk.xujing.example.gov.cn"


@pytest.fixture(autouse=True)
def fresh_rate_limits(settings):
    settings.SITE_URL = SITE_URL
    cache.clear()
    yield
    cache.clear()


def request_reset(client, email: str):
    return client.post("/accounts/password/reset/", {"email": email})


def test_a_reset_link_is_mailed_and_sets_a_new_password(citizen):
    user = make_enterprise_user("qiye-a", email="lianluoyuan@example.com")

    response = request_reset(citizen, "lianluoyuan@example.com")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/password/reset/sent/"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["lianluoyuan@example.com"]
    assert message.subject == "徐泾镇政务公开门户：重设密码"
    assert "qiye-a" in message.body
    link = re.search(rf"{re.escape(SITE_URL)}(/accounts/password/reset/\S+/)", message.body).group(1)

    form_page = citizen.get(link, follow=True)
    assert "设置新密码" in form_page.content.decode()
    done = citizen.post(form_page.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    assert done["Location"] == "/accounts/password/reset/done/"
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    # The link works once.
    assert "链接无效" in citizen.get(link, follow=True).content.decode()


def test_an_unknown_address_gets_the_same_answer_and_no_mail(citizen):
    response = request_reset(citizen, "nobody@example.com")

    assert response["Location"] == "/accounts/password/reset/sent/"
    assert mail.outbox == []


def test_the_link_is_built_from_the_site_url_not_the_host_header(citizen, settings):
    settings.ALLOWED_HOSTS = ["testserver", "attacker.example"]
    make_enterprise_user("qiye-a", email="lianluoyuan@example.com")

    citizen.post("/accounts/password/reset/", {"email": "lianluoyuan@example.com"}, HTTP_HOST="attacker.example")

    assert "attacker.example" not in mail.outbox[0].body
    assert f"{SITE_URL}/accounts/password/reset/" in mail.outbox[0].body


def test_too_many_requests_from_one_address_are_refused_in_chinese(citizen, settings):
    settings.ACCOUNTS_PASSWORD_RESET_RATE = "2/h"
    make_enterprise_user("qiye-a", email="lianluoyuan@example.com")
    for _ in range(2):
        request_reset(citizen, "lianluoyuan@example.com")

    response = request_reset(citizen, "lianluoyuan@example.com")

    assert response.status_code == 429
    assert "请求过于频繁" in response.content.decode()
    assert 'value="lianluoyuan@example.com"' in response.content.decode()
    assert len(mail.outbox) == 2
