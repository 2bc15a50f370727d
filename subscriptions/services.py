"""Every write of the subscriptions app (item 7).

Subscribing, confirming (double opt-in), unsubscribing; matching newly published
documents, newly published interpretations and decision drafts newly open for comment
against confirmed subscriptions (``items_match_new``, run by a periodic task, so neither
workflow has a hook or a signal for it); sending the owed items as immediate, daily or
weekly digests through the outbox in bounded batches (``digests_send``), one section per
sort of item. Addresses are never logged.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from collections import defaultdict
from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from decisions.models import Decision
from documents.models import DisclosureAttribute, DisclosureScope, PolicyDocument, Status
from interpretations.models import Interpretation
from notifications import outbox

from . import tokens
from .models import (
    ALL_TARGET,
    FREQUENCY_ORDER,
    Delivery,
    Frequency,
    Kind,
    MatchedDecision,
    MatchedDocument,
    MatchedInterpretation,
    Subscriber,
    Subscription,
)

logger = logging.getLogger(__name__)

MATCH_BATCH = 200
DIGEST_BATCH = 200


@dataclasses.dataclass(frozen=True)
class Choice:
    """One thing to follow: a tag, an organisation, a document type, a query, or every new
    interpretation / every decision draft opened for comment."""

    kind: str
    tag_id: int | None = None
    organisation_id: int | None = None
    doc_type: str = ""
    query: str = ""

    @property
    def target(self) -> str:
        if self.kind == Kind.TAG:
            return str(self.tag_id)
        if self.kind == Kind.ORGANISATION:
            return str(self.organisation_id)
        if self.kind == Kind.DOC_TYPE:
            return self.doc_type
        if self.kind in (Kind.INTERPRETATION, Kind.OPEN_FOR_COMMENT):
            return ALL_TARGET
        return normalise_query(self.query)


@dataclasses.dataclass
class SubscribeResult:
    subscriber: Subscriber
    created: int
    existing: int
    confirmation_sent: bool


def normalise_email(address: str) -> str:
    return address.strip().lower()


def normalise_query(query: str) -> str:
    return " ".join(query.split())[:100]


@transaction.atomic
def subscriber_subscribe(
    *, email: str, choices: Iterable[Choice], frequency: str, user: AbstractBaseUser | None = None
) -> SubscribeResult:
    """Register what an address wants to follow. Without a signed-in account nothing is
    sent until the address confirms (a signed link valid three days); a subscription the
    address already has is not added again. A signed-in user's account address needs no
    confirmation."""
    address = normalise_email(email)
    subscriber, _ = Subscriber.objects.get_or_create(email=address)
    # Only the account's own address counts as confirmed and is tied to the account.
    confirmed = user is not None and normalise_email(user.email or "") == address
    if confirmed and subscriber.user_id is None and not Subscriber.objects.filter(user=user).exists():
        subscriber.user = user
        subscriber.save(update_fields=["user"])
    existing_targets = set(subscriber.subscriptions.values_list("kind", "target"))
    created = existing = 0
    now = timezone.now()
    for choice in choices:
        if (choice.kind, choice.target) in existing_targets:
            existing += 1
            continue
        existing_targets.add((choice.kind, choice.target))
        Subscription.objects.create(
            subscriber=subscriber,
            kind=choice.kind,
            target=choice.target,
            tag_id=choice.tag_id,
            organisation_id=choice.organisation_id,
            doc_type=choice.doc_type,
            query=normalise_query(choice.query),
            frequency=frequency,
            confirmed_at=now if confirmed else None,
        )
        created += 1
    sent = False
    if not confirmed and subscriber.subscriptions.filter(confirmed_at__isnull=True).exists():
        _send_confirmation(subscriber)
        sent = True
    return SubscribeResult(subscriber=subscriber, created=created, existing=existing, confirmation_sent=sent)


def _send_confirmation(subscriber: Subscriber) -> None:
    url = tokens.confirm_url(subscriber.pk)
    body = (
        "您好：\n\n有人（希望是您本人）在徐泾镇政务公开门户用这个邮箱订阅了新公开的政策文件。\n"
        f"请在 3 天内打开下面的链接确认订阅；确认之前，我们不会给您发送任何文件：\n\n{url}\n\n"
        "如果不是您本人订阅的，请忽略本邮件，您的邮箱不会收到任何订阅邮件。\n\n徐泾镇政务公开\n"
    )
    outbox.notify(
        recipients=[subscriber.email],
        subject="请确认您的政策订阅",
        body=body,
        key=f"subscriptions.confirm|{subscriber.pk}|{timezone.now().timestamp():.6f}",
        confidential=True,
    )


@transaction.atomic
def subscriptions_confirm(*, subscriber: Subscriber, issued_at: dt.datetime) -> int:
    """Confirm the address's subscriptions registered before the link was issued. Returns how many."""
    return subscriber.subscriptions.filter(confirmed_at__isnull=True, created_at__lte=issued_at).update(
        confirmed_at=timezone.now()
    )


