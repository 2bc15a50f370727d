"""Writes on the disclosure guide and on applications: registering (number, query code,
date received), staff edits and review records. Each write keeps the application's trail
(ApplicationEvent) in step, inside one transaction."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils.crypto import constant_time_compare, salted_hmac

from notifications import outbox
from organisations.models import Organisation
from workdays import CalendarUnavailable

from . import clock
from .models import Application, ApplicationEvent, Guide, Review, Status, clock_channel
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
