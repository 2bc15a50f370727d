"""Secure headers, password hashing and the admin login lock-out."""

from __future__ import annotations

import pytest
from django.conf import settings

from factories import UserFactory, make_staff
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


# --- behind the reverse proxy: the client's address, not the proxy's ---------------------

PROXY = "10.0.0.2"


def log_in_as(client, username: str, password: str, client_address: str | None = None, **extra):
    if client_address is not None:
        extra["HTTP_X_FORWARDED_FOR"] = client_address
    return client.post(
        "/admin/login/?next=/admin/", {"username": username, "password": password}, REMOTE_ADDR=PROXY, **extra
    )


@pytest.fixture
def two_staff(organisation):
    return make_staff(roles.DRAFTER, organisation, "drafter"), make_staff(roles.SIGNER, organisation, "signer")


@pytest.mark.parametrize("proxies", [0, 1])
def test_an_attacker_guessing_one_name_does_not_lock_out_another_staff_member(citizen, settings, two_staff, proxies):
    settings.PORTAL_TRUSTED_PROXY_COUNT = proxies
    attacker = "198.51.100.66" if proxies else None
    for _ in range(settings.AXES_FAILURE_LIMIT + 2):
        log_in_as(citizen, "drafter", "wrong-password", attacker)

    colleague = log_in_as(citizen, "signer", PASSWORD, "203.0.113.20" if proxies else None)

    assert colleague.status_code == 302


def test_behind_a_proxy_the_attackers_address_is_locked_not_the_proxys(citizen, settings, two_staff):
    settings.PORTAL_TRUSTED_PROXY_COUNT = 1
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in_as(citizen, "drafter", "wrong-password", "198.51.100.66")

    from_attacker = log_in_as(citizen, "drafter", PASSWORD, "198.51.100.66")
    from_the_drafters_office = log_in_as(citizen, "drafter", PASSWORD, "203.0.113.21")

    assert from_attacker.status_code == 429
    assert from_the_drafters_office.status_code == 302


def test_a_spoofed_forwarded_for_from_a_direct_client_does_not_escape_the_lock(citizen, settings, two_staff):
    settings.PORTAL_TRUSTED_PROXY_COUNT = 0
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        log_in_as(citizen, "drafter", "wrong-password", f"192.0.2.{attempt}")

    response = log_in_as(citizen, "drafter", PASSWORD, "192.0.2.200")

    assert response.status_code == 429


def test_behind_a_proxy_a_client_cannot_choose_its_address_by_prepending_to_the_header(citizen, settings, two_staff):
    settings.PORTAL_TRUSTED_PROXY_COUNT = 1
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        # The proxy appends the real address; what the client wrote comes first.
        log_in_as(citizen, "drafter", "wrong-password", f"192.0.2.{attempt}, 198.51.100.66")

    response = log_in_as(citizen, "drafter", PASSWORD, "192.0.2.200, 198.51.100.66")

    assert response.status_code == 429