@transaction.atomic
def subscription_cancel(*, subscription: Subscription) -> None:
    subscriber = subscription.subscriber
    subscription.delete()
    if not subscriber.subscriptions.exists():
        _forget(subscriber)


@transaction.atomic
def subscription_set_frequency(*, subscription: Subscription, frequency: str) -> Subscription:
    subscription.frequency = Frequency(frequency)
    subscription.save(update_fields=["frequency"])
    return subscription


@transaction.atomic
def subscriber_unsubscribe_all(*, subscriber: Subscriber) -> None:
    """Every subscription of the address ends; the address is deleted (nothing kept of it)."""
    _forget(subscriber)


def _forget(subscriber: Subscriber) -> None:
    if subscriber.user_id is None:
        subscriber.delete()  # cascades to subscriptions and deliveries
    else:
        subscriber.deliveries.filter(sent_at__isnull=True).delete()
        subscriber.subscriptions.all().delete()


# --- Matching ------------------------------------------------------------------------


def _candidates(now: dt.datetime):
    return (
        PolicyDocument.objects.published(now)
        .filter(disclosure_attribute=DisclosureAttribute.PROACTIVE)
        .exclude(pk__in=MatchedDocument.objects.values("document_id"))
        .order_by("published_at", "pk")
    )


def documents_match_new(*, now: dt.datetime | None = None, limit: int = MATCH_BATCH) -> int:
    """Match up to ``limit`` newly published documents; each in its own short transaction.
    Returns how many deliveries were written. Safe to run twice (a document is claimed by
    its MatchedDocument row; a delivery is unique per subscriber and document)."""
    now = now or timezone.now()
    written = 0
    for document_id in list(_candidates(now).values_list("pk", flat=True)[:limit]):
        written += document_match(document_id=document_id)
    return written


def _deliver(per_subscriber: dict[int, str], **item: int) -> None:
    """One delivery per subscriber of the matched item (document_id, interpretation_id or
    decision_id), at that subscriber's most urgent frequency; a repeat is ignored."""
    Delivery.objects.bulk_create(
        [Delivery(subscriber_id=sid, frequency=frequency, **item) for sid, frequency in per_subscriber.items()],
        ignore_conflicts=True,
        batch_size=1000,
    )


@transaction.atomic
def document_match(*, document_id: int) -> int:
    _, claimed = MatchedDocument.objects.get_or_create(document_id=document_id)
    if not claimed:
        return 0
    document = PolicyDocument.objects.prefetch_related("tags", "target_groups").get(pk=document_id)
    per_subscriber = matching_frequencies(document)
    _deliver(per_subscriber, document_id=document_id)
    MatchedDocument.objects.filter(document_id=document_id).update(deliveries=len(per_subscriber))
    return len(per_subscriber)


