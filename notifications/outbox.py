"""The outbox: notices written in the caller's transaction.

``notify`` writes a row; after commit the delivery task is queued
(``notifications.tasks.deliver_outbox_message``). If the broker is down, queuing fails
quietly (the request that caused the notice still succeeds) and the periodic
``deliver_outbox`` task sends the row later. Sending, and what is guaranteed about it,
is in ``notifications.delivery``.

Other apps' services import this module only.
"""

from __future__ import annotations

import logging

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction

from organisations.models import Organisation

from .models import OutboxMessage
from .tasks import deliver_outbox_message

logger = logging.getLogger(__name__)


def notify(
    *,
    recipients: list[str],
    subject: str,
    body: str,
    key: str,
    confidential: bool = False,
    headers: dict[str, str] | None = None,
) -> OutboxMessage | None:
    """Write one message. None when there is no recipient or ``key`` was used before.

    ``confidential``: the body holds a credential for the recipient alone (a query code):
    the admin does not show it, and it is cleared once the message is sent.
    ``headers``: extra e-mail headers (List-Unsubscribe of RFC 8058); Message-ID stays the outbox's."""
    recipients = sorted({address.strip() for address in recipients if address and address.strip()})
    if not recipients:
        return None
    try:
        with transaction.atomic():
            message = OutboxMessage.objects.create(
                key=key,
                recipients=recipients,
                subject=subject,
                body=body,
                confidential=confidential,
                headers=dict(headers or {}),
            )
    except IntegrityError:
        return None  # the same key: already written
    transaction.on_commit(lambda: queue_delivery(message.pk))
    return message


def organisation_addresses(organisation: Organisation) -> list[str]:
    """E-mail addresses of the organisation's active staff."""
    users = (
        get_user_model()
        .objects.filter(staff_profile__organisation=organisation, is_active=True, is_staff=True)
        .exclude(email="")
    )
    return sorted(set(users.values_list("email", flat=True)))


def group_addresses(groups: list[str]) -> list[str]:
    """E-mail addresses of the active staff in any of these role groups."""
    users = get_user_model().objects.filter(groups__name__in=groups, is_active=True, is_staff=True).exclude(email="")
    return sorted(set(users.values_list("email", flat=True)))


def notify_organisation(*, organisation: Organisation, subject: str, body: str, key: str) -> list[OutboxMessage]:
    """One message per staff member of ``organisation`` (so nobody sees the
    others' addresses); the same key again adds messages only for new staff."""
    return notify_each(organisation_addresses(organisation), subject=subject, body=body, key=key)


def notify_each(addresses: list[str], *, subject: str, body: str, key: str) -> list[OutboxMessage]:
    """One message per address, keyed by ``key`` and the address."""
    messages = []
    for address in addresses:
        message = notify(recipients=[address], subject=subject, body=body, key=f"{key}|{address}"[:200])
        if message:
            messages.append(message)
    return messages


def queue_delivery(message_id: int) -> None:
    """Queue the delivery task; a broker that is down is logged, not raised."""
    try:
        deliver_outbox_message.apply_async(args=[message_id], retry=False)
    except Exception:  # kombu raises OperationalError and friends when the broker is down
        logger.warning("Broker unavailable; outbox message %s will be sent by the periodic task.", message_id)
