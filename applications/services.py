"""Writes on the disclosure guide and on applications: registering (number, query code,
date received), staff edits and review records, and the statutory steps: 补正 (Art. 30),
延期 (Art. 33), the reply drafted by the handler and signed by the head (Art. 36-37),
征求第三方意见 (Art. 32), 收费 (国办函〔2020〕109号), the reply letter (written when the reply
is drafted, edited until signed: applications.letters), the files provided, 送达, 办结 and
归档. Each write keeps the application's trail (ApplicationEvent) and its clocks
(applications.deadline_rules) in step, inside one transaction; a notice to the applicant
goes through the outbox in the same transaction.

A step the user's role or organisation never allows raises PermissionDenied (403); a step
the application's state blocks raises ApplicationError (409), its text Chinese."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

from documents import attachments
from documents.models import PolicyDocument
from notifications import outbox
from organisations.models import Organisation
from workdays import CalendarUnavailable, WorkingCalendar

from . import clock, deadline_rules, fees, letters, permissions, roles, scans
from .models import (
    EXCHANGE_FILES_MAX,
    EXCHANGE_TEXT_MAX,
    OUTCOME_REASONS,
    Application,
    ApplicationEvent,
    DeliveryMethod,
    Exchange,
    ExchangeFile,
    FeeBasis,
    Guide,
    Outcome,
    OutcomeReason,
    ProvidedFile,
    Review,
    ScanOpening,
    Status,
    ThirdPartyView,
    clock_channel,
)
from .tracking import reply_due_label

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud at the counter
CODE_LENGTH = 8
NUMBER_ATTEMPTS = 5


class ApplicationError(Exception):
    """A write that is not allowed in the application's current state; the text is Chinese."""


@dataclass(frozen=True)
class Receipt:
    application: Application
    query_code: str  # shown once to the applicant, stored only as a hash


# --- The guide ---------------------------------------------------------------------


@transaction.atomic
def guide_save(*, guide: Guide) -> Guide:
    """Store the disclosure guide: always the one row."""
    guide.pk = 1
    guide._state.adding = not Guide.objects.filter(pk=1).exists()  # a new instance replaces the row
    guide.full_clean()
    guide.save()
    return guide


# --- Query codes -------------------------------------------------------------------


def query_code_hash(number: str, code: str) -> str:
    return salted_hmac("applications.query-code", f"{number}:{code.strip().upper()}").hexdigest()


def query_code_matches(application: Application, code: str) -> bool:
    return constant_time_compare(application.query_code_hash, query_code_hash(application.number, code or ""))


def _new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


# --- Registering -------------------------------------------------------------------


def application_received_on(application: Application) -> dt.date:
    """The day the application counts as received (Art. 31, applications.clock.received_on).

    A missing date the channel needs (registered post: the day signed for; ordinary post:
    the day confirmed with the applicant), or a day beyond the working-day calendar, is a
    field error for the form, never a guess."""
    channel = clock_channel(application.channel)
    try:
        return clock.received_on(
            channel,
            submitted_at=application.submitted_at,
            signed_for_on=application.signed_for_on,
            confirmed_on=application.confirmed_on,
        )
    except CalendarUnavailable as exc:
        raise ValidationError({"submitted_at": str(exc)}) from exc
    except ValueError as exc:
        if channel == clock.POST_REGISTERED:
            raise ValidationError({"signed_for_on": "挂号信函以签收之日为收到申请之日：请填写签收日期。"}) from exc
        if channel == clock.POST_ORDINARY:
            raise ValidationError(
                {"confirmed_on": "平常信函以与申请人确认之日为收到申请之日：请填写确认日期。"}
            ) from exc
        raise


def _next_serial(year: int) -> int:
    last = Application.objects.filter(year=year).aggregate(last=Max("serial"))["last"]
    return (last or 0) + 1


def _log(application: Application, action: str, user=None, comment: str = "", *, visible: bool = False) -> None:
    ApplicationEvent.objects.create(
        application=application,
        action=action,
        actor=user if user is not None and user.is_authenticated else None,
        comment=comment,
        visible_to_applicant=visible,
    )


def _save_numbered(application: Application, code: str) -> None:
    """Save a new application with the next serial of its year and its query code's hash;
    a concurrent registration that took the same serial makes this one try the next."""
    year = application.received_on.year
    for attempt in range(NUMBER_ATTEMPTS):
        application.year = year
        application.serial = _next_serial(year)
        application.number = f"{year}-{application.serial:04d}"
        application.query_code_hash = query_code_hash(application.number, code)
        try:
            with transaction.atomic():
                application.save()
            return
        except IntegrityError:
            application.pk = None
            application._state.adding = True
            if attempt == NUMBER_ATTEMPTS - 1:
                raise


@transaction.atomic
def application_register(*, application: Application, user=None) -> Receipt:
    """Register a new application from any channel: the registration number, a query code
    (returned once, stored hashed), the date received, and the trail's 接收 and 登记 steps.
    With a handling organisation already chosen, it is dispatched there at once (分办)."""
    if not application._state.adding:
        raise ApplicationError(f"申请 {application.number} 已经登记，不能重复登记。")
    code = _new_code()
    application.received_on = application_received_on(application)
    application.status = Status.IN_PROGRESS if application.organisation_id else Status.RECEIVED
    application.full_clean(exclude=["number", "year", "serial", "query_code_hash"])
    _save_numbered(application, code)
    _log(application, ApplicationEvent.Action.RECEIVED, comment=application.get_channel_display(), visible=True)
    _log(application, ApplicationEvent.Action.REGISTERED, user, comment=f"登记编号 {application.number}", visible=True)
    if application.organisation_id:
        _log(application, ApplicationEvent.Action.DISPATCHED, user, comment=application.organisation.name)
    deadline_rules.deadlines_start(application=application)
    return Receipt(application=application, query_code=code)


# --- The online form ---------------------------------------------------------------


@transaction.atomic
def application_submit_online(*, application: Application, submission_key: str) -> Receipt:
    """Register an application sent with the online form and e-mail its receipt.

    ``submission_key`` is the form's nonce: the same form sent again (a double click)
    returns the first registration with an empty query code, registering nothing."""
    earlier = Application.objects.filter(submission_key=submission_key).first()
    if earlier is not None:
        return Receipt(application=earlier, query_code="")
    application.submission_key = submission_key
    try:
        with transaction.atomic():
            receipt = application_register(application=application)
    except IntegrityError:
        earlier = Application.objects.filter(submission_key=submission_key).first()
        if earlier is None:
            raise
        return Receipt(application=earlier, query_code="")
    _send_receipt(receipt)
    return receipt