def matching_frequencies(document: PolicyDocument) -> dict[int, str]:
    """Subscriber id → the most urgent frequency among its confirmed subscriptions that
    this document matches. Only subscriptions confirmed by the document's publication
    count; a 定向公开 document reaches only accounts in its groups."""
    match = (
        Q(kind=Kind.TAG, tag__in=[tag.pk for tag in document.tags.all()])
        | Q(kind=Kind.ORGANISATION, organisation_id=document.issuing_organisation_id)
        | Q(kind=Kind.DOC_TYPE, doc_type=document.doc_type)
    )
    queries = _matching_queries(document)
    if queries:
        match |= Q(kind=Kind.QUERY, target__in=queries)
    subscriptions = Subscription.objects.filter(match, confirmed_at__lte=document.published_at)
    if document.disclosure_scope == DisclosureScope.TARGETED:
        groups = [group.pk for group in document.target_groups.all()]
        subscriptions = subscriptions.filter(subscriber__user__is_active=True, subscriber__user__groups__in=groups)
    elif document.disclosure_scope != DisclosureScope.PUBLIC:
        return {}
    return _most_urgent(subscriptions)


def query_filter(documents, query: str):
    """Documents with every word of ``query`` in their title, 文号 or summary (the feed's rule,
    the same as ``_matching_queries`` for one document)."""
    for word in query.split():
        documents = documents.filter(
            Q(title__icontains=word) | Q(doc_number__icontains=word) | Q(summary__icontains=word)
        )
    return documents


def _matching_queries(document: PolicyDocument) -> list[str]:
    """The subscribed queries every word of which is in the document's title, number or summary."""
    text = " ".join([document.title, document.doc_number, document.summary]).lower()
    queries = Subscription.objects.filter(kind=Kind.QUERY, confirmed_at__isnull=False)
    return [
        query
        for query in queries.values_list("target", flat=True).distinct()
        if query and all(word.lower() in text for word in query.split())
    ]


def items_match_new(*, now: dt.datetime | None = None, limit: int = MATCH_BATCH) -> int:
    """Match every sort of new item: documents, interpretations, decisions open for comment."""
    now = now or timezone.now()
    return (
        documents_match_new(now=now, limit=limit)
        + interpretations_match_new(now=now, limit=limit)
        + decisions_match_new(now=now, limit=limit)
    )


def interpretations_match_new(*, now: dt.datetime | None = None, limit: int = MATCH_BATCH) -> int:
    """Match newly published public interpretations (the site's rule: published, and its
    policy public) against the 政策解读 subscriptions confirmed by its publication."""
    now = now or timezone.now()
    candidates = (
        Interpretation.objects.public(now)
        .exclude(pk__in=MatchedInterpretation.objects.values("interpretation_id"))
        .order_by("published_at", "pk")
    )
    written = 0
    for interpretation_id in list(candidates.values_list("pk", flat=True)[:limit]):
        written += interpretation_match(interpretation_id=interpretation_id)
    return written


@transaction.atomic
def interpretation_match(*, interpretation_id: int) -> int:
    _, claimed = MatchedInterpretation.objects.get_or_create(interpretation_id=interpretation_id)
    if not claimed:
        return 0
    interpretation = Interpretation.objects.get(pk=interpretation_id)
    subscriptions = Subscription.objects.filter(kind=Kind.INTERPRETATION, confirmed_at__lte=interpretation.published_at)
    per_subscriber = _most_urgent(subscriptions)
    _deliver(per_subscriber, interpretation_id=interpretation_id)
    MatchedInterpretation.objects.filter(interpretation_id=interpretation_id).update(deliveries=len(per_subscriber))
    return len(per_subscriber)


def decisions_match_new(*, now: dt.datetime | None = None, limit: int = MATCH_BATCH) -> int:
    """Match the public decision drafts open for comment today (``Decision.objects
    .open_for_comment``, the decisions app's rule) that were not matched yet, against the
    征求意见 subscriptions confirmed by now; each window once."""
    now = now or timezone.now()
    candidates = (
        Decision.objects.public(now)
        .open_for_comment(timezone.localdate(now))
        .exclude(pk__in=MatchedDecision.objects.values("decision_id"))
        .order_by("comment_opens_on", "pk")
    )
    written = 0
    for decision_id in list(candidates.values_list("pk", flat=True)[:limit]):
        written += decision_match(decision_id=decision_id, now=now)
    return written


