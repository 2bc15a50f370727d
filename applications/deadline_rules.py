"""The statutory clocks of an application, kept by the generic engine (``deadlines.services``).

- The reply (《政府信息公开条例》第三十三条): 20 working days from the day received; it
  stops while a 补正 is awaited and starts again from zero on the day the corrected
  application arrives (第三十条); an approved extension adds at most 20 working days; it
  is met on the day the signed reply goes out.
- The 补正 notice (第三十条): within 7 working days of receipt; met when the notice is sent,
  cancelled once the application is answered or closed without one.
- A third party's view (第三十二条): 15 working days from the letter; the reply clock stops
  on the day the letter is sent and starts again (not from zero) when the view is recorded.
- A fee (国办函〔2020〕109号): 20 working days to pay from the notice; the reply clock stops
  on the day of the notice and starts again on the day of payment.

A stop is the engine's pause (DeadlinePause, the range recorded): the day it starts still
counts, the working days after it up to and including the day it ends do not, and the reply
date moves on by as many.

The engine's Deadline is the one source of truth for the reply date. ``Application.due_on``
is its copy for lists, filters and the tracking page, written only here: by the services
after each step and, after a change of the working-day calendar, by ``calendar_changed``
(connected in ``ApplicationsConfig.ready()``, after the engine's own receiver, which
``INSTALLED_APPS`` lists first). While the clock is stopped for a 补正 the reply date is
not known: ``due_on`` is empty. The law's arithmetic itself is ``applications.clock``; the
engine's dates agree with it (applications/tests/test_workflow_clock.py).
"""

from __future__ import annotations

import datetime as dt

from django.contrib.contenttypes.models import ContentType

from deadlines import services as deadlines
from deadlines.models import Deadline

from . import clock
from .models import Application, ApplicationEvent

REPLY_KIND = "application_reply_art33"
CORRECTION_NOTICE_KIND = "application_correction_notice_art30"
THIRD_PARTY_KIND = "application_third_party_art32"
PAYMENT_KIND = "application_payment_fee"
KINDS = (REPLY_KIND, CORRECTION_NOTICE_KIND, THIRD_PARTY_KIND, PAYMENT_KIND)
REPLY_LEGAL_BASIS = (
    "《中华人民共和国政府信息公开条例》第三十三条：行政机关不能当场答复的，应当自收到申请之日起"
    "20个工作日内予以答复；需要延长答复期限的，应当经政府信息公开工作机构负责人同意并告知申请人，"
    "延长的期限最长不得超过20个工作日。"
)
CORRECTION_LEGAL_BASIS = (
    "《中华人民共和国政府信息公开条例》第三十条：政府信息公开申请内容不明确的，行政机关应当给予指导和释明，"
    "并自收到申请之日起7个工作日内一次性告知申请人作出补正，说明需要补正的事项和合理的补正期限。"
)

THIRD_PARTY_LEGAL_BASIS = (
    "《中华人民共和国政府信息公开条例》第三十二条：依申请公开的政府信息公开会损害第三方合法权益的，"
    "行政机关应当书面征求第三方的意见。第三方应当自收到征求意见书之日起15个工作日内提出意见。"
    "第三十三条：行政机关征求第三方和其他机关意见所需时间不计算在前款规定的期限内。"
)
PAYMENT_LEGAL_BASIS = (
    "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）：申请人应当自收到收费通知之日起"
    "20个工作日内缴纳费用，逾期未缴纳的视为放弃申请；发出收费通知至申请人缴费的时间不计算在答复期限内。"
)


def reply_deadline_for(application: Application) -> Deadline | None:
    """The running reply deadline, else the latest closed one."""
    return deadlines.deadline_for(application, REPLY_KIND)


def correction_notice_deadline_for(application: Application) -> Deadline | None:
    return deadlines.deadline_for(application, CORRECTION_NOTICE_KIND)


def third_party_deadline_for(application: Application) -> Deadline | None:
    return deadlines.deadline_for(application, THIRD_PARTY_KIND)


def payment_deadline_for(application: Application) -> Deadline | None:
    return deadlines.deadline_for(application, PAYMENT_KIND)


def _start_reply(application: Application, start: dt.date) -> Deadline:
    return deadlines.deadline_start(
        subject=application,
        kind=REPLY_KIND,
        purpose=f"答复政府信息公开申请 {application.number}",
        legal_basis=REPLY_LEGAL_BASIS,
        start=start,
        working_days=clock.REPLY_WORKING_DAYS + application.extension_days,
        organisation=application.organisation,
    )


def deadlines_start(*, application: Application) -> None:
    """At registration: the reply and the 补正 notice clocks start on the day received."""
    _start_reply(application, application.received_on)
    deadlines.deadline_start(
        subject=application,
        kind=CORRECTION_NOTICE_KIND,
        purpose=f"一次性告知补正（申请 {application.number}，如需补正）",
        legal_basis=CORRECTION_LEGAL_BASIS,
        start=application.received_on,
        working_days=clock.CORRECTION_NOTICE_WORKING_DAYS,
        organisation=application.organisation,
    )
    due_on_follow(application=application)


def deadlines_follow_organisation(*, application: Application) -> None:
    """The running clocks go with the application to its (new) handling organisation."""
    Deadline.objects.active().filter(
        content_type=ContentType.objects.get_for_model(Application),
        object_id=application.pk,
        kind__in=KINDS,
    ).update(organisation=application.organisation)


def correction_requested(*, application: Application, on: dt.date) -> None:
    """The 补正 notice went out: that clock is met, the reply clock stops."""
    deadlines.deadline_meet(subject=application, kind=CORRECTION_NOTICE_KIND, on=on)
    deadlines.deadline_pause(subject=application, kind=REPLY_KIND, on=on)
    due_on_follow(application=application)


