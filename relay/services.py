"""Every write of the relay push (政策"接力"推送, item 7).

Matching newly published policies to partners is a periodic task
(``policies_match_new``), not a hook in the document workflow; staff can also send the
packages of one policy (``packages_send``, the admin action and the staff page). A
package is unique per policy and partner, so nothing is sent twice. Each package starts
a deadline (``deadlines`` engine, kind ``relay_ack``): the partner confirms within
RELAY_ACK_WORKING_DAYS working days; once it is overdue the partner gets one reminder
(``reminders_send``) and staff see it overdue. Partner contacts are never logged.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import logging
import re

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.html import strip_tags

from deadlines import services as deadlines
from deadlines.models import Deadline
from documents.models import PolicyDocument
from interpretations.models import Interpretation
from notifications import outbox
from xujing_portal import pagecache

from . import tokens
from .models import Channel, PolicyRelay, RelayPackage, RelayPartner

logger = logging.getLogger(__name__)

DEADLINE_KIND = "relay_ack"
LEGAL_BASIS = "《徐泾镇2023年政务公开工作要点》：建立政策“接力”推送机制，依托行业协会、产业园区等把政策精准推送到企业。"
MATCH_BATCH = 100
AUDIENCE_DIMENSION = "audience"  # the TagDimension slug of 对象


class RelayRefused(Exception):
    """A package cannot be sent for this policy (not public, or it needs no relay)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# --- Partners ------------------------------------------------------------------------


@transaction.atomic
def partner_save(*, partner: RelayPartner, changed: list[str] | None = None) -> RelayPartner:
    """Add or change a partner (the admin's form). Public pages drop their cached copy when
    what they show of a partner changes: its name, kind, consent or whether it is active."""
    creating = partner.pk is None
    partner.full_clean(exclude=["tags", "industries"])
    partner.save()
    if creating or set(changed or []) & {"name", "kind", "public_consent", "active"}:
        pagecache.changed()
    return partner


@transaction.atomic
def partner_set_coverage(*, partner: RelayPartner, tags, industries) -> RelayPartner:
    partner.tags.set(tags)
    partner.industries.set(industries)
    return partner


# --- Relay records and key points -----------------------------------------------------

_PHONE = re.compile(r"(?<!\d)0\d{2,3}-\d{7,8}(?!\d)")
_TIME_LIMIT = re.compile(r"[^。；;\n]*?\d+\s*个工作日[^。；;\n]*")


def prefill_key_points(document: PolicyDocument) -> dict[str, str]:
    """What the document (and its published interpretation) already say of the key points:
    适用对象 from the interpretation's scope or the document's 对象 tags, 申报条件 from its
    criteria or how-to, 办理时限 and 咨询电话 found in the texts. Staff complete the rest."""
    interpretation = published_interpretation(document)
    audience = [tag.name for tag in document.tags.all() if tag.dimension.slug == AUDIENCE_DIMENSION]
    texts = [document.body, document.summary]
    if interpretation:
        texts = [interpretation.how_to_apply, interpretation.procedures, interpretation.body, *texts]
    text = "\n".join(_plain(part) for part in texts if part)
    time_limit = _TIME_LIMIT.search(text)
    phone = _PHONE.search(text)
    scope = _plain(interpretation.scope) if interpretation else ""
    conditions = _plain(interpretation.criteria or interpretation.how_to_apply) if interpretation else ""
    return {
        "applicable_to": scope or "、".join(audience),
        "conditions": conditions,
        "time_limit": time_limit.group(0).strip()[:200] if time_limit else "",
        "consult_phone": phone.group(0) if phone else "",
    }


def _plain(markup: str) -> str:
    """The text of a (sanitised) HTML field, one paragraph a line."""
    text = html.unescape(strip_tags(re.sub(r"</p>|<br\s*/?>", "\n", markup or "")))
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def published_interpretation(document: PolicyDocument) -> Interpretation | None:
    return document.interpretations.published().order_by("-published_at", "-id").first()


@transaction.atomic
def relay_ensure(*, document: PolicyDocument) -> PolicyRelay:
    """The policy's relay record, created with its key points prefilled."""
    relay = PolicyRelay.objects.filter(document=document).first()
    if relay:
        return relay
    relay = PolicyRelay(document=document, **prefill_key_points(document))
    relay.full_clean(exclude=["document"])
    try:
        with transaction.atomic():
            relay.save()
    except IntegrityError:  # created meanwhile by another process
        return PolicyRelay.objects.get(document=document)
    return relay


@transaction.atomic
def relay_update_key_points(
    *, relay: PolicyRelay, applicable_to: str, conditions: str, time_limit: str, consult_phone: str
) -> PolicyRelay:
    relay.applicable_to, relay.conditions = applicable_to.strip(), conditions.strip()
    relay.time_limit, relay.consult_phone = time_limit.strip(), consult_phone.strip()
    relay.full_clean()
    relay.save(update_fields=["applicable_to", "conditions", "time_limit", "consult_phone", "updated_at"])
    return relay