@transaction.atomic
def decision_match(*, decision_id: int, now: dt.datetime) -> int:
    _, claimed = MatchedDecision.objects.get_or_create(decision_id=decision_id)
    if not claimed:
        return 0
    subscriptions = Subscription.objects.filter(kind=Kind.OPEN_FOR_COMMENT, confirmed_at__lte=now)
    per_subscriber = _most_urgent(subscriptions)
    _deliver(per_subscriber, decision_id=decision_id)
    MatchedDecision.objects.filter(decision_id=decision_id).update(deliveries=len(per_subscriber))
    return len(per_subscriber)


def _most_urgent(subscriptions) -> dict[int, str]:
    """Subscriber id → the most urgent frequency among these subscriptions."""
    best: dict[int, str] = {}
    for subscriber_id, frequency in subscriptions.values_list("subscriber_id", "frequency").distinct():
        current = best.get(subscriber_id)
        if current is None or FREQUENCY_ORDER.index(frequency) < FREQUENCY_ORDER.index(current):
            best[subscriber_id] = frequency
    return best


# --- Sending -------------------------------------------------------------------------


def deliverable(
    document: PolicyDocument, user_groups: set[int] | None, target_groups: set[int], now: dt.datetime
) -> bool:
    """Still to be sent: the document is published and, if targeted, still addressed to
    the subscriber's account (``user_groups``: its groups, None without an active account)."""
    if document.status != Status.PUBLISHED or document.published_at is None or document.published_at > now:
        return False
    if document.disclosure_scope == DisclosureScope.TARGETED:
        return bool(user_groups and user_groups & target_groups)
    return document.disclosure_scope == DisclosureScope.PUBLIC


def digests_send(*, frequency: str, now: dt.datetime | None = None, batch_size: int = DIGEST_BATCH) -> int:
    """Send every subscriber the documents owed at ``frequency``, one e-mail each, in
    batches of ``batch_size`` subscribers, each batch its own short transaction.
    Returns how many e-mails were written to the outbox."""
    now = now or timezone.now()
    sent = 0
    after = 0
    while True:
        batch = list(
            _pending(frequency)
            .filter(subscriber_id__gt=after)
            .order_by("subscriber_id")
            .values_list("subscriber_id", flat=True)
            .distinct()[:batch_size]
        )
        if not batch:
            return sent
        sent += _send_batch(frequency=frequency, subscriber_ids=batch, now=now)
        after = batch[-1]


def _pending(frequency: str):
    return Delivery.objects.filter(frequency=frequency, sent_at__isnull=True, cancelled_at__isnull=True)


