"""Sending what the outbox holds.

Every delivery claims its row with a conditional update, so a row queued twice, or
picked up by both the after-commit task and the periodic one, is sent once.

What is guaranteed: no message is lost, and a message is handed to the mail server
once, except across a crash in one window. A worker that dies after the mail server
took the message but before the row is marked sent leaves the row claimed; once the
claim expires (CLAIM_TIMEOUT) the message is sent again. The re-send carries the same
Message-ID header (derived from the outbox key), so mail systems and readers can
recognise it. Every attempt is counted when its row is claimed, so the admin shows
the re-send as a second attempt.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from email.utils import parseaddr

from django.conf import settings
from django.core.mail import EmailMessage
from django.db.models import F, Q
from django.utils import timezone

from .models import OutboxMessage

logger = logging.getLogger(__name__)

# A claim older than this is taken to belong to a worker that died mid-send. It must
# outlast the slowest hand-over a live worker can make (the SMTP connection and each
# exchange are bounded by EMAIL_TIMEOUT, 30 s by default, and a message takes a few of
# them): a shorter claim would let a second worker send a message the first is still
# sending. Longer only delays the re-send after a crash.
CLAIM_TIMEOUT = dt.timedelta(minutes=10)
MAX_ATTEMPTS = 10


CLEARED_BODY = "（正文含只给收件人本人的凭证，已于发送后清除。）"


def message_id_header(key: str) -> str:
    """The Message-ID of the e-mail written under ``key``: the same for every attempt."""
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "xujing-portal.invalid"
    return f"<outbox.{hashlib.sha256(key.encode()).hexdigest()[:40]}@{domain}>"


def deliver(message_id: int) -> bool:
    """Send one message if nobody else is sending or has sent it. True if sent now."""
    now = timezone.now()
    claimable = OutboxMessage.objects.filter(
        Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - CLAIM_TIMEOUT),
        pk=message_id,
        sent_at__isnull=True,
        attempts__lt=MAX_ATTEMPTS,
    )
    # The attempt is counted with the claim, before the hand-over: a worker killed during
    # it still leaves its attempt on record.
    if not claimable.update(claimed_at=now, attempts=F("attempts") + 1):
        return False
    message = OutboxMessage.objects.get(pk=message_id)
    try:
        EmailMessage(
            subject=message.subject,
            body=message.body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=message.recipients,
            headers={**message.headers, "Message-ID": message_id_header(message.key)},
        ).send()
    except Exception as exc:
        logger.exception("Outbox message %s could not be sent.", message_id)
        OutboxMessage.objects.filter(pk=message_id).update(claimed_at=None, last_error=str(exc)[:500])
        return False
    sent = {"sent_at": timezone.now(), "last_error": ""}
    if message.confidential:
        sent["body"] = CLEARED_BODY
        sent["headers"] = {}  # an unsubscribe link is a credential too
    OutboxMessage.objects.filter(pk=message_id).update(**sent)
    return True


def pending_ids() -> list[int]:
    now = timezone.now()
    return list(
        OutboxMessage.objects.filter(sent_at__isnull=True, attempts__lt=MAX_ATTEMPTS)
        .exclude(claimed_at__gte=now - CLAIM_TIMEOUT)
        .order_by("id")
        .values_list("id", flat=True)
    )


def deliver_pending() -> int:
    """Send every message not sent yet (after a broker outage). Returns how many."""
    return sum(deliver(message_id) for message_id in pending_ids())