def _send_receipt(receipt: Receipt) -> None:
    """The registration number, query code and dates, to the applicant's own address only;
    confidential: the admin never shows the body and it is cleared once sent."""
    application = receipt.application
    if not application.email:
        return
    track_url = settings.SITE_URL + reverse("applications:track")
    outbox.notify(
        recipients=[application.email],
        subject=f"政府信息公开申请回执（登记编号 {application.number}）",
        body=(
            "您好！\n\n我们已收到您通过网上提交的政府信息公开申请，请保存好以下登记编号和查询码。\n\n"
            f"登记编号：{application.number}\n"
            f"查询码：{receipt.query_code}\n"
            f"收到申请日期：{application.received_on:%Y年%-m月%-d日}\n"
            f"{reply_due_label(application)}\n\n"
            f"凭登记编号和查询码可在 {track_url} 查看办理进度和答复。"
            "查询码相当于密码，请勿告诉他人。\n\n"
            "本邮件由徐泾镇政务公开门户自动发送，请勿直接回复。"
        ),
        key=f"application-{application.pk}-receipt",
        confidential=True,  # the query code is the applicant's alone
    )


# --- Staff edits -------------------------------------------------------------------


@transaction.atomic
def application_edit(*, application: Application, user, fields: Iterable[str]) -> Application:
    """Save staff's corrections of a registered application's fields (not its steps)."""
    fields = [name for name in fields if name != "organisation"]
    if not fields:
        return application
    application.full_clean()
    application.save(update_fields=[*fields, "updated_at"])
    return application


@transaction.atomic
def application_dispatch(
    *, application: Application, organisation: Organisation, user, reason: str = ""
) -> Application:
    """Send the application to the organisation that handles it (分办), or on to another
    one with a reason (转办)."""
    if not application.is_open:
        raise ApplicationError("只有办理中的申请才能分办或转办。")
    # As stored: a form may already have put the new organisation on the instance.
    previous = Application.objects.filter(pk=application.pk).values_list("organisation_id", flat=True).first()
    if previous == organisation.pk:
        return application
    if previous is not None and not reason.strip():
        raise ApplicationError("转办请说明原因。")
    application.organisation = organisation
    if application.status == Status.RECEIVED:
        application.status = Status.IN_PROGRESS
    application.save(update_fields=["organisation", "status", "updated_at"])
    deadline_rules.deadlines_follow_organisation(application=application)
    action = ApplicationEvent.Action.DISPATCHED if previous is None else ApplicationEvent.Action.TRANSFERRED
    comment = organisation.name if previous is None else f"转至{organisation.name}：{reason.strip()}"
    _log(application, action, user, comment=comment)
    return application


@transaction.atomic
def review_save(*, review: Review, user) -> Review:
    """Record a reconsideration or lawsuit (复议/诉讼) or its result, with a step in the trail."""
    before = None if review._state.adding else Review.objects.filter(pk=review.pk).values_list("result").first()
    review.full_clean()
    review.save()
    if before is None or before[0] != review.result:
        comment = f"{review.get_kind_display()}：{review.filed_on:%Y-%m-%d} 提起，{review.get_result_display()}"
        _log(review.application, ApplicationEvent.Action.REVIEW, user, comment=comment)
    return review


# --- The statutory steps -----------------------------------------------------------

MAX_CORRECTION_DAYS = 60
# Ended by the portal itself (application_abandon_uncorrected, the fee rule), never drafted.
_NOT_DRAFTED = (OutcomeReason.NO_CORRECTION, OutcomeReason.FEE_UNPAID)
_WITH_DOCUMENT = (Outcome.DISCLOSED, Outcome.PARTLY_DISCLOSED)
_HANDLING = (Status.IN_PROGRESS, Status.EXTENDED)


def _allowed(user, action: str, application: Application) -> None:
    refused = permissions.denial(user, action, application)
    if refused is None:
        return
    if refused.forbidden:
        raise PermissionDenied(refused.message)
    raise ApplicationError(refused.message)


def _locked(application: Application) -> Application:
    """The stored row, locked for this transaction: the step is decided on its state."""
    return Application.objects.select_for_update(of=("self",)).select_related("organisation").get(pk=application.pk)


def _save(application: Application, caller: Application, fields: list[str]) -> None:
    application.save(update_fields=[*fields, "updated_at"])
    caller.refresh_from_db()


def _day(on: dt.date | None) -> dt.date:
    return on or timezone.localdate()


def _date(day: dt.date | None) -> str:
    return f"{day:%Y年%m月%d日}" if day else "待工作日历确认后告知"


def _notify_applicant(application: Application, step: str, subject: str, body: str) -> None:
    """A notice to the applicant's own e-mail address, if they gave one. It names the
    application by its registration number only: no query code, nobody else's data."""
    if not application.email:
        return
    text = (
        f"您好：\n\n您的政府信息公开申请（登记编号 {application.number}，"
        f"收到申请日期 {_date(application.received_on)}）{body}\n\n"
        f"可凭登记编号和查询码在 {settings.SITE_URL}/applications/track/ 查询办理进度。\n"
        f"{Guide.current().organ_name}\n"
    )
    outbox.notify(
        recipients=[application.email],
        subject=f"【政府信息公开】{subject}（{application.number}）",
        body=text,
        key=f"application:{application.pk}:{step}",
    )


@transaction.atomic
def application_request_correction(
    *,
    application: Application,
    user,
    items: str,
    days: int = clock.CORRECTION_PERIOD_WORKING_DAYS,
    on: dt.date | None = None,
) -> Application:
    """补正 (Art. 30): one notice listing every item to correct, with the period to correct
    in (``days`` working days); the reply clock stops until the corrected application comes."""
    _allowed(user, permissions.CORRECT, application)
    current = _locked(application)
    if current.late_reply_on is not None:
        raise ApplicationError("已按第三十五条确定延迟答复的期限，不能再要求补正。")
    if current.correction_due_on is not None:
        raise ApplicationError("补正应当一次性告知：本申请已经告知过补正，不能再次要求补正。")
    if current.status != Status.IN_PROGRESS:
        raise ApplicationError(f"申请当前状态为“{current.get_status_display()}”，不能要求补正。")
    items = items.strip()
    if not items:
        raise ApplicationError("请逐项列出需要补正的事项。")
    if not 1 <= days <= MAX_CORRECTION_DAYS:
        raise ApplicationError(f"补正期限为1至{MAX_CORRECTION_DAYS}个工作日。")
    on = _day(on)
    try:
        current.correction_due_on = clock.correction_period_due_on(on, days)
    except CalendarUnavailable as exc:
        raise ApplicationError(f"{exc}：暂时无法确定补正期限，请先录入该年度的工作日历。") from exc
    current.status = Status.CORRECTION
    _save(current, application, ["correction_due_on", "status"])
    deadline_rules.correction_requested(application=application, on=on)
    notice = f"请在{_date(application.correction_due_on)}前补正以下事项：\n{items}"
    _log(application, ApplicationEvent.Action.CORRECTION, user, comment=f"一次性告知补正。{notice}", visible=True)
    _notify_applicant(
        application,
        "correction",
        "补正告知",
        f"内容需要补正，答复期限自收到补正之日起重新计算。{notice}\n逾期无正当理由不补正的，视为放弃申请。",
    )
    return application


