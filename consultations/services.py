"""Writes on messages: receive, assign, transfer, answer (with optional leader
review), rate, return visits, publication. Each keeps the deadline engine and
the event log in step, inside one transaction."""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

from deadlines import services as deadline_services
from documents.models import PolicyDocument
from notifications import outbox
from organisations.models import Organisation
from privacy.citizen import name_forms
from xujing_portal import pagecache

from . import masking, search_sync
from .models import (
    DEADLINE_KIND,
    FAQ,
    NATIONAL_TOPIC,
    ChannelLimit,
    Message,
    MessageEvent,
    Rating,
    ReturnVisit,
    WindowQuestion,
)

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
LEGAL_BASIS = "徐府发〔2023〕32号 第5、14、15项（政策咨询答复时限）"


class ConsultationError(Exception):
    """A write that is not allowed in the message's current state; the text is Chinese."""


@dataclass(frozen=True)
class Receipt:
    message: Message
    query_code: str  # shown once to the asker, stored only as a hash


def query_code_hash(tracking_number: str, code: str) -> str:
    return salted_hmac("consultations.query-code", f"{tracking_number}:{code.strip().upper()}").hexdigest()


def query_code_matches(message: Message, code: str) -> bool:
    return constant_time_compare(message.query_code_hash, query_code_hash(message.tracking_number, code or ""))


def _new_tracking_number(message: Message) -> str:
    for _ in range(20):
        number = f"{message.received_on:%Y%m%d}{secrets.randbelow(10**4):04d}"
        if not Message.objects.filter(tracking_number=number).exists():
            return number
    return f"{message.received_on:%Y%m%d}{secrets.randbelow(10**8):08d}"


def _log(message: Message, action: str, user=None, note: str = "", organisation=None) -> None:
    MessageEvent.objects.create(
        message=message,
        action=action,
        user=user if user is not None and user.is_authenticated else None,
        organisation=organisation,
        note=note,
    )


# --- Deadlines and notices ----------------------------------------------------------


def _start_deadline(message: Message) -> None:
    limit = ChannelLimit.for_channel(message.channel)
    deadline_services.deadline_start(
        subject=message,
        kind=DEADLINE_KIND,
        purpose=f"答复留言 {message.tracking_number}（{message.get_channel_display()}）",
        legal_basis=LEGAL_BASIS,
        start=message.received_on,
        working_days=limit.answer_working_days,
        organisation=message.organisation,
        remind_before=limit.remind_before,
    )


def _move_deadline(message: Message) -> None:
    """The open deadline follows the message to its new organisation; the due date stays."""
    deadline = deadline_services.deadline_for(message, DEADLINE_KIND)
    if deadline is None:
        _start_deadline(message)
    elif deadline.organisation_id != message.organisation_id:
        type(deadline).objects.filter(pk=deadline.pk).update(organisation=message.organisation)


# --- Receiving ---------------------------------------------------------------------


@transaction.atomic
def message_register(*, message: Message, user=None, submission_key: str | None = None) -> Receipt:
    """Store a new message from any channel: tracking number, query code, clock started.

    With a `submission_key` already used (a double click), the earlier message is
    returned and nothing is stored twice; its query code is then empty.
    """
    if submission_key:
        earlier = Message.objects.filter(submission_key=submission_key).first()
        if earlier is not None:
            return Receipt(message=earlier, query_code="")
    code = _new_code()
    message.tracking_number = _new_tracking_number(message)
    if message.everyday_topic and not message.topic:
        message.topic = NATIONAL_TOPIC[message.everyday_topic]
    message.query_code_hash = query_code_hash(message.tracking_number, code)
    message.submission_key = submission_key or None
    message.needs_leader_review = message.needs_leader_review or ChannelLimit.for_channel(message.channel).leader_review
    if message.organisation_id and message.status == Message.Status.RECEIVED:
        message.status = Message.Status.ASSIGNED
    message.full_clean()
    try:
        with transaction.atomic():
            message.save()
    except IntegrityError:
        earlier = Message.objects.filter(submission_key=submission_key).first() if submission_key else None
        if earlier is None:
            raise
        return Receipt(message=earlier, query_code="")
    _log(message, MessageEvent.Action.RECEIVED, user, note=message.get_channel_display())
    _start_deadline(message)
    if message.organisation_id:
        _notify_assigned(message)
    _send_code(message, code, key=f"consultation-{message.pk}-receipt", first=True)
    return Receipt(message=message, query_code=code)


def _new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(6))