@transaction.atomic
def relay_decide_no_relay(*, document: PolicyDocument, reason: str, user: AbstractBaseUser) -> PolicyRelay:
    """Record that the policy needs no relay; the reason is required. No package is sent
    for it afterwards, and the confirmations still awaited are no longer chased."""
    reason = (reason or "").replace("\x00", "").strip()
    if not reason:
        raise ValidationError(
            {"reason": "请填写无需接力的理由（例如：仅涉及镇内部管理，不涉及企业）。"}, code="required"
        )
    relay = relay_ensure(document=document)
    relay.no_relay_reason = reason[:1000]
    relay.no_relay_decided_at = timezone.now()
    relay.no_relay_decided_by = user
    relay.save(update_fields=["no_relay_reason", "no_relay_decided_at", "no_relay_decided_by", "updated_at"])
    _stop_chasing(relay.packages.all(), reason="已决定本政策无需接力")
    return relay


def relay_withdraw_with(*, document: PolicyDocument, reason: str = "") -> int:
    """The policy was withdrawn: the confirmations still awaited are no longer chased, so
    neither the partners nor the policy's office hear of them again. Returns how many
    deadlines were closed."""
    note = f"政策已撤回：{reason}" if reason else "政策已撤回"
    return _stop_chasing(RelayPackage.objects.filter(relay__document=document), reason=note)


def _stop_chasing(packages, *, reason: str) -> int:
    """Cancel the confirmation deadlines of the packages not yet confirmed; how many closed."""
    return sum(
        deadlines.deadline_cancel(subject=package, kind=DEADLINE_KIND, reason=reason) is not None
        for package in packages.unacknowledged()
    )


# --- Sending ---------------------------------------------------------------------------


def matching_partners(document: PolicyDocument, *, registered_by: dt.datetime | None = None):
    """Active partners covering one of the document's tags or industries; with
    ``registered_by``, only those registered by then (the periodic match's rule)."""
    partners = RelayPartner.objects.active().covering([tag.pk for tag in document.tags.all()])
    if registered_by is not None:
        partners = partners.filter(created_at__lte=registered_by)
    return partners.order_by("kind", "name")


def _check_relayable(document: PolicyDocument, relay: PolicyRelay) -> None:
    if not document.is_public:
        raise RelayRefused("只有已公开发布的政策可以发送接力包。")
    if relay.needs_no_relay:
        raise RelayRefused(f"已记录本政策无需接力（理由：{relay.no_relay_reason}），不再发送接力包。")


@dataclasses.dataclass
class SendResult:
    sent: int
    already: int


@transaction.atomic
def packages_send(
    *,
    document: PolicyDocument,
    user: AbstractBaseUser | None = None,
    registered_by: dt.datetime | None = None,
) -> SendResult:
    """Send the relay package to every matching partner that has not had it (at most one
    package per policy and partner, however often this runs)."""
    relay = relay_ensure(document=document)
    _check_relayable(document, relay)
    sent = already = 0
    for partner in matching_partners(document, registered_by=registered_by):
        if package_send(relay=relay, partner=partner, user=user):
            sent += 1
        else:
            already += 1
    return SendResult(sent=sent, already=already)


def package_send(*, relay: PolicyRelay, partner: RelayPartner, user: AbstractBaseUser | None = None) -> bool:
    """One package, once: False if the partner already has this policy's package."""
    try:
        with transaction.atomic():
            package = RelayPackage.objects.create(relay=relay, partner=partner, sent_by=user)
    except IntegrityError:
        return False
    outbox.notify(
        recipients=[partner.contact_email],
        subject=f"【政策接力】{relay.document.title}",
        body=package_text(package),
        key=f"relay.package|{package.pk}",
        confidential=True,  # the acknowledgement link is the partner's alone
    )
    deadlines.deadline_start(
        subject=package,
        kind=DEADLINE_KIND,
        purpose=f"接力单位确认转发《{relay.document.title}》（{partner.name}）"[:300],
        legal_basis=LEGAL_BASIS,
        start=timezone.localdate(package.sent_at),
        working_days=settings.RELAY_ACK_WORKING_DAYS,
        organisation=relay.document.organisation,
        remind_before=0,
    )
    return True


def _key_points(relay: PolicyRelay) -> str:
    rows = [
        ("适用对象", relay.applicable_to),
        ("申报条件", relay.conditions),
        ("办理时限", relay.time_limit),
        ("咨询电话", relay.consult_phone),
    ]
    return "\n".join(f"{label}：{value or '（见政策原文）'}" for label, value in rows)


