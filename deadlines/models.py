from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone

from organisations.models import Organisation
from xujing_portal.append_only import AppendOnlyModel


class DeadlineQuerySet(models.QuerySet):
    def active(self) -> DeadlineQuerySet:
        """Still running: open, due soon or overdue."""
        return self.filter(state__in=Deadline.ACTIVE_STATES)

    def running(self) -> DeadlineQuerySet:
        """Active, with a known due date, and not paused."""
        return self.active().filter(due_date__isnull=False, paused_since__isnull=True)

    def overdue(self, today: dt.date | None = None) -> DeadlineQuerySet:
        return self.running().filter(due_date__lt=today or timezone.localdate())

    def due_soon(self, today: dt.date | None = None, calendar=None) -> DeadlineQuerySet:
        """Due today or within each deadline's own ``remind_before`` working days.

        Computed from the dates, so it is right even if no sweep has run."""
        import workdays

        today = today or timezone.localdate()
        calendar = calendar or workdays.WorkingCalendar()
        windows = Q(pk__in=[])
        for remind_before in self.running().values_list("remind_before", flat=True).distinct().order_by():
            try:
                last = calendar.add_working_days(today, remind_before)
            except workdays.CalendarUnavailable as exc:
                last = dt.date(exc.year, 1, 1) - dt.timedelta(days=1)  # everything known up to the gap
            windows |= Q(remind_before=remind_before, due_date__lte=last)
        return self.running().filter(windows, due_date__gte=today)

    def for_user(self, user) -> DeadlineQuerySet:
        """The deadlines a staff member answers for: their organisation's, those no
        organisation holds yet for the staff reminded of them (DEADLINE_UNASSIGNED_GROUPS),
        or every organisation's for superusers and those who may view all."""
        if user.is_superuser or user.has_perm("deadlines.view_all_deadlines"):
            return self
        profile = getattr(user, "staff_profile", None)
        mine = Q(organisation=profile.organisation_id) if profile else Q(pk__in=[])
        if user.groups.filter(name__in=settings.DEADLINE_UNASSIGNED_GROUPS).exists():
            mine |= Q(organisation__isnull=True)
        return self.filter(mine)


class Deadline(models.Model):
    """A statutory time limit on any object, counted in working days."""

    class State(models.TextChoices):
        OPEN = "open", "进行中"
        DUE_SOON = "due_soon", "即将到期"
        OVERDUE = "overdue", "已逾期"
        MET = "met", "已办结"
        CANCELLED = "cancelled", "已取消"

    ACTIVE_STATES = (State.OPEN, State.DUE_SOON, State.OVERDUE)

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, verbose_name="对象类型")
    object_id = models.PositiveBigIntegerField("对象编号")
    subject = GenericForeignKey("content_type", "object_id")
    kind = models.CharField("期限类型", max_length=50)
    purpose = models.CharField("事项", max_length=300)
    legal_basis = models.CharField("法律依据", max_length=500)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="deadlines", verbose_name="责任机构"
    )
    start_date = models.DateField("起算日期")
    working_days = models.PositiveSmallIntegerField("期限（工作日）")
    due_date = models.DateField("到期日", null=True, blank=True, help_text="起算时按工作日历计算；暂停后顺延。")
    calendar_unconfirmed = models.BooleanField(
        "日历未确认", default=False, help_text="期限落入尚未录入节假日安排的年份，到期日暂无法确定。"
    )
    paused_since = models.DateField("暂停自", null=True, blank=True)
    state = models.CharField("状态", max_length=10, choices=State.choices, default=State.OPEN, db_index=True)
    remind_before = models.PositiveSmallIntegerField("提前提醒（工作日）")
    reminder_sent_at = models.DateTimeField("到期提醒发送时间", null=True, blank=True)
    overdue_notice_sent_at = models.DateTimeField("逾期通知发送时间", null=True, blank=True)
    closed_on = models.DateField("办结/取消日期", null=True, blank=True)
    close_reason = models.CharField("取消原因", max_length=300, blank=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = DeadlineQuerySet.as_manager()

    class Meta:
        verbose_name = "法定期限"
        verbose_name_plural = "法定期限"
        ordering = ["due_date", "id"]
        permissions = [("view_all_deadlines", "可查看所有机构的期限")]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "kind"],
                condition=Q(state__in=["open", "due_soon", "overdue"]),
                name="deadlines_one_active_per_subject_kind",
            )
        ]
        indexes = [models.Index(fields=["state", "due_date"])]

    def __str__(self) -> str:
        return f"{self.purpose}（{self.due_date or '到期日待定'}）"

    @property
    def is_active(self) -> bool:
        return self.state in self.ACTIVE_STATES

    def working_days_left(self, today: dt.date | None = None, calendar=None) -> int | None:
        """Working days from today to the due date (0 on the due date itself,
        negative once overdue); None when the due date is not known."""
        import workdays

        if self.due_date is None:
            return None
        calendar = calendar or workdays.WorkingCalendar()
        try:
            return calendar.working_days_between(today or timezone.localdate(), self.due_date)
        except workdays.CalendarUnavailable:
            return None


class DeadlinePause(models.Model):
    """The clock stopped while the public has to act. Working days d with
    paused_on < d <= resumed_on do not count; the due date moves by as many."""

    deadline = models.ForeignKey(Deadline, on_delete=models.CASCADE, related_name="pauses", verbose_name="期限")
    paused_on = models.DateField("暂停日期")
    resumed_on = models.DateField("恢复日期", null=True, blank=True)

    class Meta:
        verbose_name = "期限暂停"
        verbose_name_plural = "期限暂停"
        ordering = ["paused_on", "id"]

    def __str__(self) -> str:
        return f"{self.paused_on} – {self.resumed_on or '至今'}"


class DeadlineEvent(AppendOnlyModel):
    """Append-only history of a deadline."""

    class Kind(models.TextChoices):
        STARTED = "started", "开始计时"
        RECOMPUTED = "recomputed", "重新计算到期日"
        PAUSED = "paused", "暂停"
        RESUMED = "resumed", "恢复计时"
        REMINDED = "reminded", "发送到期提醒"
        OVERDUE_NOTICE = "overdue_notice", "发送逾期通知"
        MET = "met", "办结"
        CANCELLED = "cancelled", "取消"

    deadline = models.ForeignKey(Deadline, on_delete=models.CASCADE, related_name="events", verbose_name="期限")
    kind = models.CharField("事件", max_length=20, choices=Kind.choices)
    at = models.DateTimeField("时间", default=timezone.now)
    due_date_before = models.DateField("原到期日", null=True, blank=True)
    due_date_after = models.DateField("新到期日", null=True, blank=True)
    note = models.CharField("说明", max_length=300, blank=True)

    class Meta:
        verbose_name = "期限记录"
        verbose_name_plural = "期限记录"
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.at:%Y-%m-%d %H:%M}"