def _send_code(message: Message, code: str, *, key: str, first: bool) -> None:
    """The tracking number and query code, to the asker's own e-mail address only."""
    if not message.email:
        return
    track_url = settings.SITE_URL + reverse("consultations:track")
    opening = (
        f"我们已收到您提交的留言“{message.title}”，请保存好以下查询号和查询码。"
        if first
        else f"根据您的申请，已为您的留言“{message.title}”重新生成查询码，原查询码已失效。"
    )
    outbox.notify(
        recipients=[message.email],
        subject=f"徐泾镇政策咨询留言回执（查询号 {message.tracking_number}）",
        body=(
            f"您好！\n\n{opening}\n\n"
            f"查询号：{message.tracking_number}\n"
            f"查询码：{code}\n"
            f"承诺答复日期：{message.promised_answer_label}\n\n"
            f"凭查询号和查询码可在 {track_url} 查看办理进度、阅读答复并评价。"
            "查询码相当于密码，请勿告诉他人；如遗失，可在查询页面申请把新的查询码发送到本邮箱。\n\n"
            "本邮件由徐泾镇政务公开门户自动发送，请勿直接回复。"
        ),
        key=key,
        confidential=True,  # the query code is the asker's alone
    )


@transaction.atomic
def message_reset_query_code(*, tracking_number: str, email: str) -> bool:
    """A new query code for the asker who lost theirs, sent to the e-mail stored on the
    message; the old code stops working at once.

    Only when the tracking number and the e-mail both match (case-insensitive); the
    caller tells the visitor the same thing either way, so it reveals nothing.
    Returns whether a code was sent.
    """
    email = (email or "").strip()
    message = Message.objects.select_for_update().filter(tracking_number=tracking_number).first()
    if message is None or not email or not message.email or message.email.strip().lower() != email.lower():
        return False
    code = _new_code()
    message.query_code_hash = query_code_hash(message.tracking_number, code)
    message.save(update_fields=["query_code_hash"])
    _log(message, MessageEvent.Action.CODE_RESET, note="查询码已重新生成并发送至留言人邮箱")
    _send_code(message, code, key=f"consultation-{message.pk}-code-{secrets.token_hex(6)}", first=False)
    return True


def _notify_assigned(message: Message) -> None:
    if message.organisation is None:
        return
    url = settings.SITE_URL + reverse("admin:consultations_message_change", args=[message.pk])
    outbox.notify_organisation(  # e-mail travels: the title with the asker's personal data hidden
        organisation=message.organisation,
        subject=f"新的留言待办理：{message.tracking_number}",
        body=f"留言“{masking.masked_title(message)}”已分派给贵单位办理，请在时限内答复。\n{url}",
        key=f"consultation-{message.pk}-assigned-{message.organisation_id}",
    )


# --- Answering -----------------------------------------------------------------------


def _require_open(message: Message) -> None:
    if message.status in (Message.Status.ANSWERED, Message.Status.REJECTED):
        raise ConsultationError("该留言已办结，不能再修改。")


@transaction.atomic
def message_assign(*, message: Message, organisation: Organisation, user, note: str = "") -> Message:
    """Hand the message to an organisation; a second assignment is a transfer (转办)."""
    _require_open(message)
    if message.status == Message.Status.IN_REVIEW:
        raise ConsultationError("答复正在领导审核中，不能转办。")
    if message.organisation_id == organisation.pk:
        raise ConsultationError(f"该留言已由{organisation.name}承办。")
    transfer = message.organisation_id is not None
    message.organisation = organisation
    message.status = Message.Status.ASSIGNED
    message.save(update_fields=["organisation", "status"])
    action = MessageEvent.Action.TRANSFERRED if transfer else MessageEvent.Action.ASSIGNED
    _log(message, action, user, note=note, organisation=organisation)
    _move_deadline(message)
    _notify_assigned(message)
    return message


@transaction.atomic
def message_save_draft(*, message: Message, user, text: str) -> Message:
    _require_open(message)
    if message.status == Message.Status.IN_REVIEW:
        raise ConsultationError("答复正在领导审核中，审核退回后才能修改。")
    message.answer_draft = text
    message.full_clean()
    message.save(update_fields=["answer_draft"])
    _log(message, MessageEvent.Action.DRAFTED, user)
    return message


def _require_previewed(message: Message, previewed: str | None) -> None:
    """The text staff confirmed in the preview is still the draft (nobody changed it since).
    Line ends and spacing are not compared: a page round trip turns CR LF into LF."""

    def words(text: str) -> str:
        return " ".join(text.split())

    if previewed is not None and words(previewed) != words(message.answer_draft):
        raise ConsultationError("答复草稿在预览后已被修改，请重新预览后再确认发送。")


