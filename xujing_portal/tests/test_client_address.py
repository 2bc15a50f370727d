"""The client's address behind the reverse proxy, as the public forms' rate limits see it."""

from __future__ import annotations

import uuid

import pytest
from django.test import RequestFactory
from django_ratelimit.core import is_ratelimited

from xujing_portal.client_address import client_ip

PROXY = "10.0.0.2"


def request(forwarded: str | None = None, remote: str = PROXY):
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return RequestFactory().post("/consultations/", REMOTE_ADDR=remote, **extra)


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "198.51.100.1", PROXY),  # no proxy configured: the header is the client's own word
        (1, "198.51.100.1", "198.51.100.1"),
        (1, "6.6.6.6, 198.51.100.1", "198.51.100.1"),  # what the client prepended is ignored
        (2, "6.6.6.6, 198.51.100.1, 10.0.0.9", "198.51.100.1"),
        (2, "198.51.100.1", PROXY),  # fewer entries than proxies: not through every proxy
        (1, "not-an-address", PROXY),
        (1, "", PROXY),
        (1, None, PROXY),
    ],
)
def test_the_client_address_is_taken_from_the_trusted_proxies_only(settings, proxies, forwarded, expected):
    settings.PORTAL_TRUSTED_PROXY_COUNT = proxies

    assert client_ip(request(forwarded)) == expected


@pytest.fixture
def limited():
    """A limit of 2 an hour under a group of this test's own (the cache may be a shared Redis)."""
    group = f"test.board.{uuid.uuid4()}"
    return lambda req: is_ratelimited(req, group=group, key="ip", rate="2/h", method="POST", increment=True)


def test_behind_a_proxy_each_citizen_has_their_own_limit(settings, limited):
    settings.PORTAL_TRUSTED_PROXY_COUNT = 1

    first = [limited(request("198.51.100.1")) for _ in range(3)]
    second = limited(request("198.51.100.2"))

    assert first == [False, False, True]
    assert second is False


def test_without_a_proxy_setting_a_forged_header_does_not_buy_more_posts(settings, limited):
    settings.PORTAL_TRUSTED_PROXY_COUNT = 0

    answers = [limited(request(f"198.51.100.{i}", remote="203.0.113.5")) for i in range(3)]

    assert answers == [False, False, True]
