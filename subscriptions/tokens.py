"""Signed links: confirm (expiring), manage all of an address's subscriptions, unsubscribe.

Each kind has its own salt, so one link cannot stand for another. The address is never in
a link: only the subscriber's id, signed with SECRET_KEY.
"""

from __future__ import annotations

import datetime as dt
import time

from django.conf import settings
from django.core import signing
from django.urls import reverse

CONFIRM_SALT = "subscriptions.confirm"
MANAGE_SALT = "subscriptions.manage"
UNSUBSCRIBE_SALT = "subscriptions.unsubscribe"
CONFIRM_MAX_AGE = dt.timedelta(days=3)


class BadToken(Exception):
    """The link is altered, of another kind, or (for confirmation) expired."""


def confirm_token(subscriber_id: int) -> str:
    return signing.dumps({"s": subscriber_id, "t": time.time()}, salt=CONFIRM_SALT)


def read_confirm_token(token: str) -> tuple[int, dt.datetime]:
    """The subscriber id and when the link was issued (to confirm only what it was sent for)."""
    try:
        data = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
        return int(data["s"]), dt.datetime.fromtimestamp(float(data["t"]), tz=dt.UTC)
    except (signing.BadSignature, ValueError, TypeError, KeyError):
        raise BadToken from None


def manage_token(subscriber_id: int) -> str:
    return signing.dumps({"s": subscriber_id}, salt=MANAGE_SALT)


def read_manage_token(token: str) -> int:
    try:
        return int(signing.loads(token, salt=MANAGE_SALT)["s"])
    except (signing.BadSignature, ValueError, TypeError, KeyError):
        raise BadToken from None


def unsubscribe_token(subscriber_id: int) -> str:
    return signing.dumps({"s": subscriber_id}, salt=UNSUBSCRIBE_SALT)


def read_unsubscribe_token(token: str) -> int:
    try:
        return int(signing.loads(token, salt=UNSUBSCRIBE_SALT)["s"])
    except (signing.BadSignature, ValueError, TypeError, KeyError):
        raise BadToken from None


def absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def confirm_url(subscriber_id: int) -> str:
    return absolute(reverse("subscriptions:confirm", args=[confirm_token(subscriber_id)]))


def manage_url(subscriber_id: int) -> str:
    return absolute(reverse("subscriptions:manage", args=[manage_token(subscriber_id)]))


def unsubscribe_url(subscriber_id: int) -> str:
    return absolute(reverse("subscriptions:unsubscribe", args=[unsubscribe_token(subscriber_id)]))
