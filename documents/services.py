"""Workflow writes of the document library (item 17): 草稿 → 待公开审查 → 待审签 → 已发布,
with send-back and withdrawal, the privacy scan (item 18) and the historical review (item 20).

Every transition, in one transaction: checks documents.permissions; sends
documents.signals.before_transition (its receivers, listed in that module, may raise
TransitionBlocked); saves the new status; keeps the Art. 26 publication deadline in
step (documents.deadline_rules); appends a DocumentTransition; and after commit brings
the search index in step. Signing and withdrawing a published document then send
document_published / document_withdrawn: documents.signals lists what each receiver
does (the interpretations app publishes or withdraws the document's interpretation).
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

import privacy
from notifications import outbox

from . import aggregates, deadline_rules, gates, permissions, search_sync, signals
from .gates import TransitionBlocked
from .models import (
    DisclosureAttribute,
    DocumentDecision,
    DocumentTransition,
    PolicyDocument,
    PrivacyFinding,
    Status,
    Validity,
    current_validity_q,
)

Action = DocumentTransition.Action
CONTEXT_CHARS = 40


# --- saving a document's own fields ---------------------------------------------


@transaction.atomic
def document_save(*, document: PolicyDocument) -> PolicyDocument:
    """Save a new or edited document (the admin's add and change forms, the demo loaders;
    the caller has validated it) and keep its Art. 26 publication deadline in step: a new
    主动公开 draft starts the clock from its 成文日期, a corrected 成文日期 restarts it, and
    a change away from 主动公开 cancels it (documents.deadline_rules)."""
    document.save()
    deadline_rules.publication_deadline_follow(document=document)
    return document


# --- the workflow ---------------------------------------------------------------


@transaction.atomic
def document_submit(*, document: PolicyDocument, user: AbstractBaseUser, comment: str = "") -> PolicyDocument:
    """The drafter sends a draft to the disclosure review, proposing its disclosure attribute."""
    _check(user, Action.SUBMIT, document)
    _validate(document)
    document_scan_privacy(document=document)
    return _move(document, user, Action.SUBMIT, Status.PENDING_REVIEW, comment)


@transaction.atomic
def document_approve_review(*, document: PolicyDocument, user: AbstractBaseUser, comment: str = "") -> PolicyDocument:
    """The reviewer confirms the disclosure attribute and clears the privacy scan."""
    _check(user, Action.APPROVE_REVIEW, document)
    _validate(document)
    _require_clear_scan(document)
    document.reviewed_by = user
    return _move(document, user, Action.APPROVE_REVIEW, Status.PENDING_SIGNOFF, comment, ["reviewed_by"])


@transaction.atomic
def document_send_back(*, document: PolicyDocument, user: AbstractBaseUser, comment: str = "") -> PolicyDocument:
    """The reviewer or signing head returns the document to its drafter, saying why."""
    _check(user, Action.SEND_BACK, document)
    _require_reason(comment, "退回修改")
    document.reviewed_by = None
    return _move(document, user, Action.SEND_BACK, Status.DRAFT, comment, ["reviewed_by"])


@transaction.atomic
def document_sign(*, document: PolicyDocument, user: AbstractBaseUser, comment: str = "") -> PolicyDocument:
    """The signing head signs: published now, or at the scheduled time if that is later."""
    _check(user, Action.SIGN, document)
    _validate(document)
    _require_clear_scan(document)
    now = timezone.now()
    scheduled = document.scheduled_publish_at
    document.published_at = scheduled if scheduled and scheduled > now else now
    document.signed_by = user
    _move(document, user, Action.SIGN, Status.PUBLISHED, comment, ["published_at", "signed_by"])
    deadline_rules.publication_deadline_meet(document=document)
    # Receivers (listed in documents.signals) publish the document's interpretation with it.
    signals.document_published.send(sender=PolicyDocument, document=document, user=user)
    return document


@transaction.atomic
def document_withdraw(*, document: PolicyDocument, user: AbstractBaseUser, comment: str = "") -> PolicyDocument:
    """Withdraw with a reason: a document in review or sign-off goes back to draft;
    a published one is taken off every public page, feed, sitemap and the API."""
    _check(user, Action.WITHDRAW, document)
    _require_reason(comment, "撤回")
    if document.status != Status.PUBLISHED:
        document.reviewed_by = None
        return _move(document, user, Action.WITHDRAW, Status.DRAFT, comment, ["reviewed_by"])
    _move(document, user, Action.WITHDRAW, Status.WITHDRAWN, comment)
    # Receivers (listed in documents.signals) withdraw the document's interpretation with it.
    signals.document_withdrawn.send(sender=PolicyDocument, document=document, user=user, reason=comment)
    return document


@transaction.atomic
def document_record_edit(
    *, document: PolicyDocument, user: AbstractBaseUser, changed: Iterable[str], comment: str = ""
) -> DocumentTransition | None:
    """Record an edit of a published document (already saved) and refresh the index after commit."""
    changed = list(changed)
    if document.status != Status.PUBLISHED or not (changed or comment):
        return None
    labels = "、".join(str(PolicyDocument._meta.get_field(name).verbose_name) for name in changed)
    text = "\n".join(part for part in [f"修改了：{labels}。" if labels else "", comment] if part)
    _check(user, permissions.EDIT, document)
    record = _record(document, user, Action.EDIT, document.status, document.status, text)
    document_scan_privacy(document=document)
    _public_side_changed(document)
    return record


# Saving any of these (or an attachment) runs the privacy scan again.
SCANNED_FIELDS = frozenset({"title", "summary", "body"})


@transaction.atomic
def document_create(*, document: PolicyDocument, user: AbstractBaseUser) -> PolicyDocument:
    """Save a new document as a draft of `user`, with its index number.

    Its many-to-many fields and attachments are saved by the caller afterwards (as a
    form does); then ``document_save_edit(..., created=True)`` scans it."""
    if not permissions.can_add(user):
        raise PermissionDenied("只有具有机构的起草人可以新建文件。")
    document.created_by = user
    document.status = Status.DRAFT
    document.assign_index_number()
    return document_save(document=document)


@transaction.atomic
def document_save_edit(
    *,
    document: PolicyDocument,
    user: AbstractBaseUser,
    changed: Iterable[str],
    attachments_changed: bool = False,
    created: bool = False,
) -> bool:
    """What follows a save of the document's fields (already saved, with its related rows):
    a new 发文机关 gives an unpublished document a new index number; an edit of a published
    document is recorded; a change to the scanned text, or a new document, is scanned again.
    Returns whether the privacy scan ran (the caller reports its findings)."""
    changed = list(changed)
    if "issuing_organisation" in changed and document.status != Status.PUBLISHED and not created:
        # The index number carries the organ's code; once published it is a public identifier and stays.
        document.assign_index_number()
        document.save(update_fields=["index_number"])
    if not (changed or attachments_changed or created):
        return False
    if document.status == Status.PUBLISHED:
        document_record_edit(
            document=document, user=user, changed=changed, comment="修改了附件。" if attachments_changed else ""
        )  # scans again
        return True
    if created or attachments_changed or SCANNED_FIELDS.intersection(changed):
        document_scan_privacy(document=document)
        return True
    return False


# --- 三同步: warn before the gate ---------------------------------------------------

INTERPRETATION_MISSING_AT_SUBMISSION = (
    "提醒：本文件需要同步起草政策解读（三同步），目前还没有解读草稿。"
    "公开审查人审查通过前必须有解读，请尽快在“政策解读”中为本文件新增解读，以免被退回。"
)


def document_interpretation_missing(*, document: PolicyDocument) -> bool:
    """The document needs an interpretation and has no drafted one yet: the reviewer's
    approval would be refused by the 三同步 gate (documents.gates), so the drafter is
    told at submission instead of a round trip later."""
    return bool(gates.refusal(document=document, action=Action.APPROVE_REVIEW, name="interpretation"))


# --- the privacy scan -----------------------------------------------------------


@transaction.atomic
def document_scan_privacy(*, document: PolicyDocument) -> list[PrivacyFinding]:
    """Scan the title, summary, body and every attachment's text; returns the findings
    still to be handled. Run on every save of any of them, and before each workflow step.

    A finding that is still present keeps its state (a waiver stays a waiver);
    one no longer present becomes 已修改; a new one is 待处理. Only the masked value
    and masked context are stored, with a keyed fingerprint to recognise the value
    next time: a number removed from the body is never shown in full again.
    """
    found: dict[tuple[str, str, str], tuple[str, str]] = {}
    for source, text in document.scan_text():
        plain = _plain(text)
        hits = privacy.scan(plain)
        for hit in hits:
            key = (source[:220], hit.kind, privacy.fingerprint(hit.kind, hit.text))
            context = privacy.masked_excerpt(plain, hits, max(hit.start - CONTEXT_CHARS, 0), hit.end + CONTEXT_CHARS)
            found.setdefault(key, (privacy.mask_finding(hit)[:200], context[:300]))
    existing = {(f.source, f.kind, f.fingerprint): f for f in document.privacy_findings.all()}
    now = timezone.now()
    for key, finding in existing.items():
        if key not in found and finding.state != PrivacyFinding.State.FIXED:
            finding.state = PrivacyFinding.State.FIXED
            finding.save(update_fields=["state"])
        elif key in found and finding.state == PrivacyFinding.State.FIXED:
            finding.state = PrivacyFinding.State.OPEN  # it came back
            finding.save(update_fields=["state"])
    for (source, kind, print_), (masked, context) in found.items():
        if (source, kind, print_) not in existing:
            finding = PrivacyFinding(
                document=document,
                source=source,
                kind=kind,
                text=masked,
                fingerprint=print_,
                context=context,
                found_at=now,
            )
            finding.full_clean()
            finding.save()
    if document.pk is not None:
        document.privacy_scanned_at = now
        document.save(update_fields=["privacy_scanned_at"])
    return list(document.privacy_findings.filter(state=PrivacyFinding.State.OPEN))


@transaction.atomic
def finding_waive(*, finding: PrivacyFinding, user: AbstractBaseUser, reason: str) -> PrivacyFinding:
    """The reviewer accepts a finding as fine to publish (e.g. a public office's e-mail), saying why."""
    document = finding.document
    _check(user, Action.WAIVE, document)
    _require_reason(reason, "豁免")
    if finding.state != PrivacyFinding.State.OPEN:
        raise TransitionBlocked("这条扫描结果已处理过，无需再次豁免。")
    finding.state = PrivacyFinding.State.WAIVED
    finding.waiver_reason = reason.strip()
    finding.waived_by = user
    finding.waived_at = timezone.now()
    finding.full_clean()
    finding.save(update_fields=["state", "waiver_reason", "waived_by", "waived_at"])
    comment = f"豁免{finding.get_kind_display()}“{finding.text}”（{finding.source}，已遮盖）：{finding.waiver_reason}"
    _record(document, user, Action.WAIVE, document.status, document.status, comment)
    return finding


# --- the historical review (item 20) -------------------------------------------------


KEEP = "keep"
HISTORICAL_CHOICES = {
    DisclosureAttribute.PROACTIVE: "转为主动公开",
    DisclosureAttribute.ON_REQUEST: "转为依申请公开",
    KEEP: "维持原公开属性",
}


def historical_review_candidates() -> Any:
    """Filed (signed) documents that were not proactively disclosed."""
    return PolicyDocument.objects.filter(status=Status.PUBLISHED).exclude(
        disclosure_attribute=DisclosureAttribute.PROACTIVE
    )


@transaction.atomic
def document_decide_historical(
    *, documents: Iterable[PolicyDocument], user: AbstractBaseUser, to_attribute: str, comment: str = ""
) -> list[DocumentDecision]:
    """One recorded decision per document: convert to `to_attribute`, or keep the current one.

    All or nothing: if any document may not be decided, none is.
    """
    if to_attribute not in HISTORICAL_CHOICES:
        raise TransitionBlocked("请选择“转为主动公开”“转为依申请公开”或“维持原公开属性”。")
    decisions = []
    for document in documents:
        decisions.append(_decide_one(document, user, to_attribute, comment.strip()))
    if not decisions:
        raise TransitionBlocked("请至少勾选一份文件。")
    return decisions


def _decide_one(document: PolicyDocument, user: AbstractBaseUser, to_attribute: str, comment: str) -> DocumentDecision:
    _check(user, permissions.DECIDE, document)
    if document.disclosure_attribute == DisclosureAttribute.PROACTIVE:
        raise TransitionBlocked(f"《{document.title}》已是主动公开，无需审查。")
    old = document.disclosure_attribute
    to_attribute = old if to_attribute == KEEP else to_attribute
    if to_attribute != old:
        document.disclosure_attribute = to_attribute
        document.non_disclosure_reason = ""
        _validate(document)
        if to_attribute == DisclosureAttribute.PROACTIVE and document_scan_privacy(document=document):
            raise TransitionBlocked(
                f"《{document.title}》含有未处理的隐私扫描结果（如手机号、身份证号），不能直接转为主动公开。"
                "请先处理后再决定。"
            )
        document.save(update_fields=["disclosure_attribute", "non_disclosure_reason", "updated_at"])
        deadline_rules.publication_deadline_follow(document=document)
        _public_side_changed(document)
    elif not comment:
        raise TransitionBlocked("维持原公开属性时，请填写理由。")
    decision = DocumentDecision(
        document=document, decided_by=user, from_attribute=old, to_attribute=to_attribute, comment=comment
    )
    decision.full_clean()
    decision.save()
    change = f"{DisclosureAttribute(old).label} → {DisclosureAttribute(to_attribute).label}"
    _record(document, user, Action.EDIT, document.status, document.status, f"历史文件审查：{change}。{comment}")
    return decision


# --- internals ------------------------------------------------------------------


def _check(user: AbstractBaseUser, action: str, document: PolicyDocument) -> None:
    """Refuse unless permitted; lock the row so two clicks cannot both move the document."""
    if document.pk is not None:
        current = PolicyDocument.objects.select_for_update().filter(pk=document.pk).values_list("status", flat=True)
        if current.first() != document.status:
            raise TransitionBlocked("文件状态已被他人更新，请刷新页面查看最新状态后再操作。")
    refused = permissions.denial(user, action, document)
    if refused is not None:
        raise TransitionBlocked(refused.message)


def _plain(text: str) -> str:
    """The body (HTML or plain text) as readable text, as the public page shows it: the
    scan reads this, so its offsets and the context it stores are of what a reader sees."""
    return " ".join(html.unescape(re.sub(r"</?[A-Za-z][^<>]*>", " ", text)).split())


def _validate(document: PolicyDocument) -> None:
    """full_clean, turning field errors into one message the workflow panel can show."""
    try:
        document.full_clean(exclude=["created_by"])  # imported historical documents have no drafter account
    except ValidationError as exc:
        details = "；".join(
            f"{_field_label(name)}：{'，'.join(messages)}" for name, messages in exc.message_dict.items()
        )
        raise TransitionBlocked(f"文件信息不完整或有误，请先修改再办理：{details}") from exc


def _field_label(name: str) -> str:
    if name == NON_FIELD_ERRORS:
        return "文件"
    return str(PolicyDocument._meta.get_field(name).verbose_name)


def _require_reason(text: str, what: str) -> None:
    if not (text or "").strip():
        raise TransitionBlocked(f"{what}时必须填写理由，请在说明框中写明原因。")


def _require_clear_scan(document: PolicyDocument) -> None:
    open_findings = document_scan_privacy(document=document)
    if open_findings:
        kinds = "、".join(dict.fromkeys(f.get_kind_display() for f in open_findings))
        raise TransitionBlocked(
            f"隐私扫描还有 {len(open_findings)} 条结果未处理（{kinds}）。"
            "请修改正文或附件去掉这些内容，或由公开审查人填写理由豁免后再继续。"
        )


def _move(
    document: PolicyDocument,
    user: AbstractBaseUser,
    action: str,
    to_status: str,
    comment: str,
    extra_fields: list[str] | None = None,
) -> PolicyDocument:
    # Gates (listed in documents.gates), then receivers (listed in documents.signals),
    # may refuse with TransitionBlocked.
    gates.check(document=document, action=action)
    signals.before_transition.send(sender=PolicyDocument, document=document, action=action, user=user)
    from_status = document.status
    document.status = to_status
    document.status_comment = (comment or "").strip()[:500]
    document.save(update_fields=["status", "status_comment", "updated_at", *(extra_fields or [])])
    deadline_rules.publication_deadline_follow(document=document)
    _record(document, user, action, from_status, to_status, comment)
    if Status.PUBLISHED in {from_status, to_status}:
        _public_side_changed(document)
    return document


def _public_side_changed(document: PolicyDocument) -> None:
    """After commit: the search index follows the document and the public counts
    (documents.aggregates) are recomputed on their next read."""
    search_sync.sync_document_on_commit(document)
    aggregates.changed()


def _record(
    document: PolicyDocument, user: AbstractBaseUser | None, action: str, from_status: str, to_status: str, comment: str
) -> DocumentTransition:
    record = DocumentTransition(
        document=document,
        actor=user,
        at=timezone.now(),
        from_status=from_status,
        to_status=to_status,
        action=action,
        comment=(comment or "").strip(),
    )
    record.full_clean()
    record.save()
    return record


# --- validity (item 2), run daily by documents.tasks.sweep_validity ------------------


def documents_mark_expired(*, today: dt.date | None = None) -> int:
    """Mark published documents past their expiry date as 失效, each with a system record.

    Public lists already compute "currently valid" from the dates; this makes the
    stored validity agree. Returns how many documents this run marked.
    """
    today = today or timezone.localdate()
    # Stored as 有效, but 失效 to a reader today (the rule in documents.models).
    due = PolicyDocument.objects.filter(current_validity_q(Validity.EXPIRED, today), status=Status.PUBLISHED).filter(
        validity=Validity.VALID
    )
    marked = 0
    for document in due.only("pk", "expiry_date", "status"):
        with transaction.atomic():
            claimed = PolicyDocument.objects.filter(pk=document.pk, validity=Validity.VALID).update(
                validity=Validity.EXPIRED, updated_at=timezone.now()
            )
            if not claimed:
                continue  # another run got there first
            comment = f"有效期至 {document.expiry_date:%Y年%m月%d日}，已过期，系统自动标记为“失效”。"
            _record(document, None, Action.EXPIRE, document.status, document.status, comment)
            _public_side_changed(document)
        marked += 1
    return marked


def documents_warn_expiring(*, today: dt.date | None = None) -> int:
    """Warn each drafting organisation once, EXPIRY_WARNING_DAYS before a document expires."""
    today = today or timezone.localdate()
    horizon = today + dt.timedelta(days=settings.EXPIRY_WARNING_DAYS)
    due = (
        PolicyDocument.objects.filter(status=Status.PUBLISHED, expiry_warning_sent_on__isnull=True)
        .expiring_between(today, horizon)
        .select_related("organisation")
    )
    warned = 0
    for document in due:
        with transaction.atomic():
            claimed = PolicyDocument.objects.filter(pk=document.pk, expiry_warning_sent_on__isnull=True).update(
                expiry_warning_sent_on=today
            )
            if claimed:
                _warn_expiring(document)
                warned += 1
    return warned


def _warn_expiring(document: PolicyDocument) -> None:
    """Tell the drafting organisation's staff, through the outbox (sent after commit)."""
    link = settings.SITE_URL.rstrip("/") + reverse("admin:documents_policydocument_change", args=[document.pk])
    subject = f"文件即将到期：{document.title}"
    body = (
        f"{document.organisation.name}：\n\n"
        f"贵单位发布的《{document.title}》（{document.doc_number or '无发文字号'}）"
        f"有效期至 {document.expiry_date:%Y年%m月%d日}。\n"
        "请在到期前评估是否需要修订、延续或宣布失效，并及时在后台更新文件的有效性。\n\n"
        f"文件后台地址：{link}\n"
    )
    outbox.notify_organisation(
        organisation=document.organisation, subject=subject, body=body, key=f"documents.expiry-warning.{document.pk}"
    )