@transaction.atomic
def application_correction_received(
    *, application: Application, user, on: dt.date | None = None, note: str = ""
) -> Application:
    """The corrected application arrived on ``on``: the reply clock starts again from zero."""
    _allowed(user, permissions.CORRECT, application)
    return _correction_received(application, user, on, note)


def _correction_received(application: Application, user, on: dt.date | None, note: str) -> Application:
    """Record the corrected application: by staff, or (``user`` None) sent online by the applicant."""
    current = _locked(application)
    if current.status != Status.CORRECTION:
        raise ApplicationError("申请不在待补正状态，无需登记补正。")
    on = _day(on)
    if on < current.received_on:
        raise ApplicationError("收到补正的日期不能早于收到申请的日期。")
    current.restarted_on, current.status = on, Status.IN_PROGRESS
    _save(current, application, ["restarted_on", "status"])
    deadline_rules.correction_received(application=application, on=on)
    comment = f"{on:%Y年%m月%d日}收到补正，答复期限重新计算，至{_date(application.due_on)}。"
    _log(application, ApplicationEvent.Action.CORRECTION, user, comment=f"{comment}{note.strip()}", visible=True)
    return application


@transaction.atomic
def application_abandon_uncorrected(*, application: Application, user=None, on: dt.date | None = None) -> bool:
    """The period to correct passed without a correction: the application ends as abandoned
    (其他处理：申请人无正当理由逾期不补正). ``user`` None: the periodic check. False when the
    application is no longer waiting (safe to call twice)."""
    if user is not None:
        _allowed(user, permissions.CORRECT, application)
    on = _day(on)
    current = _locked(application)
    if current.status != Status.CORRECTION:
        return False
    if on <= current.correction_due_on:
        raise ApplicationError(f"补正期限至{_date(current.correction_due_on)}，尚未届满，不能按逾期不补正办结。")
    current.status, current.outcome, current.outcome_reason = Status.CLOSED, Outcome.OTHER, OutcomeReason.NO_CORRECTION
    _save(current, application, ["status", "outcome", "outcome_reason"])
    deadline_rules.ended(application=application, reason="申请人逾期不补正，视为放弃申请")
    comment = f"补正期限（{_date(application.correction_due_on)}）届满未补正，视为放弃申请。"
    _log(application, ApplicationEvent.Action.CLOSED, user, comment=comment, visible=True)
    _notify_applicant(application, "abandoned", "视为放弃申请", f"在补正期限内未补正，{comment}")
    return True


@transaction.atomic
def application_extend(
    *, application: Application, user, days: int, reason: str, on: dt.date | None = None
) -> Application:
    """延期 (Art. 33): once, 1-20 working days, approved by the head (依申请审签人), with a
    reason; the applicant is told."""
    _allowed(user, permissions.EXTEND, application)
    current = _locked(application)
    if current.late_reply_on is not None:
        raise ApplicationError("已按第三十五条确定延迟答复的期限，不再按第三十三条延期。")
    if current.extension_days:
        raise ApplicationError(f"答复期限只能延长一次：本申请已延长{current.extension_days}个工作日，不能再次延期。")
    if current.status != Status.IN_PROGRESS:
        raise ApplicationError(f"申请当前状态为“{current.get_status_display()}”，不能延长答复期限。")
    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= clock.MAX_EXTENSION_WORKING_DAYS:
        raise ApplicationError(f"延长的期限为1至{clock.MAX_EXTENSION_WORKING_DAYS}个工作日。")
    if not reason.strip():
        raise ApplicationError("延期请说明理由。")
    if current.due_on and _day(on) > current.due_on:
        raise ApplicationError(f"答复期限已于{_date(current.due_on)}届满，不能再延期：请尽快答复。")
    current.extension_days, current.status = days, Status.EXTENDED
    _save(current, application, ["extension_days", "status"])
    deadline_rules.reply_extended(application=application, reason=reason.strip())
    text = f"经负责人同意，答复期限延长{days}个工作日，至{_date(application.due_on)}。理由：{reason.strip()}"
    _log(application, ApplicationEvent.Action.EXTENSION, user, comment=text, visible=True)
    _notify_applicant(application, "extension", "延长答复期限告知", f"{text}")
    return application


def _check_reply(outcome: str, reason: str, document: PolicyDocument | None, competent_organ: str) -> None:
    errors: dict[str, str] = {}
    if outcome not in Outcome.values:
        errors["outcome"] = "请选择答复结果。"
    elif reason not in OUTCOME_REASONS[outcome] and (reason or OUTCOME_REASONS[outcome]):
        errors["outcome_reason"] = "该理由不属于所选答复结果，请重新选择。" if reason else "请选择答复理由。"
    elif reason in _NOT_DRAFTED:
        errors["outcome_reason"] = "逾期不补正、逾期未缴费的申请由系统按期限办结，不在此拟定答复。"
    if document is not None and outcome not in _WITH_DOCUMENT:
        errors["reply_document"] = "只有予以公开或部分公开的答复可以指向已主动公开的文件。"
    if competent_organ.strip() and reason != OutcomeReason.NOT_HELD:
        errors["competent_organ"] = "只有“本机关不掌握相关政府信息”的答复需要告知负责公开的行政机关。"
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def application_reply_draft(
    *,
    application: Application,
    user,
    outcome: str,
    reason: str = "",
    note: str = "",
    document: PolicyDocument | None = None,
    competent_organ: str = "",
    public_interest_reason: str = "",
) -> Application:
    """The handler drafts the reply (Art. 36): a statutory outcome with its reason; an
    已主动公开 reply links the document in the library; a 非本机关 reply (本机关不掌握)
    may name the competent organ; disclosing against a consulted third party's objection
    needs the public-interest reason (Art. 32). Drafted again until the head signs it."""
    _allowed(user, permissions.DRAFT_REPLY, application)
    _check_reply(outcome, reason, document, competent_organ)
    current = _locked(application)
    if current.status not in _HANDLING:
        raise ApplicationError(f"申请当前状态为“{current.get_status_display()}”，不能拟定答复。")
    if reason == OutcomeReason.EXCESSIVE and current.reasons_requested_on is None:
        raise ApplicationError("以“无正当理由大量反复申请”不予处理前，应当先要求申请人说明理由（第三十五条）。")
    _check_public_interest(current, outcome, public_interest_reason)
    current.outcome, current.outcome_reason, current.reply_note = outcome, reason, note.strip()
    current.reply_document, current.competent_organ = document, competent_organ.strip()
    current.public_interest_reason = public_interest_reason.strip()
    current.reply_drafted_by = user
    current.letter_text = letters.letter_body(current)  # drafted again: the letter follows the new outcome
    fields = ["outcome", "outcome_reason", "reply_note", "reply_document", "competent_organ", "reply_drafted_by"]
    fields += ["public_interest_reason", "letter_text"]
    _save(current, application, fields)
    _log(application, ApplicationEvent.Action.REPLY, user, comment=f"拟定答复：{_outcome_text(application)}")
    return application


