"""What the applicant reads about their own application: the legal reply date as the
receipt states it, the steps that concern them, and their identity number masked."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from . import clock
from .models import Application, ApplicationEvent, Status

DUE_UNKNOWN = "法定答复期限：工作日历尚未覆盖该期间，答复期限将在日历公布后确认（20个工作日）。"


# Statuses in which the reply clock is stopped (the time is not counted), with what the
# applicant is waiting for and the field holding the end of that period.
_CLOCK_STOPPED = {
    Status.CORRECTION: (
        "法定答复期限：等待申请人补正，暂停计算；收到补正后重新计算20个工作日",
        "correction_due_on",
    ),
    Status.THIRD_PARTY: (
        "法定答复期限：正在征求第三方意见，所需时间不计算在答复期限内",
        "third_party_due_on",
    ),
    Status.AWAITING_PAYMENT: (
        "法定答复期限：等待申请人缴纳信息处理费，所需时间不计算在答复期限内",
        "payment_due_on",
    ),
}
_PERIOD = {"correction_due_on": "补正期限", "third_party_due_on": "第三方答复期限", "payment_due_on": "缴费期限"}


def reply_due_on(application: Application) -> dt.date | None:
    """The reply date the deadline engine keeps (applications.deadline_rules copies it to
    ``due_on``); None while the clock is stopped or the working-day calendar does not cover
    it yet: a legal date is never guessed."""
    return application.due_on


def reply_due_label(application: Application) -> str:
    """ "法定答复期限：2027年1月5日前（20个工作日）", with an approved extension named."""
    stopped = _CLOCK_STOPPED.get(application.status)
    if stopped is not None:
        text, field = stopped
        until = getattr(application, field)
        return text + (f"（{_PERIOD[field]}至{until.year}年{until.month}月{until.day}日）。" if until else "。")
    due = reply_due_on(application)
    if due is None:
        return DUE_UNKNOWN
    if application.late_reply_on:
        reason = application.late_reply_reason[:100]
        return f"答复期限：{due.year}年{due.month}月{due.day}日前（依第三十五条确定的延迟答复期限；理由：{reason}）"
    days = f"{clock.REPLY_WORKING_DAYS}个工作日"
    if application.extension_days:
        days += f"，已延长{application.extension_days}个工作日"
    return f"法定答复期限：{due.year}年{due.month}月{due.day}日前（{days}）"


def masked_id(value: str) -> str:
    """An identity number or credit code with all but its first and last four characters hidden."""
    if len(value) <= 8:
        return "*" * len(value)
    return value[:4] + "*" * (len(value) - 8) + value[-4:]


def applicant_events(application: Application) -> QuerySet[ApplicationEvent]:
    return application.events.filter(visible_to_applicant=True).order_by("at", "id")


def correction_notice(application: Application) -> ApplicationEvent | None:
    """The 补正 notice the applicant was sent (the items to correct and the period)."""
    return (
        application.events.filter(action=ApplicationEvent.Action.CORRECTION, visible_to_applicant=True)
        .order_by("-at", "-id")
        .first()
    )
