"""Secure headers, password hashing and the admin login lock-out."""

from __future__ import annotations

import pytest
from django.conf import settings

from documents.tests.factories import UserFactory, make_staff
from organisations import roles

pytestmark = pytest.mark.django_db

PASSWORD = "test-password-123"


def directives(header: str) -> dict[str, list[str]]:
    parsed = {}
    for directive in header.split(";"):
        name, *values = directive.split()
        parsed[name] = values
    return parsed


@pytest.mark.parametrize("path", ["/", "/documents/", "/admin/login/", "/api/documents/"])
def test_every_response_carries_a_content_security_policy_without_inline_scripts(citizen, path):
    response = citizen.get(path)

    policy = directives(response["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'"]
    assert "'unsafe-inline'" not in policy["default-src"]
    assert policy["frame-ancestors"] == ["'none'"]


@pytest.mark.parametrize("path", ["/", "/admin/login/"])
def test_pages_cannot_be_framed_or_sniffed(citizen, path):
    response = citizen.get(path)

    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.argon2
def test_passwords_are_hashed_with_argon2():
    user = UserFactory(username="zhang-san")
    user.set_password(PASSWORD)
    user.save(update_fields=["password"])

    user.refresh_from_db()
    assert user.password.startswith("argon2")
    assert user.check_password(PASSWORD)


def log_in(client, password: str):
    return client.post("/admin/login/?next=/admin/", {"username": "drafter", "password": password})


def test_the_admin_login_works_with_fewer_failures_than_the_limit(citizen, organisation):
    make_staff(roles.DRAFTER, organisation, "drafter")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert log_in(citizen, "wrong-password").status_code == 200

    response = log_in(citizen, PASSWORD)

    assert response.status_code == 302
    assert citizen.get("/admin/").status_code == 200


def test_the_admin_login_locks_after_the_failure_limit(citizen, organisation):
    make_staff(roles.DRAFTER, organisation, "drafter")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(citizen, "wrong-password")

    response = log_in(citizen, PASSWORD)

    assert response.status_code == 429
    assert "账号已暂时锁定" in response.content.decode()
    assert citizen.get("/admin/").status_code == 302  # still sent to the login page