@transaction.atomic
def _send_batch(*, frequency: str, subscriber_ids: list[int], now: dt.datetime) -> int:
    rows = list(
        _pending(frequency)
        .filter(subscriber_id__in=subscriber_ids)
        .select_for_update(skip_locked=True)
        .order_by("subscriber_id", "id")
        .values_list("pk", "subscriber_id", "document_id", "interpretation_id", "decision_id")
    )
    if not rows:
        return 0
    # The batch's few documents once each (not once per delivery), without their bodies.
    documents = {
        document.pk: document
        for document in PolicyDocument.objects.filter(pk__in={row[2] for row in rows if row[2]})
        .select_related("issuing_organisation")
        .only(*DIGEST_FIELDS)
    }
    # Interpretations and decisions still to be sent: still public (an interpretation withdrawn,
    # or whose policy was, is not), a decision still open for comment.
    interpretations = {
        item.pk: item
        for item in Interpretation.objects.public(now)
        .filter(pk__in={row[3] for row in rows if row[3]})
        .select_related("organisation")
        .only("title", "published_at", "organisation__name")
    }
    decisions = {
        item.pk: item
        for item in Decision.objects.public(now)
        .open_for_comment(timezone.localdate(now))
        .filter(pk__in={row[4] for row in rows if row[4]})
        .select_related("organisation", "catalogue")
        .only("title", "comment_opens_on", "comment_closes_on", "organisation__name", "catalogue__year")
    }
    targeted = {pk for pk, document in documents.items() if document.disclosure_scope == DisclosureScope.TARGETED}
    target_groups: dict[int, set[int]] = defaultdict(set)
    for document_id, group_id in PolicyDocument.target_groups.through.objects.filter(
        policydocument_id__in=targeted
    ).values_list("policydocument_id", "group_id"):
        target_groups[document_id].add(group_id)
    subscribers = {
        subscriber.pk: subscriber
        for subscriber in Subscriber.objects.filter(pk__in={row[1] for row in rows}).select_related("user")
    }
    groups = _account_groups(subscribers.values()) if targeted else {}
    owed: dict[int, list[tuple[int, str, object]]] = defaultdict(list)
    cancelled: list[int] = []
    for pk, subscriber_id, document_id, interpretation_id, decision_id in rows:
        if document_id:
            document = documents[document_id]
            if deliverable(document, groups.get(subscriber_id), target_groups[document_id], now):
                owed[subscriber_id].append((pk, SECTION_DOCUMENTS, document))
                continue
        elif interpretation_id in interpretations:
            owed[subscriber_id].append((pk, SECTION_INTERPRETATIONS, interpretations[interpretation_id]))
            continue
        elif decision_id in decisions:
            owed[subscriber_id].append((pk, SECTION_DECISIONS, decisions[decision_id]))
            continue
        cancelled.append(pk)  # withdrawn (closed, no longer addressed to the subscriber) before sending
    if cancelled:
        Delivery.objects.filter(pk__in=cancelled).update(cancelled_at=now)
    lines: dict[tuple[str, int], str] = {}
    for subscriber_id, items in owed.items():
        _send_digest(subscribers[subscriber_id], items, frequency, lines)
    Delivery.objects.filter(pk__in=[pk for items in owed.values() for pk, _, _ in items]).update(sent_at=now)
    return len(owed)


SECTION_DOCUMENTS = "documents"
SECTION_INTERPRETATIONS = "interpretations"
SECTION_DECISIONS = "decisions"
# The digest's sections in order: heading, the unit counted.
SECTIONS = {
    SECTION_DOCUMENTS: ("新公开的政策文件", "件"),
    SECTION_INTERPRETATIONS: ("新发布的政策解读", "篇"),
    SECTION_DECISIONS: ("公开征求意见的重大行政决策草案", "项"),
}


DIGEST_FIELDS = [
    "title",
    "doc_number",
    "published_at",
    "status",
    "disclosure_scope",
    "issuing_organisation__name",
]


def _account_groups(subscribers: Iterable[Subscriber]) -> dict[int, set[int]]:
    """Subscriber id → the groups of its active account (none without one)."""
    by_user = {s.user_id: s.pk for s in subscribers if s.user_id and s.user and s.user.is_active}
    result: dict[int, set[int]] = {subscriber_id: set() for subscriber_id in by_user.values()}
    through = Subscriber._meta.get_field("user").related_model.groups.through
    for user_id, group_id in through.objects.filter(user_id__in=by_user).values_list("user_id", "group_id"):
        result[by_user[user_id]].add(group_id)
    return result


DIGEST_SUBJECTS = {
    Frequency.IMMEDIATE: "徐泾镇新公开的政策文件",
    Frequency.DAILY: "徐泾镇政策文件每日摘要",
    Frequency.WEEKLY: "徐泾镇政策文件每周摘要",
}
# When the e-mail holds more than documents.
MIXED_SUBJECTS = {
    Frequency.IMMEDIATE: "徐泾镇政务公开订阅提醒",
    Frequency.DAILY: "徐泾镇政务公开订阅每日摘要",
    Frequency.WEEKLY: "徐泾镇政务公开订阅每周摘要",
}