@transaction.atomic
def message_send_answer(*, message: Message, user, previewed: str | None = None) -> Message:
    """Send the draft; when a leader must review it, it goes to review instead.

    `previewed` is the draft as staff saw it in the preview: when given, the send is
    refused if the draft has changed since."""
    _require_open(message)
    if message.organisation_id is None:
        raise ConsultationError("请先把留言分派给承办机构。")
    if not message.answer_draft.strip():
        raise ConsultationError("答复内容为空：请先填写答复草稿。")
    if message.status == Message.Status.IN_REVIEW:
        raise ConsultationError("答复已提交领导审核，请等待审核。")
    _require_previewed(message, previewed)
    if message.needs_leader_review:
        message.status = Message.Status.IN_REVIEW
        message.save(update_fields=["status"])
        _log(message, MessageEvent.Action.SUBMITTED, user)
        return message
    return _answer(message, user)


@transaction.atomic
def message_approve_answer(*, message: Message, user, previewed: str | None = None) -> Message:
    if message.status != Message.Status.IN_REVIEW:
        raise ConsultationError("该留言没有待审核的答复。")
    _require_previewed(message, previewed)
    message.reviewed_by = user
    message.save(update_fields=["reviewed_by"])
    return _answer(message, user)


@transaction.atomic
def message_send_back(*, message: Message, user, comment: str) -> Message:
    if message.status != Message.Status.IN_REVIEW:
        raise ConsultationError("该留言没有待审核的答复。")
    if not comment.strip():
        raise ConsultationError("退回时请写明修改意见。")
    message.status = Message.Status.ASSIGNED
    message.save(update_fields=["status"])
    _log(message, MessageEvent.Action.SENT_BACK, user, note=comment)
    return message


def _answer(message: Message, user) -> Message:
    message.answer = message.answer_draft.strip()
    message.answered_on = timezone.localdate()
    message.answered_by = user
    message.status = Message.Status.ANSWERED
    message.save(update_fields=["answer", "answered_on", "answered_by", "status"])
    _log(message, MessageEvent.Action.ANSWERED, user, organisation=message.organisation)
    deadline_services.deadline_meet(subject=message, kind=DEADLINE_KIND, on=message.answered_on)
    if message.email:
        outbox.notify(
            recipients=[message.email],
            subject=f"您的留言已答复（查询号 {message.tracking_number}）",
            body=(
                f"您好！您提交的留言“{message.title}”已答复。\n"
                f"请凭查询号和查询码在 {settings.SITE_URL}{reverse('consultations:track')} 查看答复并评价。"
                "如遗失查询码，可在该页面申请把新的查询码发送到本邮箱。"
            ),
            key=f"consultation-{message.pk}-answered",
        )
    return message


@transaction.atomic
def message_reject(*, message: Message, user, reason: str) -> Message:
    """Not accepted (spam, abuse, duplicate): closed without an answer, the clock cancelled."""
    _require_open(message)
    if not reason.strip():
        raise ConsultationError("请写明不予受理的理由。")
    message.status = Message.Status.REJECTED
    message.save(update_fields=["status"])
    _log(message, MessageEvent.Action.REJECTED, user, note=reason)
    deadline_services.deadline_cancel(subject=message, kind=DEADLINE_KIND, reason=reason)
    return message


# --- The asker's rating, return visits -------------------------------------------------


@transaction.atomic
def message_rate(*, message: Message, rating: str, comment: str = "") -> Message:
    if message.status != Message.Status.ANSWERED:
        raise ConsultationError("留言答复后才能评价。")
    if message.rating:
        raise ConsultationError("您已评价过这条留言，感谢您的反馈。")
    if rating not in Rating.values:
        raise ConsultationError("请选择满意、基本满意或不满意。")
    message.rating = rating
    message.rating_comment = comment.strip()
    message.rated_at = timezone.now()
    message.full_clean()
    message.save(update_fields=["rating", "rating_comment", "rated_at"])
    _log(message, MessageEvent.Action.RATED, note=message.get_rating_display())
    return message


@transaction.atomic
def return_visit_record(
    *, message: Message, user, method: str, result: str, note: str = "", typical_case: bool | None = None
) -> ReturnVisit:
    if message.status != Message.Status.ANSWERED:
        raise ConsultationError("留言答复后才能回访。")
    visit = ReturnVisit(message=message, method=method, result=result, note=note, staff=user)
    visit.full_clean()
    visit.save()
    if typical_case is not None and typical_case != message.is_typical_case:
        message.is_typical_case = typical_case
        message.save(update_fields=["is_typical_case"])
    _log(message, MessageEvent.Action.VISITED, user, note=visit.get_result_display())
    return visit


# --- Publication (留言选登) ----------------------------------------------------------------