@transaction.atomic
def application_reply_sign(
    *, application: Application, user, on: dt.date | None = None, comment: str = ""
) -> Application:
    """The head signs the drafted reply and it goes out (已答复): the reply clock is met on
    the reply day. The signer is not the drafter."""
    _allowed(user, permissions.SIGN_REPLY, application)
    current = _locked(application)
    if current.status not in _HANDLING or not current.reply_drafted_by_id:
        raise ApplicationError("还没有拟定的答复：请先由承办人拟定答复。")
    if current.reply_drafted_by_id == user.pk:
        raise ApplicationError("拟稿人不能审签自己拟定的答复：请由另一位负责人审签。")
    on = _day(on)
    if on < (current.restarted_on or current.received_on):
        raise ApplicationError("答复日期不能早于收到申请（或补正）的日期。")
    current.status, current.replied_on, current.reply_signed_by = Status.ANSWERED, on, user
    if not current.letter_text:  # drafted before letters were kept: the signed text is fixed now
        current.letter_text = letters.letter_body(current)
    _save(current, application, ["status", "replied_on", "reply_signed_by", "letter_text"])
    deadline_rules.replied(application=application, on=on)
    text = _outcome_text(application)
    _log(application, ApplicationEvent.Action.REPLY, user, comment=f"答复：{text}。{comment.strip()}", visible=True)
    _notify_applicant(
        application,
        "reply",
        "答复告知",
        f"已于{on:%Y年%m月%d日}作出答复：{text}。答复告知书和提供的政府信息可在查询页面下载。",
    )
    if _discloses_against_objection(application, application.outcome):
        _log(
            application,
            ApplicationEvent.Action.CONSULTATION,
            user,
            comment=(
                f"第三方（{application.third_party}）不同意公开，经审签决定公开：应将决定公开的政府信息内容和理由"
                f"书面告知第三方（第三十二条）。理由：{application.public_interest_reason}"
            ),
        )
    return application


def _outcome_text(application: Application) -> str:
    parts = [application.get_outcome_display()]
    if application.outcome_reason:
        parts.append(f"（{application.get_outcome_reason_display()}）")
    if application.reply_document_id:
        document = application.reply_document
        parts.append(f"，已主动公开：《{document.title}》{settings.SITE_URL}{document.get_absolute_url()}")
    if application.competent_organ:
        parts.append(f"，请向{application.competent_organ}申请")
    if application.reply_note:
        parts.append(f"。{application.reply_note}")
    return "".join(parts)


@transaction.atomic
def application_close(*, application: Application, user, comment: str = "") -> Application:
    """办结: the answered application's file is complete."""
    return _advance(application, user, permissions.CLOSE, Status.ANSWERED, Status.CLOSED, comment)


@transaction.atomic
def application_archive(*, application: Application, user, comment: str = "") -> Application:
    """归档: the closed file goes to the archive."""
    return _advance(application, user, permissions.ARCHIVE, Status.CLOSED, Status.ARCHIVED, comment)


def _advance(application: Application, user, action: str, before: str, after: str, comment: str) -> Application:
    _allowed(user, action, application)
    current = _locked(application)
    if current.status != before:
        raise ApplicationError(
            f"只有“{Status(before).label}”的申请才能{Status(after).label[1:]}；当前状态为“{current.get_status_display()}”。"
        )
    current.status = after
    _save(current, application, ["status"])
    step = ApplicationEvent.Action.CLOSED if after == Status.CLOSED else ApplicationEvent.Action.ARCHIVED
    _log(application, step, user, comment=comment.strip(), visible=after == Status.CLOSED)
    return application


# --- Third-party consultation (Art. 32) --------------------------------------------

MAX_THIRD_PARTY_LENGTH = 200


def _handling_status(application: Application) -> str:
    """The status an application returns to after a stop: extended if it was."""
    return Status.EXTENDED if application.extension_days else Status.IN_PROGRESS


def _discloses_against_objection(application: Application, outcome: str) -> bool:
    return application.third_party_view == ThirdPartyView.OBJECTED and outcome in _WITH_DOCUMENT


def _check_public_interest(application: Application, outcome: str, reason: str) -> None:
    """Disclosure against the third party's objection needs the public-interest reason;
    a reason given where none is needed is refused rather than kept unread."""
    if _discloses_against_objection(application, outcome):
        if not reason.strip():
            raise ValidationError(
                {
                    "public_interest_reason": (
                        "第三方不同意公开：决定予以公开或部分公开的，须说明不公开可能对公共利益造成重大影响的理由"
                        "（第三十二条），并书面告知第三方。"
                    )
                }
            )
    elif reason.strip():
        raise ValidationError({"public_interest_reason": "只有第三方不同意公开而决定公开时，才需要填写公共利益理由。"})


@transaction.atomic
def application_consult_third_party(
    *, application: Application, user, party: str, letter: str, on: dt.date | None = None
) -> Application:
    """征求第三方意见 (Art. 32): a letter to the third party, who has 15 working days to give
    its view; the reply clock stops from the day the letter is sent (the waiting time is not
    counted). One consultation per application."""
    _allowed(user, permissions.CONSULT, application)
    current = _locked(application)
    if current.third_party_sent_on is not None:
        raise ApplicationError("本申请已经征求过第三方意见，不能再次征求。")
    if current.status not in _HANDLING:
        raise ApplicationError(f"申请当前状态为“{current.get_status_display()}”，不能征求第三方意见。")
    party, letter = party.strip(), letter.strip()
    if not party or len(party) > MAX_THIRD_PARTY_LENGTH:
        raise ValidationError({"party": f"请填写征求意见的第三方（不超过{MAX_THIRD_PARTY_LENGTH}字）。"})
    if not letter:
        raise ValidationError({"letter": "请填写征求意见书的内容或摘要。"})
    on = _day(on)
    if on < (current.restarted_on or current.received_on):
        raise ApplicationError("征求意见的日期不能早于收到申请（或补正）的日期。")
    try:
        current.third_party_due_on = clock.third_party_due_on(on)
    except CalendarUnavailable as exc:
        raise ApplicationError(f"{exc}：暂时无法确定第三方答复期限，请先录入该年度的工作日历。") from exc
    current.third_party, current.third_party_sent_on, current.status = party, on, Status.THIRD_PARTY
    _save(current, application, ["third_party", "third_party_sent_on", "third_party_due_on", "status"])
    deadline_rules.third_party_consulted(application=application, on=on)
    _log(
        application,
        ApplicationEvent.Action.CONSULTATION,
        user,
        comment=f"{on:%Y年%m月%d日}书面征求{party}的意见，请于{_date(application.third_party_due_on)}前答复。{letter}",
    )
    _log(
        application,
        ApplicationEvent.Action.CONSULTATION,
        comment="需要征求第三方意见，所需时间不计算在答复期限内，答复期限暂停计算。",
        visible=True,
    )
    return application


