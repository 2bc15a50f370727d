from __future__ import annotations

from django.conf import settings
from django.db import models

from xujing_portal.append_only import AppendOnlyModel


class CalendarYear(models.Model):
    """A year whose official arrangement staff have entered and confirmed.

    Years the chinesecalendar package covers need no row; any other year is
    usable only once confirmed (an import confirms it)."""

    year = models.PositiveSmallIntegerField("年份", unique=True)
    confirmed = models.BooleanField(
        "已确认", default=False, help_text="已按国务院办公厅通知录入全年放假和调休安排；确认后才按此计算工作日。"
    )
    source = models.CharField(
        "依据", max_length=200, blank=True, help_text="例如国务院办公厅关于某年部分节假日安排的通知。"
    )
    confirmed_at = models.DateTimeField("确认时间", null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="确认人",
    )

    class Meta:
        verbose_name = "日历年度"
        verbose_name_plural = "日历年度"
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"{self.year}年（{'已确认' if self.confirmed else '未确认'}）"


class CalendarEntry(models.Model):
    """One day that differs from the default: a holiday (休) or a make-up
    working day (班). Overrides the package for the years it covers."""

    class Kind(models.TextChoices):
        HOLIDAY = "holiday", "放假（休）"
        WORKDAY = "workday", "调休上班（班）"

    date = models.DateField("日期", unique=True)
    kind = models.CharField("类型", max_length=10, choices=Kind.choices)
    name = models.CharField("节日名称", max_length=30, help_text="例如“春节”。")
    note = models.CharField("备注", max_length=200, blank=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="更新人",
    )

    class Meta:
        verbose_name = "节假日与调休"
        verbose_name_plural = "节假日与调休"
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.name} {'休' if self.kind == self.Kind.HOLIDAY else '班'}"


class CalendarChange(AppendOnlyModel):
    """Append-only record of every change to the calendar and its effect."""

    changed_at = models.DateTimeField("时间", auto_now_add=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="操作人",
    )
    summary = models.TextField("变更内容")
    first_date = models.DateField("涉及起始日期")
    last_date = models.DateField("涉及截止日期")
    deadlines_recomputed = models.PositiveIntegerField("重新计算的期限数", default=0)

    class Meta:
        verbose_name = "日历变更记录"
        verbose_name_plural = "日历变更记录"
        ordering = ["-changed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.changed_at:%Y-%m-%d %H:%M} {self.summary[:40]}"
