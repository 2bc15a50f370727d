"""The signed acknowledgement link of a relay package: the package id, signed with
SECRET_KEY under its own salt, valid RELAY_ACK_LINK_DAYS. No address is in the link."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core import signing
from django.urls import reverse

ACK_SALT = "relay.acknowledge"


class BadToken(Exception):
    """The link is altered or of another kind."""


class ExpiredToken(BadToken):
    """The link was genuine but is older than RELAY_ACK_LINK_DAYS."""


def ack_token(package_id: int) -> str:
    return signing.dumps({"p": package_id}, salt=ACK_SALT)


def read_ack_token(token: str) -> int:
    try:
        data = signing.loads(token, salt=ACK_SALT, max_age=dt.timedelta(days=settings.RELAY_ACK_LINK_DAYS))
        return int(data["p"])
    except signing.SignatureExpired:
        raise ExpiredToken from None
    except (signing.BadSignature, ValueError, TypeError, KeyError):
        raise BadToken from None


def absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def ack_url(package_id: int) -> str:
    return absolute(reverse("relay:acknowledge", args=[ack_token(package_id)]))