@transaction.atomic
def application_third_party_answered(
    *, application: Application, user, on: dt.date, view: str, note: str = ""
) -> Application:
    """The third party's view (同意公开, 不同意公开, or 逾期未答复 once its period passed) is
    recorded on ``on``; the reply clock goes on from then, at the latest from the end of
    the third party's 15 working days: the time beyond them is not excluded."""
    _allowed(user, permissions.CONSULT, application)
    current = _locked(application)
    if current.status != Status.THIRD_PARTY:
        raise ApplicationError("申请不在征求第三方意见状态，无需登记第三方意见。")
    view = ThirdPartyView(_third_party_view(view))
    if on < current.third_party_sent_on:
        raise ApplicationError("第三方答复的日期不能早于征求意见的日期。")
    if view == ThirdPartyView.NO_ANSWER and on <= current.third_party_due_on:
        raise ApplicationError(f"第三方答复期限至{_date(current.third_party_due_on)}，尚未届满，不能登记为逾期未答复。")
    resumed_on = min(on, current.third_party_due_on)
    current.third_party_view, current.third_party_answered_on = view, on
    current.status = _handling_status(current)
    _save(current, application, ["third_party_view", "third_party_answered_on", "status"])
    deadline_rules.third_party_answered(
        application=application, resumed_on=resumed_on, answered=view != ThirdPartyView.NO_ANSWER
    )
    paused = f"{application.third_party_sent_on:%Y年%m月%d日}至{resumed_on:%Y年%m月%d日}"
    _log(
        application,
        ApplicationEvent.Action.CONSULTATION,
        user,
        comment=f"第三方（{application.third_party}）意见：{view.label}。{note.strip()}",
    )
    _log(
        application,
        ApplicationEvent.Action.CONSULTATION,
        comment=f"征求第三方意见的时间（{paused}）不计算在答复期限内，答复期限至{_date(application.due_on)}。",
        visible=True,
    )
    return application


def _third_party_view(view: str) -> str:
    """The view by its value or its Chinese label ("不同意公开")."""
    for choice in ThirdPartyView:
        if view in (choice.value, choice.label):
            return choice.value
    raise ValidationError({"view": "请选择第三方意见：同意公开、不同意公开或逾期未答复。"})


# --- Fees (国办函〔2020〕109号) -----------------------------------------------------


def fee_amount(basis: str, nth_in_month: int | None, pages: int | None) -> int:
    """The fee on one basis, never both (applications.fees); a field error for the form."""
    if basis == FeeBasis.COUNT:
        if pages is not None:
            raise ValidationError({"basis": "同一申请只能适用一种计收方式：按件计收不填写页数。"})
        if nth_in_month is None or nth_in_month < 1:
            raise ValidationError(
                {"basis": "按件计收：申请人没有登记证件号码或统一社会信用代码，无法统计本自然月的申请件数。"}
            )
        return fees.count_fee(nth_in_month)
    if basis == FeeBasis.PAGES:
        if pages is None or pages < 0:
            raise ValidationError({"pages": "按量计收：请填写提供信息的页数。"})
        return fees.page_fee(pages)
    raise ValidationError({"basis": "请选择计收方式：按件计收或按量计收。"})


def _fee_text(application: Application, nth_in_month: int | None, pages: int | None) -> str:
    counted = f"本自然月第{nth_in_month}件申请" if application.fee_basis == FeeBasis.COUNT else f"共{pages}页"
    return f"{application.get_fee_basis_display()}（{counted}），信息处理费{application.fee_amount}元"


@transaction.atomic
def application_charge(
    *,
    application: Application,
    user,
    basis: str,
    pages: int | None = None,
    on: dt.date | None = None,
) -> Application:
    """收费: a fee notice to an applicant whose applications clearly exceed a reasonable
    number, on one basis (按件 or 按量, never both); the applicant has 20 working days to
    pay, and the reply clock stops from the notice until payment. Nothing to charge (a
    free application) is refused; one fee notice per application. 按件计收 counts the
    applicant's applications of the month (``count_basis``): it is never typed."""
    _allowed(user, permissions.CHARGE, application)
    # 按件计收: the applicant's nth application of the month, counted, never typed.
    nth_in_month = count_basis(application) if basis == FeeBasis.COUNT else None
    amount = fee_amount(basis, nth_in_month, pages)
    if amount == 0:
        counted = f"本申请是申请人本自然月第{nth_in_month}件申请，" if basis == FeeBasis.COUNT else ""
        raise ValidationError(
            {"basis" if basis == FeeBasis.COUNT else "pages": f"{counted}按此计收方式不收费：无需发出收费通知。"}
        )
    current = _locked(application)
    if current.fee_notice_on is not None:
        raise ApplicationError("本申请已经发出过收费通知：同一申请只收费一次，只适用一种计收方式。")
    if current.status not in _HANDLING:
        raise ApplicationError(f"申请当前状态为“{current.get_status_display()}”，不能发出收费通知。")
    on = _day(on)
    if on < (current.restarted_on or current.received_on):
        raise ApplicationError("收费通知的日期不能早于收到申请（或补正）的日期。")
    try:
        current.payment_due_on = clock.payment_due_on(on)
    except CalendarUnavailable as exc:
        raise ApplicationError(f"{exc}：暂时无法确定缴费期限，请先录入该年度的工作日历。") from exc
    current.fee_basis, current.fee_amount, current.fee_notice_on = basis, amount, on
    current.status = Status.AWAITING_PAYMENT
    _save(current, application, ["fee_basis", "fee_amount", "fee_notice_on", "payment_due_on", "status"])
    deadline_rules.fee_charged(application=application, on=on)
    notice = (
        f"{_fee_text(application, nth_in_month, pages)}，请在{_date(application.payment_due_on)}前缴纳。"
        "自发出收费通知至缴费之日的时间不计算在答复期限内；逾期未缴纳的，视为放弃申请。"
    )
    _log(application, ApplicationEvent.Action.FEE, user, comment=f"收费通知：{notice}", visible=True)
    _notify_applicant(application, "fee", "收费通知", f"申请公开政府信息的数量、频次明显超过合理范围，{notice}")
    return application


