"""The annual report on government information disclosure (政府信息公开工作年度报告, Art. 49-50).

One AnnualReport per year and reporting organ: the town government (徐泾镇人民政府), and each
office that reports on its own (a ReportingOrgan). Its three text parts are written by staff
from a generated draft; its tables are the figures the portal computed (``figures``, stored
when the draft is generated or regenerated, frozen once published) and the figures staff
enter because the portal does not hold them (行政许可, 行政处罚, 行政强制, 行政事业性收费),
each with its source. A staff figure is a number, blank (not yet entered) or 不适用.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from organisations.models import Organisation

from . import format as fmt


class ReportingOrgan(models.Model):
    """An office that publishes its own annual report: the town government's report then
    leaves out its documents, applications and reviews."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name="单独报告的机构"
    )
    since_year = models.PositiveSmallIntegerField("自哪一年度起单独报告")
    note = models.CharField("说明", max_length=200, blank=True)

    class Meta:
        verbose_name = "单独编制年度报告的机构"
        verbose_name_plural = "单独编制年度报告的机构"
        ordering = ["organisation__order", "organisation_id"]

    def __str__(self) -> str:
        return f"{self.organisation}（自{self.since_year}年度）"

    def clean(self) -> None:
        super().clean()
        if self.organisation_id and self.organisation.kind == Organisation.Kind.GOVERNMENT:
            raise ValidationError({"organisation": "镇人民政府总是编制年度报告，无需登记。"})


class AnnualReportQuerySet(models.QuerySet):
    def published(self) -> AnnualReportQuerySet:
        return self.filter(status=AnnualReport.Status.PUBLISHED, published_at__isnull=False)


class AnnualReport(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "草稿"
        PUBLISHED = "published", "已发布"

    year = models.PositiveSmallIntegerField("报告年度")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="annual_reports", verbose_name="报告机关"
    )
    overview = models.TextField(fmt.PART_OVERVIEW, blank=True)
    problems = models.TextField(fmt.PART_PROBLEMS, blank=True)
    other_matters = models.TextField(fmt.PART_OTHER, blank=True)

    # Figures staff enter (the portal does not hold them): a number, blank (None) or 不适用.
    licensing_count = models.PositiveIntegerField("行政许可：本年处理决定数量", null=True, blank=True)
    licensing_not_applicable = models.BooleanField("行政许可：不适用", default=False)
    licensing_source = models.CharField("行政许可：数据来源", max_length=200, blank=True)
    penalty_count = models.PositiveIntegerField("行政处罚：本年处理决定数量", null=True, blank=True)
    penalty_not_applicable = models.BooleanField("行政处罚：不适用", default=False)
    penalty_source = models.CharField("行政处罚：数据来源", max_length=200, blank=True)
    enforcement_count = models.PositiveIntegerField("行政强制：本年处理决定数量", null=True, blank=True)
    enforcement_not_applicable = models.BooleanField("行政强制：不适用", default=False)
    enforcement_source = models.CharField("行政强制：数据来源", max_length=200, blank=True)
    fee_amount = models.DecimalField(
        "行政事业性收费：本年收费金额（万元）", max_digits=12, decimal_places=4, null=True, blank=True
    )
    fee_not_applicable = models.BooleanField("行政事业性收费：不适用", default=False)
    fee_source = models.CharField("行政事业性收费：数据来源", max_length=200, blank=True)

    # The computed tables (reports.figures), stored when generated; frozen once published.
    figures = models.JSONField("统计数据", default=dict, blank=True, editable=False)
    generated_at = models.DateTimeField("数据生成时间", null=True, blank=True, editable=False)

    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.DRAFT, editable=False)
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name="编写人",
    )
    published_at = models.DateTimeField("发布时间", null=True, blank=True, editable=False)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name="审签人",
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = AnnualReportQuerySet.as_manager()

    class Meta:
        verbose_name = "政府信息公开工作年度报告"
        verbose_name_plural = "政府信息公开工作年度报告"
        ordering = ["-year", "organisation__order", "organisation_id"]
        permissions = [("publish_annualreport", "审签发布政府信息公开工作年度报告")]
        constraints = [
            models.UniqueConstraint(fields=["year", "organisation"], name="reports_one_report_per_year_and_organ")
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        """The public page once published; before, the admin page where staff finish it
        (what "my deadlines" links the January 31 deadline to)."""
        if not self.is_published:
            return reverse("admin:reports_annualreport_change", args=[self.pk])
        if self.is_town_government:
            return reverse("reports:annual_detail", args=[self.year])
        return reverse("reports:annual_organ", args=[self.year, self.organisation.slug])

    @property
    def title(self) -> str:
        return f"{self.organisation.name}{self.year}年政府信息公开工作年度报告"

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def is_town_government(self) -> bool:
        return self.organisation.kind == Organisation.Kind.GOVERNMENT

    def clean(self) -> None:
        super().clean()
        errors: dict[str, str] = {}
        for name, label in STAFF_FIGURES:
            value = getattr(self, f"{name}_count" if name != "fee" else "fee_amount")
            if value is not None and getattr(self, f"{name}_not_applicable"):
                errors[f"{name}_not_applicable"] = f"{label}已填写数字，不能同时选择“不适用”。"
        if errors:
            raise ValidationError(errors)

    def staff_figure(self, name: str) -> int | str | None:
        """A staff-entered figure as the table shows it: the number, 不适用, or None (blank).
        The fee is a Decimal in 万元."""
        if getattr(self, f"{name}_not_applicable"):
            return fmt.NOT_APPLICABLE
        return self.fee_amount if name == "fee" else getattr(self, f"{name}_count")


# The staff-entered figures of table 2: field prefix and the format's row label.
STAFF_FIGURES: tuple[tuple[str, str], ...] = (
    ("licensing", fmt.LICENSING),
    ("penalty", fmt.PENALTIES),
    ("enforcement", fmt.ENFORCEMENT),
    ("fee", fmt.FEES),
)
