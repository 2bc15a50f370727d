"""The deadline engine's writes: start, extend, meet, cancel, pause, resume, the
recomputation after a calendar change, and the periodic sweep."""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone

import workdays
from notifications import outbox
from organisations.models import Organisation

from .models import Deadline, DeadlineEvent, DeadlinePause

logger = logging.getLogger(__name__)


def _subject_filter(subject: models.Model) -> dict:
    return {"content_type": ContentType.objects.get_for_model(subject), "object_id": subject.pk}


def deadline_for(subject: models.Model, kind: str) -> Deadline | None:
    """The active deadline of ``kind`` on ``subject``, else the latest closed one."""
    deadlines = Deadline.objects.filter(**_subject_filter(subject), kind=kind)
    return deadlines.active().first() or deadlines.order_by("-id").first()


def _active(subject: models.Model, kind: str) -> Deadline | None:
    return Deadline.objects.select_for_update().filter(**_subject_filter(subject), kind=kind).active().first()


def compute_due_date(deadline: Deadline, calendar: workdays.WorkingCalendar | None = None) -> dt.date | None:
    """Start date + working days + the working days of every finished pause;
    None when the calendar does not cover the period (never a guess)."""
    calendar = calendar or workdays.WorkingCalendar()
    try:
        pauses = deadline.pauses.all() if deadline.pk else []
        paused = sum(
            calendar.working_days_between(pause.paused_on, pause.resumed_on) for pause in pauses if pause.resumed_on
        )
        return calendar.add_working_days(deadline.start_date, deadline.working_days + paused)
    except workdays.CalendarUnavailable:
        return None


def derive_state(deadline: Deadline, today: dt.date, calendar: workdays.WorkingCalendar | None = None) -> str:
    """open / due_soon / overdue from the dates (active deadlines only)."""
    if deadline.due_date is None or deadline.paused_since:
        return Deadline.State.OPEN
    if deadline.due_date < today:
        return Deadline.State.OVERDUE
    left = deadline.working_days_left(today, calendar)
    return Deadline.State.DUE_SOON if left is not None and left <= deadline.remind_before else Deadline.State.OPEN


def _recompute(deadline: Deadline, *, calendar: workdays.WorkingCalendar, note: str) -> bool:
    """Recompute the due date in place; True (and an event) if it changed."""
    before = deadline.due_date
    deadline.due_date = compute_due_date(deadline, calendar)
    deadline.calendar_unconfirmed = deadline.due_date is None
    deadline.state = derive_state(deadline, timezone.localdate(), calendar)
    deadline.save(update_fields=["due_date", "calendar_unconfirmed", "state", "updated_at"])
    if deadline.due_date == before:
        return False
    DeadlineEvent.objects.create(
        deadline=deadline,
        kind=DeadlineEvent.Kind.RECOMPUTED,
        due_date_before=before,
        due_date_after=deadline.due_date,
        note=note,
    )
    return True


@transaction.atomic
def deadline_start(
    *,
    subject: models.Model,
    kind: str,
    purpose: str,
    legal_basis: str,
    start: dt.date,
    working_days: int,
    organisation: Organisation | None,
    remind_before: int | None = None,
) -> Deadline:
    """Start the clock (idempotent: an active deadline of ``kind`` on
    ``subject`` is returned unchanged)."""
    existing = _active(subject, kind)
    if existing:
        return existing
    deadline = Deadline(
        **_subject_filter(subject),
        kind=kind,
        purpose=purpose[:300],
        legal_basis=legal_basis[:500],
        start_date=start,
        working_days=working_days,
        organisation=organisation,
        remind_before=settings.DEADLINE_REMIND_BEFORE_DAYS if remind_before is None else remind_before,
    )
    calendar = workdays.WorkingCalendar()
    deadline.due_date = compute_due_date(deadline, calendar)
    deadline.calendar_unconfirmed = deadline.due_date is None
    deadline.state = derive_state(deadline, timezone.localdate(), calendar)
    deadline.full_clean(exclude=["content_type", "object_id"])
    deadline.save()
    DeadlineEvent.objects.create(deadline=deadline, kind=DeadlineEvent.Kind.STARTED, due_date_after=deadline.due_date)
    return deadline