@transaction.atomic
def application_fee_paid(*, application: Application, user, on: dt.date) -> Application:
    """The applicant paid on ``on``: the payment deadline is met and the reply clock goes on."""
    _allowed(user, permissions.CHARGE, application)
    current = _locked(application)
    if current.status != Status.AWAITING_PAYMENT:
        raise ApplicationError("申请不在待缴费状态，无需登记缴费。")
    if on < current.fee_notice_on:
        raise ApplicationError("缴费日期不能早于收费通知的日期。")
    if on > current.payment_due_on:
        raise ApplicationError(f"缴费期限已于{_date(current.payment_due_on)}届满：逾期未缴费的，视为放弃申请。")
    current.fee_paid_on, current.status = on, _handling_status(current)
    _save(current, application, ["fee_paid_on", "status"])
    deadline_rules.fee_paid(application=application, on=on)
    paused = f"{application.fee_notice_on:%Y年%m月%d日}至{on:%Y年%m月%d日}"
    comment = f"已缴纳信息处理费{application.fee_amount}元。收费期间（{paused}）不计算在答复期限内，"
    _log(
        application,
        ApplicationEvent.Action.FEE,
        user,
        comment=f"{comment}答复期限至{_date(application.due_on)}。",
        visible=True,
    )
    return application


@transaction.atomic
def application_abandon_unpaid(*, application: Application, user=None, on: dt.date | None = None) -> bool:
    """The payment period passed unpaid: the application ends as abandoned (其他处理：申请人
    逾期未按收费通知要求缴纳费用). ``user`` None: the periodic check. False when the
    application is no longer waiting to be paid (safe to call twice)."""
    if user is not None:
        _allowed(user, permissions.CHARGE, application)
    on = _day(on)
    current = _locked(application)
    if current.status != Status.AWAITING_PAYMENT:
        return False
    if on <= current.payment_due_on:
        raise ApplicationError(f"缴费期限至{_date(current.payment_due_on)}，尚未届满，不能按逾期未缴费办结。")
    current.status, current.outcome, current.outcome_reason = Status.CLOSED, Outcome.OTHER, OutcomeReason.FEE_UNPAID
    _save(current, application, ["status", "outcome", "outcome_reason"])
    deadline_rules.ended(application=application, reason="申请人逾期未缴纳信息处理费，视为放弃申请")
    comment = f"缴费期限（{_date(application.payment_due_on)}）届满未缴纳信息处理费，视为放弃申请。"
    _log(application, ApplicationEvent.Action.CLOSED, user, comment=comment, visible=True)
    _notify_applicant(application, "fee-unpaid", "视为放弃申请", f"在缴费期限内未缴纳信息处理费，{comment}")
    return True


# --- Exchanges between staff and applicant (item 25) -------------------------------
# Staff write to the applicant (留言) from the admin; the applicant, authorised by the
# tracking page's query code (applications.views), answers with text and files, or sends
# the corrected application while a 补正 is awaited. The handling organisation is told.


def _clean_text(text: str, field: str = "text") -> str:
    text = (text or "").replace("\x00", "").strip()
    if not text:
        raise ValidationError({field: "请填写内容。"})
    if len(text) > EXCHANGE_TEXT_MAX:
        raise ValidationError({field: f"内容不能超过{EXCHANGE_TEXT_MAX}字（现有{len(text)}字），请精简后再提交。"})
    return text


def _exchange_create(application: Application, kind: str, text: str, user=None, files=()) -> Exchange:
    files = list(files)
    if len(files) > EXCHANGE_FILES_MAX:
        raise ValidationError({"files": f"每次最多上传{EXCHANGE_FILES_MAX}个文件。"})
    exchange = Exchange.objects.create(
        application=application, kind=kind, text=text, author=user if user is not None else None
    )
    for uploaded in files:
        scans.inspect_exchange_file(uploaded)  # the form checked it: this is the service's guard
        name = "".join(ch for ch in PurePath(uploaded.name or "").name if ch.isprintable())[-100:] or "附件"
        ExchangeFile.objects.create(exchange=exchange, file=uploaded, name=name, size=uploaded.size or 0)
    return exchange


def _notify_handlers(application: Application, subject: str, body: str, key: str) -> None:
    """A notice to the handling organisation's staff (the registrars while undispatched):
    the registration number and what happened, never the applicant's data."""
    admin_url = settings.SITE_URL + reverse("admin:applications_application_change", args=[application.pk])
    text = f"政府信息公开申请 {application.number}：{body}\n\n请登录后台查看：{admin_url}\n"
    subject = f"【依申请公开】{subject}（{application.number}）"
    if application.organisation_id:
        outbox.notify_organisation(organisation=application.organisation, subject=subject, body=text, key=key)
    else:
        outbox.notify_each(outbox.group_addresses([roles.REGISTRAR]), subject=subject, body=text, key=key)


@transaction.atomic
def application_message(*, application: Application, user, text: str) -> Exchange:
    """给申请人留言: staff's message, shown on the tracking page and e-mailed to the applicant."""
    _allowed(user, permissions.MESSAGE, application)
    text = _clean_text(text)
    current = _locked(application)
    if not current.is_open:
        raise ApplicationError("申请已经办结，不能再留言。")
    exchange = _exchange_create(current, Exchange.Kind.MESSAGE, text, user)
    _log(application, ApplicationEvent.Action.MESSAGE, user, comment="给申请人留言。", visible=True)
    _notify_applicant(
        application,
        f"message-{exchange.pk}",
        "工作人员留言",
        f"有一条工作人员的留言：\n{text}\n\n请在查询页面查看和回复。",
    )
    return exchange


def may_answer(application: Application) -> bool:
    """The applicant may answer once staff wrote to them, while the application is open."""
    return application.is_open and application.exchanges.filter(kind__in=Exchange.FROM_STAFF).exists()


@transaction.atomic
def applicant_answer(*, application: Application, text: str, files: Iterable = ()) -> Exchange:
    """The applicant answers staff's messages (text, optional files). The caller checked the
    query code (the tracking session); the handling organisation is told."""
    text = _clean_text(text)
    current = _locked(application)
    if not may_answer(current):
        raise ApplicationError("目前没有需要您回复的留言，或申请已经办结。")
    exchange = _exchange_create(current, Exchange.Kind.ANSWER, text, files=files)
    count = exchange.files.count()
    attached = f"（附件{count}个）" if count else ""
    _log(application, ApplicationEvent.Action.MESSAGE, comment=f"申请人回复留言{attached}。", visible=True)
    _notify_handlers(
        application,
        "申请人回复了留言",
        f"申请人回复了留言{attached}。",
        f"application:{application.pk}:answer-{exchange.pk}",
    )
    return exchange