def package_text(package: RelayPackage) -> str:
    relay, document = package.relay, package.relay.document
    interpretation = published_interpretation(document)
    lines = [
        f"{package.partner.name}：",
        "",
        "徐泾镇新发布了一份与贵单位联系的企业相关的政策，请协助转发给企业（政策“接力”推送）。",
        "",
        f"政策：{document.title}" + (f"（{document.doc_number}）" if document.doc_number else ""),
        f"发文机关：{document.issuing_organisation.name}",
        f"原文：{tokens.absolute(document.get_absolute_url())}",
    ]
    if interpretation:
        lines.append(f"政策解读：{interpretation.title} {tokens.absolute(interpretation.get_absolute_url())}")
    if document.summary:
        lines += ["", f"内容摘要：{document.summary}"]
    lines += [
        "",
        "要点：",
        _key_points(relay),
        "",
        f"转发后，请在 {settings.RELAY_ACK_WORKING_DAYS} 个工作日内打开下面的链接，填写覆盖企业数、转发渠道和日期（无需登录）：",
        tokens.ack_url(package.pk),
        "",
        "此链接仅供贵单位使用，请勿转发。",
        "",
        "徐泾镇政务公开",
    ]
    return "\n".join(lines) + "\n"


def _candidates(now: dt.datetime):
    since = now - dt.timedelta(days=settings.RELAY_MATCH_WINDOW_DAYS)
    return (
        PolicyDocument.objects.public(now)
        .filter(published_at__gte=since)
        .exclude(relay__matched_at__isnull=False)
        .order_by("published_at", "pk")
    )


def policies_match_new(*, now: dt.datetime | None = None, limit: int = MATCH_BATCH) -> int:
    """Match the public policies published within RELAY_MATCH_WINDOW_DAYS and not matched
    yet, each once, in its own transaction; returns how many packages were sent. Only
    partners registered by the policy's publication count (an older policy reaches a new
    partner through the staff action). Safe to run twice: a policy is claimed with a
    conditional update of its ``matched_at``."""
    now = now or timezone.now()
    sent = 0
    for document_id in list(_candidates(now).values_list("pk", flat=True)[:limit]):
        sent += policy_match(document_id=document_id, now=now)
    return sent


@transaction.atomic
def policy_match(*, document_id: int, now: dt.datetime) -> int:
    document = PolicyDocument.objects.prefetch_related("tags__dimension").get(pk=document_id)
    relay = relay_ensure(document=document)
    if not PolicyRelay.objects.filter(pk=relay.pk, matched_at__isnull=True).update(matched_at=now):
        return 0
    if relay.needs_no_relay:
        return 0
    try:
        return packages_send(document=document, registered_by=document.published_at).sent
    except RelayRefused:
        return 0


# --- Acknowledgement ---------------------------------------------------------------------


@transaction.atomic
def package_acknowledge(*, package: RelayPackage, enterprises_reached: int, channel: str, relayed_on: dt.date) -> bool:
    """The partner confirms the relay. A second confirmation updates the figures (a partner
    may reach more enterprises later); returns True the first time."""
    package = RelayPackage.objects.select_for_update().select_related("partner").get(pk=package.pk)
    first = package.acknowledged_at is None
    package.enterprises_reached = enterprises_reached
    package.channel = Channel(channel)
    package.relayed_on = relayed_on
    package.acknowledgement_count += 1
    if first:
        package.acknowledged_at = timezone.now()
    package.full_clean()
    package.save(
        update_fields=["enterprises_reached", "channel", "relayed_on", "acknowledgement_count", "acknowledged_at"]
    )
    if first:
        deadlines.deadline_meet(subject=package, kind=DEADLINE_KIND)
    if package.partner.public_consent:
        pagecache.changed()
    return first


# --- Reminders ---------------------------------------------------------------------------


def overdue_package_ids(today: dt.date | None = None) -> list[int]:
    """Unconfirmed packages whose confirmation deadline has passed (the deadline engine's
    ``overdue``: due date before today)."""
    content_type = ContentType.objects.get_for_model(RelayPackage)
    ids = Deadline.objects.overdue(today).filter(kind=DEADLINE_KIND, content_type=content_type)
    return list(
        RelayPackage.objects.unacknowledged().filter(pk__in=ids.values("object_id")).values_list("pk", flat=True)
    )


def reminders_send(*, today: dt.date | None = None) -> int:
    """Remind each partner once of a package it has not confirmed past its deadline, while
    the policy is public and the partner active. Claimed with a conditional update, so two
    runs at once send one reminder."""
    now = timezone.now()
    sent = 0
    public = PolicyDocument.objects.public().values("pk")
    for package_id in overdue_package_ids(today):
        with transaction.atomic():
            claimed = RelayPackage.objects.filter(
                pk=package_id,
                reminder_sent_at__isnull=True,
                acknowledged_at__isnull=True,
                partner__active=True,
                relay__document__in=public,
            ).update(reminder_sent_at=now)
            if not claimed:
                continue
            package = RelayPackage.objects.select_related("partner", "relay__document__issuing_organisation").get(
                pk=package_id
            )
            outbox.notify(
                recipients=[package.partner.contact_email],
                subject=f"【政策接力·提醒】请确认转发：{package.relay.document.title}",
                body="提醒：我们还没有收到贵单位对下面这份政策的转发确认。如已转发，请打开链接填写；如未转发，请尽快转发。\n\n"
                + package_text(package),
                key=f"relay.reminder|{package.pk}",
                confidential=True,
            )
            sent += 1
    logger.info("Relay reminders sent: %s", sent)
    return sent
