"""What the applicant reads about their own application: the legal reply date as the
receipt states it, the steps that concern them, and their identity number masked."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from workdays import CalendarUnavailable

from . import clock
from .models import Application, ApplicationEvent

DUE_UNKNOWN = "法定答复期限：工作日历尚未覆盖该期间，答复期限将在日历公布后确认（20个工作日）。"


def reply_due_on(application: Application) -> dt.date | None:
    """The stored due date, else the 20th working day after receipt (Art. 33); None when
    the working-day calendar does not cover it yet: a legal date is never guessed."""
    if application.due_on:
        return application.due_on
    if application.received_on is None:
        return None
    try:
        return clock.reply_due_on(application.received_on)
    except CalendarUnavailable:
        return None


def reply_due_label(application: Application) -> str:
    """ "法定答复期限：2027年1月5日前（20个工作日）", with an approved extension named."""
    due = reply_due_on(application)
    if due is None:
        return DUE_UNKNOWN
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