@transaction.atomic
def applicant_correct_online(
    *, application: Application, text: str, files: Iterable = (), now: dt.datetime | None = None
) -> Exchange:
    """补正 sent online by the applicant while it is awaited: the corrected application is
    received on the day the law gives for an online submission (Art. 31,
    ``clock.received_on("online")``), and the reply clock starts again from zero."""
    text = _clean_text(text)
    now = now or timezone.now()
    current = _locked(application)
    if current.status != Status.CORRECTION:
        raise ApplicationError("申请不在待补正状态，无需补正。")
    if current.correction_due_on and timezone.localdate(now) > current.correction_due_on:
        raise ApplicationError(
            f"补正期限已于{_date(current.correction_due_on)}届满，无法在线提交补正；有正当理由的，请与承办机构联系。"
        )
    try:
        on = clock.received_on(clock.ONLINE, submitted_at=now)
    except CalendarUnavailable as exc:
        raise ApplicationError("系统暂时无法确定收到补正的日期（工作日历尚未更新），请稍后再试。") from exc
    exchange = _exchange_create(current, Exchange.Kind.CORRECTION, text, files=files)
    _correction_received(application, None, on, "申请人通过网上提交补正。")
    _notify_handlers(
        application,
        "申请人已在线补正",
        f"申请人已通过网上提交补正，收到补正日期{_date(on)}，答复期限重新计算，至{_date(application.due_on)}。",
        f"application:{application.pk}:corrected-{exchange.pk}",
    )
    return exchange


# --- Art. 35: the number or frequency of applications clearly unreasonable ----------


@transaction.atomic
def application_request_reasons(*, application: Application, user, text: str, on: dt.date | None = None) -> Exchange:
    """第三十五条: staff ask the applicant to give reasons; the applicant is told (an e-mail,
    the tracking page) and may answer there. The reply clock runs on."""
    _allowed(user, permissions.MESSAGE, application)
    text = _clean_text(text)
    current = _locked(application)
    if current.status not in _HANDLING:
        raise ApplicationError(f"申请当前状态为“{current.get_status_display()}”，不能要求说明理由。")
    if current.reasons_requested_on is not None:
        raise ApplicationError("已经要求申请人说明理由，请等待申请人回复。")
    current.reasons_requested_on = _day(on)
    _save(current, application, ["reasons_requested_on"])
    exchange = _exchange_create(current, Exchange.Kind.REASONS, text, user)
    notice = f"申请公开政府信息的数量、频次明显超过合理范围，请说明理由（第三十五条）：{text}"
    _log(application, ApplicationEvent.Action.MESSAGE, user, comment=f"要求申请人说明理由。{notice}", visible=True)
    _notify_applicant(application, "reasons", "要求说明理由", f"{notice}\n\n请在查询页面回复。")
    return exchange


@transaction.atomic
def application_refuse_excessive(*, application: Application, user, note: str = "") -> Application:
    """第三十五条, the reasons are not reasonable: the reply 不予处理（无正当理由大量反复申请）,
    drafted through the reply service and signed by the head as every reply."""
    _allowed(user, permissions.DRAFT_REPLY, application)
    current = _locked(application)
    if current.reasons_requested_on is None:
        raise ApplicationError("按第三十五条不予处理前，应当先要求申请人说明理由。")
    return application_reply_draft(
        application=application,
        user=user,
        outcome=Outcome.NOT_PROCESSED,
        reason=OutcomeReason.EXCESSIVE,
        note=note,
    )


@transaction.atomic
def application_set_late_reply(*, application: Application, user, due_on: dt.date, reason: str) -> Application:
    """第三十五条, the reasons are reasonable but the reply cannot be made within Art. 33's
    period: the head sets a reasonable later reply date with its reason; the applicant is
    told. The reply deadline of the engine is lengthened to end on that (working) day."""
    _allowed(user, permissions.LATE_REPLY, application)
    reason = _clean_text(reason, "reason")
    current = _locked(application)
    if current.reasons_requested_on is None:
        raise ApplicationError("确定延迟答复期限前，应当先要求申请人说明理由（第三十五条）。")
    if current.status not in _HANDLING:
        raise ApplicationError(f"申请当前状态为“{current.get_status_display()}”，不能确定延迟答复期限。")
    if current.late_reply_on is not None:
        raise ApplicationError(f"已经确定延迟答复的期限（{_date(current.late_reply_on)}），不能再次确定。")
    if current.due_on is None or due_on <= current.due_on:
        raise ValidationError({"due_on": f"延迟答复的期限应当晚于现在的答复期限（{_date(current.due_on)}）。"})
    deadline = deadline_rules.reply_deadline_for(current)
    try:
        calendar = WorkingCalendar()
        if not calendar.is_working_day(due_on):
            raise ValidationError({"due_on": "延迟答复的期限应当是工作日，请重新选择。"})
        more = calendar.working_days_between(current.due_on, due_on)
    except CalendarUnavailable as exc:
        raise ValidationError({"due_on": f"{exc}：请先录入该年度的工作日历。"}) from exc
    current.late_reply_on, current.late_reply_reason = due_on, reason
    _save(current, application, ["late_reply_on", "late_reply_reason"])
    deadline_rules.late_reply_set(application=application, working_days=deadline.working_days + more, reason=reason)
    text = f"依据第三十五条确定延迟答复的合理期限，答复期限至{_date(application.due_on)}。理由：{reason}"
    _log(application, ApplicationEvent.Action.EXTENSION, user, comment=text, visible=True)
    _notify_applicant(application, "late-reply", "延迟答复告知", text)
    return application


# --- Triage and the fee's count basis -----------------------------------------------


def count_basis(application: Application) -> int | None:
    """The application's place among its applicant's applications received in the same
    natural month (same ID number or same credit code), for 按件计收; None when the
    applicant has neither number or the date received is unknown."""
    identity = {"id_number": application.id_number} if application.id_number else {}
    if application.credit_code:
        identity = {"credit_code": application.credit_code}
    if not identity or application.received_on is None:
        return None
    received = application.received_on
    same = Application.objects.filter(received_on__year=received.year, received_on__month=received.month, **identity)
    earlier = same.filter(Q(received_on__lt=received) | Q(received_on=received, id__lt=application.pk))
    return earlier.count() + 1


# --- The periodic check: periods that ended -----------------------------------------


