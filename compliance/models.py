"""The stored results of the compliance self-check: one row per rule and day.

A run (compliance.services.compliance_run) writes, for every rule of
compliance.rules.RULES, the day's level (red / amber / green), how many findings it
had and the findings themselves (labels and admin links only, never a citizen's
name or contact), so the dashboard shows the latest state and the trend over the
last 12 months. Running again on the same day replaces that day's row.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone


class Level(models.TextChoices):
    """A rule's line on the dashboard; ordered from best to worst in LEVEL_ORDER."""

    GREEN = "green", "合规"
    AMBER = "amber", "需关注"
    RED = "red", "不合规"
    ERROR = "error", "未能检查"


LEVEL_ORDER = [Level.GREEN, Level.AMBER, Level.RED, Level.ERROR]


def worst(levels) -> str:
    """The worst of `levels` (green when there are none)."""
    ranks = [LEVEL_ORDER.index(level) for level in levels]
    return LEVEL_ORDER[max(ranks)].value if ranks else Level.GREEN.value


class RuleResult(models.Model):
    run_on = models.DateField("检查日期", db_index=True)
    rule = models.CharField("规则", max_length=50)
    level = models.CharField("结果", max_length=10, choices=Level.choices)
    finding_count = models.PositiveIntegerField("问题数", default=0)
    findings = models.JSONField("问题清单", default=list, blank=True)
    note = models.CharField("说明", max_length=300, blank=True)
    computed_at = models.DateTimeField("运行时间", default=timezone.now)

    class Meta:
        verbose_name = "合规自查结果"
        verbose_name_plural = "合规自查结果"
        ordering = ["-run_on", "rule"]
        constraints = [models.UniqueConstraint(fields=["run_on", "rule"], name="compliance_one_result_per_rule_day")]
        permissions = [
            ("view_compliance_dashboard", "可查看合规自查看板"),
            ("run_compliance_check", "可立即运行合规自查"),
        ]

    def __str__(self) -> str:
        return f"{self.run_on:%Y-%m-%d} {self.rule} {self.get_level_display()}"
