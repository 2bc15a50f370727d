from __future__ import annotations

import datetime as dt
import re

from django.utils import timezone

from factories import PolicyDocumentFactory
from notifications.models import OutboxMessage
from subscriptions import services
from subscriptions.models import Frequency, Subscriber


def subscribe(email: str, *choices: services.Choice, frequency: str = Frequency.IMMEDIATE, user=None) -> Subscriber:
    return services.subscriber_subscribe(email=email, choices=list(choices), frequency=frequency, user=user).subscriber


def confirmed(email: str, *choices: services.Choice, frequency: str = Frequency.IMMEDIATE) -> Subscriber:
    subscriber = subscribe(email, *choices, frequency=frequency)
    services.subscriptions_confirm(subscriber=subscriber, issued_at=timezone.now())
    return subscriber


def publish(**fields):
    """A document published just now (after the subscriptions above were confirmed)."""
    fields.setdefault("status", "published")
    fields.setdefault("published_at", timezone.now() + dt.timedelta(microseconds=1))
    return PolicyDocumentFactory(**fields)


def run(frequency: str = Frequency.IMMEDIATE, *, later: dt.timedelta = dt.timedelta(seconds=1)) -> int:
    now = timezone.now() + later
    services.items_match_new(now=now)
    return services.digests_send(frequency=frequency, now=now)


def digests() -> list[OutboxMessage]:
    return list(OutboxMessage.objects.filter(key__startswith="subscriptions.digest").order_by("id"))


def link(body: str, name: str) -> str:
    """The path of the first /subscriptions/<name>/<token>/ link in an e-mail body."""
    return path_of(re.search(rf"https?://\S+/subscriptions/{name}/\S+/", body).group(0))


def path_of(url: str) -> str:
    return "/" + url.split("://", 1)[1].split("/", 1)[1]