def applications_abandon_overdue(*, today: dt.date | None = None) -> dict[str, int]:
    """End as abandoned every application whose period to correct or to pay ended before
    ``today`` (application_abandon_uncorrected, application_abandon_unpaid). Safe to run
    twice: an application already ended is no longer waiting. One transaction each."""
    today = _day(today)
    result = {"uncorrected": 0, "unpaid": 0}
    uncorrected = Application.objects.filter(status=Status.CORRECTION, correction_due_on__lt=today)
    for application in uncorrected.order_by("id"):
        result["uncorrected"] += application_abandon_uncorrected(application=application, on=today)
    unpaid = Application.objects.filter(status=Status.AWAITING_PAYMENT, payment_due_on__lt=today)
    for application in unpaid.order_by("id"):
        result["unpaid"] += application_abandon_unpaid(application=application, on=today)
    return result


# --- Identity scans: each opening recorded -----------------------------------------


@transaction.atomic
def identity_scan_open(*, application: Application, user) -> ScanOpening:
    """Record that ``user`` opens the applicant's identity scan (who, when): the caller
    serves the file only after this is written."""
    _allowed(user, permissions.VIEW_IDENTITY_SCAN, application)
    if not application.identity_scan:
        raise ApplicationError("申请人没有提交身份证明扫描件。")
    return ScanOpening.objects.create(application=application, user=user)


# --- The reply letter, the files provided and delivery (送达) -------------------------

LETTER_MAX = 20000
TRACKING_NUMBER_MAX = 40


def _letter_editable(application: Application) -> None:
    if application.reply_signed_by_id is not None or application.status not in _HANDLING:
        raise ApplicationError("答复已经审签，告知书不能再修改。")
    if not application.reply_drafted_by_id:
        raise ApplicationError("还没有拟定的答复：请先拟定答复，再修改告知书。")


@transaction.atomic
def application_letter_edit(*, application: Application, user, text: str) -> Application:
    """The handler edits the drafted letter (修改告知书) before the head signs; once signed
    the letter is fixed (409). Drafting the reply again writes it afresh from its template."""
    _allowed(user, permissions.EDIT_LETTER, application)
    current = _locked(application)
    _letter_editable(current)
    text = letters.clean_text(text or "")
    if not text:
        raise ValidationError({"text": "告知书正文不能为空。"})
    if len(text) > LETTER_MAX:
        raise ValidationError({"text": f"告知书正文不能超过{LETTER_MAX}字。"})
    if "\x00" in text:
        raise ValidationError({"text": "告知书正文含有无法保存的字符，请删除后再保存。"})
    if text == current.letter_text:
        return application
    current.letter_text = text
    _save(current, application, ["letter_text"])
    _log(application, ApplicationEvent.Action.REPLY, user, comment="修改答复告知书。")
    return application


@transaction.atomic
def provided_file_add(*, application: Application, user, uploaded) -> ProvidedFile:
    """Attach a file of the information provided (PDF, DOCX or XLSX, checked by content with
    documents.attachments) to the reply, before the head signs; stored privately."""
    _allowed(user, permissions.PROVIDE, application)
    current = _locked(application)
    if current.status not in _HANDLING:
        raise ApplicationError("答复已经审签或申请不在办理中：不能再添加提供的政府信息。")
    inspected = attachments.inspect_upload(uploaded)
    name = "".join(ch for ch in (uploaded.name or "文件") if ch.isprintable())[-200:]
    provided = ProvidedFile(
        application=current, original_name=name, kind=inspected.kind, size=inspected.size, uploaded_by=user
    )
    provided.file.save(name, uploaded, save=False)
    provided.save()
    _log(application, ApplicationEvent.Action.REPLY, user, comment=f"添加提供的政府信息：{name}")
    return provided


def _delivery_text(method: str, on: dt.date, tracking_number: str) -> str:
    text = f"{on:%Y年%m月%d日}以“{DeliveryMethod(method).label}”方式送达答复告知书"
    if method == DeliveryMethod.POST:
        text += f"（邮件号 {tracking_number}）"
    return text + "。"


@transaction.atomic
def application_deliver(
    *,
    application: Application,
    user,
    method: str,
    on: dt.date | None = None,
    tracking_number: str = "",
    note: str = "",
) -> Application:
    """送达: how and when the signed reply reached the applicant: e-mail (a notice through
    the outbox with the tracking page's link: the letter itself is downloaded there), post
    with its tracking number, collection (当场领取/自行领取) or download. Recorded again when
    a first delivery failed; the latest is kept on the application, each one in the trail."""
    _allowed(user, permissions.DELIVER, application)
    current = _locked(application)
    if current.status not in (Status.ANSWERED, Status.CLOSED) or current.replied_on is None:
        raise ApplicationError("答复审签后才能登记送达。")
    if method not in DeliveryMethod.values:
        raise ValidationError({"method": "请选择送达方式。"})
    on = _day(on)
    if on < current.replied_on:
        raise ValidationError({"on": "送达日期不能早于答复日期。"})
    if on > timezone.localdate():
        raise ValidationError({"on": "送达日期不能晚于今天。"})
    tracking_number = tracking_number.strip()
    if method == DeliveryMethod.POST and not tracking_number:
        raise ValidationError({"tracking_number": "邮寄送达请填写邮件号。"})
    if len(tracking_number) > TRACKING_NUMBER_MAX:
        raise ValidationError({"tracking_number": f"邮件号不能超过{TRACKING_NUMBER_MAX}个字符。"})
    if method != DeliveryMethod.POST:
        tracking_number = ""
    if method == DeliveryMethod.EMAIL and not current.email:
        raise ApplicationError("申请人没有留电子邮箱，不能以电子邮件送达：请选择邮寄、领取或网上下载。")
    current.delivery_method, current.delivered_on = method, on
    current.delivery_tracking_number = tracking_number
    _save(current, application, ["delivery_method", "delivered_on", "delivery_tracking_number"])
    text = _delivery_text(method, on, tracking_number)
    _log(application, ApplicationEvent.Action.DELIVERY, user, comment=f"{text}{note.strip()}", visible=True)
    if method == DeliveryMethod.EMAIL:
        _notify_applicant(
            application,
            f"delivery-{on:%Y%m%d}",
            "答复告知书送达",
            f"已于{_date(application.replied_on)}作出答复。答复告知书和提供的政府信息可凭登记编号和查询码"
            "在查询页面下载。",
        )
    return application


@transaction.atomic
def provided_file_remove(*, provided: ProvidedFile, user) -> None:
    """Take a file off the reply before the head signs (a wrong file attached); the trail
    keeps that it was added and removed. After signing, what was provided stays."""
    application = provided.application
    _allowed(user, permissions.PROVIDE, application)
    current = _locked(application)
    if current.status not in _HANDLING:
        raise ApplicationError("答复已经审签：提供的政府信息不能再移除。")
    name = provided.original_name
    stored = provided.file.name
    provided.delete()
    transaction.on_commit(lambda: provided.file.storage.delete(stored))
    _log(application, ApplicationEvent.Action.REPLY, user, comment=f"移除提供的政府信息：{name}")