@transaction.atomic
def deadline_restart(*, subject: models.Model, kind: str, start: dt.date) -> Deadline | None:
    """Move the start of an active deadline (e.g. the 成文日期 was corrected)."""
    deadline = _active(subject, kind)
    if deadline is None or deadline.start_date == start:
        return deadline
    deadline.start_date = start
    deadline.save(update_fields=["start_date", "updated_at"])
    _recompute(deadline, calendar=workdays.WorkingCalendar(), note=f"起算日期改为{start:%Y-%m-%d}")
    return deadline


@transaction.atomic
def deadline_extend(*, subject: models.Model, kind: str, working_days: int, note: str) -> Deadline | None:
    """Lengthen an active deadline to ``working_days`` in all (an approved extension); the
    due date is recomputed and, being new, is reminded of again."""
    deadline = _active(subject, kind)
    if deadline is None or deadline.working_days == working_days:
        return deadline
    deadline.working_days = working_days
    deadline.reminder_sent_at = deadline.overdue_notice_sent_at = None
    deadline.save(update_fields=["working_days", "reminder_sent_at", "overdue_notice_sent_at", "updated_at"])
    _recompute(deadline, calendar=workdays.WorkingCalendar(), note=note[:300])
    return deadline


def _close(subject: models.Model, kind: str, *, state: str, on: dt.date, reason: str, event: str) -> Deadline | None:
    deadline = _active(subject, kind)
    if deadline is None:
        return None
    deadline.state, deadline.closed_on, deadline.close_reason = state, on, reason[:300]
    deadline.paused_since = None
    deadline.save(update_fields=["state", "closed_on", "close_reason", "paused_since", "updated_at"])
    DeadlineEvent.objects.create(deadline=deadline, kind=event, note=reason[:300])
    return deadline


@transaction.atomic
def deadline_meet(*, subject: models.Model, kind: str, on: dt.date | None = None) -> Deadline | None:
    """Done: the active deadline (if any) is met, on ``on`` or today."""
    return _close(
        subject, kind, state=Deadline.State.MET, on=on or timezone.localdate(), reason="", event=DeadlineEvent.Kind.MET
    )


@transaction.atomic
def deadline_cancel(*, subject: models.Model, kind: str, reason: str = "") -> Deadline | None:
    return _close(
        subject,
        kind,
        state=Deadline.State.CANCELLED,
        on=timezone.localdate(),
        reason=reason,
        event=DeadlineEvent.Kind.CANCELLED,
    )


@transaction.atomic
def deadline_pause(*, subject: models.Model, kind: str, on: dt.date) -> Deadline | None:
    """Stop the clock (a no-op if it is already stopped)."""
    deadline = _active(subject, kind)
    if deadline is None or deadline.paused_since:
        return deadline
    DeadlinePause.objects.create(deadline=deadline, paused_on=on)
    deadline.paused_since = on
    deadline.state = Deadline.State.OPEN
    deadline.save(update_fields=["paused_since", "state", "updated_at"])
    DeadlineEvent.objects.create(deadline=deadline, kind=DeadlineEvent.Kind.PAUSED, note=f"{on:%Y-%m-%d}起暂停")
    return deadline


@transaction.atomic
def deadline_resume(*, subject: models.Model, kind: str, on: dt.date) -> Deadline | None:
    """Restart the clock; the due date moves by the working days paused."""
    deadline = _active(subject, kind)
    if deadline is None or not deadline.paused_since:
        return deadline
    pause = deadline.pauses.filter(resumed_on__isnull=True).order_by("-paused_on").first()
    pause.resumed_on = max(on, pause.paused_on)
    pause.save(update_fields=["resumed_on"])
    deadline.paused_since = None
    deadline.save(update_fields=["paused_since", "updated_at"])
    DeadlineEvent.objects.create(deadline=deadline, kind=DeadlineEvent.Kind.RESUMED, note=f"{on:%Y-%m-%d}恢复计时")
    _recompute(deadline, calendar=workdays.WorkingCalendar(), note="暂停后顺延")
    return deadline


def deadlines_recompute_for_calendar(*, first_date: dt.date, last_date: dt.date, note: str) -> int:
    """Recompute every active deadline a calendar change between the two
    dates can affect; returns how many due dates changed. Runs inside the
    calendar change's transaction."""
    calendar = workdays.WorkingCalendar()
    affected = Deadline.objects.active().filter(
        models.Q(due_date__isnull=True) | models.Q(start_date__lt=last_date, due_date__gte=first_date)
    )
    changed = 0
    for deadline in affected.select_for_update().prefetch_related("pauses"):
        changed += _recompute(deadline, calendar=calendar, note=note)
    return changed