def _document_line(document: PolicyDocument) -> str:
    meta = "，".join(
        part
        for part in [
            document.issuing_organisation.name if document.issuing_organisation else "",
            document.doc_number,
            f"{timezone.localdate(document.published_at):%Y-%m-%d} 发布",
        ]
        if part
    )
    return f"{document.title}\n   {meta}\n   {tokens.absolute(document.get_absolute_url())}"


def _interpretation_line(interpretation: Interpretation) -> str:
    meta = "，".join(
        part
        for part in [
            interpretation.organisation.name if interpretation.organisation_id else "",
            f"{timezone.localdate(interpretation.published_at):%Y-%m-%d} 发布",
        ]
        if part
    )
    return f"{interpretation.title}\n   {meta}\n   {tokens.absolute(interpretation.get_absolute_url())}"


def _decision_line(decision: Decision) -> str:
    meta = (
        f"{decision.organisation.name}，征求意见期 {decision.comment_opens_on:%Y-%m-%d} 至 "
        f"{decision.comment_closes_on:%Y-%m-%d}，欢迎在截止前提出意见"
    )
    return f"{decision.title}\n   {meta}\n   {tokens.absolute(decision.get_absolute_url())}"


LINE_WRITERS = {
    SECTION_DOCUMENTS: _document_line,
    SECTION_INTERPRETATIONS: _interpretation_line,
    SECTION_DECISIONS: _decision_line,
}


def _sort_key(section: str, item) -> tuple:
    if section == SECTION_DECISIONS:
        return (item.comment_closes_on, item.pk)
    return (item.published_at, item.pk)


def _send_digest(
    subscriber: Subscriber, items: list[tuple[int, str, object]], frequency: str, lines: dict[tuple[str, int], str]
) -> None:
    """One e-mail with every item owed, a section per sort (documents, interpretations,
    decisions open for comment); ``lines`` caches each item's text across the batch."""
    by_section: dict[str, list] = defaultdict(list)
    for _, section, item in items:
        by_section[section].append(item)
    parts = []
    for section, (heading, unit) in SECTIONS.items():
        listed = sorted(by_section.get(section, []), key=lambda item, section=section: _sort_key(section, item))
        if not listed:
            continue
        entries = []
        for number, item in enumerate(listed, start=1):
            key = (section, item.pk)
            if key not in lines:
                lines[key] = LINE_WRITERS[section](item)
            entries.append(f"{number}. {lines[key]}")
        parts.append((heading, unit, entries))
    unsubscribe = tokens.unsubscribe_url(subscriber.pk)
    if len(parts) == 1 and SECTION_DOCUMENTS in by_section:
        _, _, entries = parts[0]
        listing = f"按您的订阅，徐泾镇新公开了 {len(entries)} 件政策文件：\n\n" + "\n\n".join(entries)
        subject = f"{DIGEST_SUBJECTS[Frequency(frequency)]}（{len(entries)} 件）"
    else:
        listing = "按您的订阅，徐泾镇有以下新内容：\n\n" + "\n\n".join(
            f"【{heading}（{len(entries)} {unit}）】\n\n" + "\n\n".join(entries) for heading, unit, entries in parts
        )
        subject = f"{MIXED_SUBJECTS[Frequency(frequency)]}（{len(items)} 项）"
    body = (
        f"您好：\n\n{listing}"
        f"\n\n管理您的全部订阅（修改频率、取消某项订阅）：\n{tokens.manage_url(subscriber.pk)}\n\n"
        f"一键退订全部订阅：\n{unsubscribe}\n\n徐泾镇政务公开\n"
    )
    outbox.notify(
        recipients=[subscriber.email],
        subject=subject,
        body=body,
        key=f"subscriptions.digest|{subscriber.pk}|{min(pk for pk, _, _ in items)}",
        confidential=True,
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