def correction_received(*, application: Application, on: dt.date) -> None:
    """The corrected application arrived: the reply clock starts again from zero (第三十条)."""
    deadlines.deadline_resume(subject=application, kind=REPLY_KIND, on=on)
    deadlines.deadline_cancel(subject=application, kind=REPLY_KIND, reason=f"{on:%Y-%m-%d}收到补正，重新起算")
    _start_reply(application, on)
    due_on_follow(application=application)


def third_party_consulted(*, application: Application, on: dt.date) -> None:
    """The letter to the third party went out: its 15 working days start, the reply clock stops."""
    deadlines.deadline_start(
        subject=application,
        kind=THIRD_PARTY_KIND,
        purpose=f"第三方提出意见（申请 {application.number}：{application.third_party}）",
        legal_basis=THIRD_PARTY_LEGAL_BASIS,
        start=on,
        working_days=clock.THIRD_PARTY_WORKING_DAYS,
        organisation=application.organisation,
    )
    deadlines.deadline_pause(subject=application, kind=REPLY_KIND, on=on)
    due_on_follow(application=application)


def third_party_answered(*, application: Application, resumed_on: dt.date, answered: bool) -> None:
    """The third party's view is recorded: the reply clock goes on from ``resumed_on``; the
    third party's deadline is met (an answer) or cancelled (no answer within the period)."""
    if answered:
        deadlines.deadline_meet(subject=application, kind=THIRD_PARTY_KIND, on=application.third_party_answered_on)
    else:
        deadlines.deadline_cancel(subject=application, kind=THIRD_PARTY_KIND, reason="第三方逾期未提出意见")
    deadlines.deadline_resume(subject=application, kind=REPLY_KIND, on=resumed_on)
    due_on_follow(application=application)


def fee_charged(*, application: Application, on: dt.date) -> None:
    """The fee notice went out: 20 working days to pay start, the reply clock stops."""
    deadlines.deadline_start(
        subject=application,
        kind=PAYMENT_KIND,
        purpose=f"申请人缴纳信息处理费（申请 {application.number}，{application.fee_amount}元）",
        legal_basis=PAYMENT_LEGAL_BASIS,
        start=on,
        working_days=clock.PAYMENT_WORKING_DAYS,
        organisation=application.organisation,
    )
    deadlines.deadline_pause(subject=application, kind=REPLY_KIND, on=on)
    due_on_follow(application=application)


def fee_paid(*, application: Application, on: dt.date) -> None:
    """The applicant paid: the payment deadline is met, the reply clock goes on."""
    deadlines.deadline_meet(subject=application, kind=PAYMENT_KIND, on=on)
    deadlines.deadline_resume(subject=application, kind=REPLY_KIND, on=on)
    due_on_follow(application=application)


def reply_extended(*, application: Application, reason: str) -> None:
    deadlines.deadline_extend(
        subject=application,
        kind=REPLY_KIND,
        working_days=clock.REPLY_WORKING_DAYS + application.extension_days,
        note=f"延长{application.extension_days}个工作日：{reason}",
    )
    due_on_follow(application=application)


def late_reply_set(*, application: Application, working_days: int, reason: str) -> None:
    """第三十五条: a reasonable later reply date; the reply deadline counts ``working_days``
    in all, so that it ends on that day (and follows a later calendar change as any other)."""
    deadlines.deadline_extend(
        subject=application,
        kind=REPLY_KIND,
        working_days=working_days,
        note=f"第三十五条延迟答复：{reason}",
    )
    due_on_follow(application=application)


def replied(*, application: Application, on: dt.date) -> None:
    """The signed reply went out: the reply clock is met; a 补正 notice no longer due."""
    deadlines.deadline_meet(subject=application, kind=REPLY_KIND, on=on)
    deadlines.deadline_cancel(subject=application, kind=CORRECTION_NOTICE_KIND, reason="已答复")


def ended(*, application: Application, reason: str) -> None:
    """The application ended without a reply (abandoned): every running clock is cancelled."""
    for kind in KINDS:
        deadlines.deadline_cancel(subject=application, kind=kind, reason=reason)


def due_on_follow(*, application: Application) -> bool:
    """Copy the reply deadline's date to ``Application.due_on`` (empty while stopped);
    True if it changed."""
    deadline = reply_deadline_for(application)
    due_on = None if deadline is None or deadline.paused_since else deadline.due_date
    if application.due_on == due_on:
        return False
    application.due_on = due_on
    application.save(update_fields=["due_on", "updated_at"])
    return True


def calendar_changed(sender, *, change, first_date: dt.date, last_date: dt.date, **kwargs) -> None:
    """After the engine re-dated the deadlines, re-date the open applications it touched,
    each with a step in its trail the applicant sees. Returns None: the engine already
    counted the deadlines."""
    active = Deadline.objects.active().filter(
        content_type=ContentType.objects.get_for_model(Application), kind=REPLY_KIND
    )
    for application in Application.objects.open().filter(pk__in=active.values("object_id")):
        before = application.due_on
        if due_on_follow(application=application):
            ApplicationEvent.objects.create(
                application=application,
                action=ApplicationEvent.Action.REDATED,
                comment=_redated_comment(before, application.due_on, change),
                visible_to_applicant=True,
            )
    return None


def _redated_comment(before: dt.date | None, after: dt.date | None, change) -> str:
    after_text = f"{after:%Y年%m月%d日}" if after else "待工作日历确认"
    before_text = f"{before:%Y年%m月%d日}" if before else "待定"
    return f"工作日历调整（{change.summary}），法定答复期限由{before_text}改为{after_text}。"