def _notice_text(deadline: Deadline, *, overdue: bool, today: dt.date) -> tuple[str, str]:
    left = deadline.working_days_left(today)
    if overdue:
        subject = f"【已逾期】{deadline.purpose}"
        status = f"已于{deadline.due_date:%Y年%m月%d日}到期，目前逾期{-left if left is not None else '若干'}个工作日。"
    else:
        subject = f"【即将到期】{deadline.purpose}"
        status = f"将于{deadline.due_date:%Y年%m月%d日}到期，还剩{left}个工作日。"
    body = (
        f"{deadline.organisation or '各位（此事项尚未分派承办单位）'}：\n\n"
        f"事项：{deadline.purpose}\n"
        f"法律依据：{deadline.legal_basis}\n"
        f"起算日期：{deadline.start_date:%Y年%m月%d日}，期限{deadline.working_days}个工作日。\n"
        f"{status}\n\n"
        f"请登录管理后台查看“我的期限”：{settings.SITE_URL}/staff/deadlines/\n"
    )
    return subject, body


def _escalate(deadline_id: int, *, overdue: bool, today: dt.date, now: dt.datetime) -> bool:
    """Claim one deadline for one notice with a conditional update, and write
    the notice in the same transaction. False if someone else claimed it."""
    field = "overdue_notice_sent_at" if overdue else "reminder_sent_at"
    state = Deadline.State.OVERDUE if overdue else Deadline.State.DUE_SOON
    with transaction.atomic():
        claimed = (
            Deadline.objects.running()
            .filter(pk=deadline_id, **{f"{field}__isnull": True})
            .update(**{field: now, "state": state, "updated_at": now})
        )
        if not claimed:
            return False
        deadline = Deadline.objects.select_related("organisation").get(pk=deadline_id)
        kind = DeadlineEvent.Kind.OVERDUE_NOTICE if overdue else DeadlineEvent.Kind.REMINDED
        DeadlineEvent.objects.create(deadline=deadline, kind=kind, at=now)
        subject, body = _notice_text(deadline, overdue=overdue, today=today)
        key = f"deadline:{deadline.pk}:{'overdue' if overdue else 'reminder'}"
        if deadline.organisation:
            outbox.notify_organisation(organisation=deadline.organisation, subject=subject, body=body, key=key)
        else:
            # Nobody holds it yet: whoever dispatches the work is told instead.
            addresses = outbox.group_addresses(settings.DEADLINE_UNASSIGNED_GROUPS)
            outbox.notify_each(addresses, subject=subject, body=body, key=key)
    return True


def deadlines_sweep(*, today: dt.date | None = None) -> dict[str, int]:
    """Derive due soon / overdue from the dates and send each deadline at
    most one reminder and one overdue notice. Safe to run twice at once and
    after any gap: a deadline already overdue when the sweep comes back gets
    its overdue notice only (one escalation, not a reminder and a notice)."""
    today = today or timezone.localdate()
    now = timezone.now()
    calendar = workdays.WorkingCalendar()
    overdue_ids = list(
        Deadline.objects.overdue(today).filter(overdue_notice_sent_at__isnull=True).values_list("pk", flat=True)
    )
    sent_overdue = sum(_escalate(pk, overdue=True, today=today, now=now) for pk in overdue_ids)
    soon_ids = list(
        Deadline.objects.due_soon(today, calendar)
        .filter(reminder_sent_at__isnull=True, overdue_notice_sent_at__isnull=True)
        .values_list("pk", flat=True)
    )
    sent_reminders = sum(_escalate(pk, overdue=False, today=today, now=now) for pk in soon_ids)
    # Keep the stored state in line with the dates (e.g. after a calendar change).
    running = Deadline.objects.running()
    running.overdue(today).exclude(state=Deadline.State.OVERDUE).update(state=Deadline.State.OVERDUE)
    soon = running.due_soon(today, calendar)
    soon.exclude(state=Deadline.State.DUE_SOON).update(state=Deadline.State.DUE_SOON)
    running.filter(due_date__gt=today).exclude(pk__in=soon.values("pk")).exclude(state=Deadline.State.OPEN).update(
        state=Deadline.State.OPEN
    )
    result = {"reminders": sent_reminders, "overdue_notices": sent_overdue}
    logger.info("Deadline sweep for %s: %s", today, result)
    return result