@transaction.atomic
def message_prepare_publication(*, message: Message, user) -> Message:
    """Write the masked public copy for staff to read and confirm; nothing goes out yet."""
    if not message.is_answered:
        raise ConsultationError("只有已答复的留言才能选登。")
    if not message.consent_to_publish:
        raise ConsultationError("留言人未同意公开，不能选登。")
    copy = masking.public_copy(message)
    message.public_asker = copy.asker
    message.public_title = copy.title
    message.public_question = copy.question
    message.public_answer = copy.answer
    message.publication = Message.Publication.PENDING
    message.save(update_fields=["public_asker", "public_title", "public_question", "public_answer", "publication"])
    _log(message, MessageEvent.Action.PREPARED, user)
    return message


@transaction.atomic
def message_publish(*, message: Message, user) -> Message:
    """Staff confirm the public copy; refused while the privacy scan still finds personal data."""
    if message.publication != Message.Publication.PENDING:
        raise ConsultationError("请先生成选登稿并核对，再确认发布。")
    if not message.can_be_published:
        raise ConsultationError("只有已答复且留言人同意公开的留言才能选登。")
    leftovers = masking.remaining_findings(message.public_title, message.public_question, message.public_answer)
    public = "\n".join([message.public_asker, message.public_title, message.public_question, message.public_answer])
    if masking.contains_private(public, [message.phone, message.email]):
        leftovers.append("留言人联系方式")
    if any(name in public for name in name_forms([message.asker_name, message.enterprise_name])):
        leftovers.append("留言人姓名或单位名称")
    if leftovers:
        raise ConsultationError(f"选登稿中仍有个人信息（{'、'.join(leftovers)}），请修改后再确认。")
    message.publication = Message.Publication.PUBLISHED
    message.published_at = timezone.now()
    message.save(update_fields=["publication", "published_at"])
    _log(message, MessageEvent.Action.PUBLISHED, user)
    search_sync.sync_message(message)
    pagecache.changed()
    return message


@transaction.atomic
def message_unpublish(*, message: Message, user, reason: str = "") -> Message:
    if message.publication == Message.Publication.NONE:
        raise ConsultationError("该留言未选登。")
    message.publication = Message.Publication.NONE
    message.published_at = None
    message.save(update_fields=["publication", "published_at"])
    _log(message, MessageEvent.Action.UNPUBLISHED, user, note=reason)
    search_sync.sync_message(message)
    pagecache.changed()
    return message


# --- The FAQ knowledge base ---------------------------------------------------------------


@transaction.atomic
def faq_save(*, faq: FAQ, related_policies: Iterable[PolicyDocument] | None = None) -> FAQ:
    """Store a new or edited FAQ, with the policies it cites when given, and keep it in
    the site search (after the policies: they are part of what is indexed)."""
    if faq.everyday_topic and not faq.topic:
        faq.topic = NATIONAL_TOPIC[faq.everyday_topic]
    faq.full_clean()
    faq.save()
    if related_policies is not None:
        faq.related_policies.set(related_policies)
    search_sync.sync_faq(faq)
    pagecache.changed()
    return faq


def faq_create(*, faq: FAQ, related_policies: Iterable[PolicyDocument] = ()) -> FAQ:
    """Store a new FAQ with the policies it cites (the demo loader, the knowledge base's tests)."""
    return faq_save(faq=faq, related_policies=related_policies)


@transaction.atomic
def faq_delete(*, faqs: QuerySet[FAQ]) -> int:
    """Delete FAQs and take them out of the site search; returns how many went."""
    ids = list(faqs.values_list("pk", flat=True))
    FAQ.objects.filter(pk__in=ids).delete()
    for faq_id in ids:
        search_sync.remove_faq(faq_id)
    pagecache.changed()
    return len(ids)


# --- Questions asked at a service window ----------------------------------------------------


@transaction.atomic
def window_question_save(*, question: WindowQuestion, user) -> WindowQuestion:
    """Store a question asked at a service window; a new one records who logged it."""
    if question.pk is None:
        question.logged_by = user if user is not None and user.is_authenticated else None
    question.full_clean()
    question.save()
    return question


# --- Staff edits on a message's admin page --------------------------------------------------


@transaction.atomic
def message_edit(*, message: Message, user, fields: Iterable[str]) -> Message:
    """Store the fields staff changed on the message's admin page (which ones they may
    change in its state is the admin's form). The workflow steps are the other services;
    an edit is not an event of the message's log."""
    names = {field.name for field in Message._meta.concrete_fields}
    changed = [name for name in dict.fromkeys(fields) if name in names]
    if not changed:
        return message
    message.full_clean()
    message.save(update_fields=changed)
    if message.publication == Message.Publication.PUBLISHED:
        pagecache.changed()  # its public copy may be what changed
    return message
