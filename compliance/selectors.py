"""Reads of the compliance dashboard: the latest run's line per rule and the trend."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Max

from .models import Level, RuleResult
from .rules import RULES, Rule

TREND_MONTHS = 12


@dataclass
class Line:
    rule: Rule
    result: RuleResult | None  # None: the rule has not been run yet

    @property
    def level(self) -> str:
        return self.result.level if self.result else ""

    @property
    def level_label(self) -> str:
        return self.result.get_level_display() if self.result else "尚未检查"


@dataclass
class TrendRow:
    rule: Rule
    cells: list[RuleResult | None] = field(default_factory=list)  # one per month, oldest first


def latest_run_on() -> dt.date | None:
    return RuleResult.objects.aggregate(last=Max("run_on"))["last"]


def lines() -> tuple[dt.date | None, list[Line]]:
    """The latest run's day and one line per rule, in the rules' order."""
    run_on = latest_run_on()
    stored = {r.rule: r for r in RuleResult.objects.filter(run_on=run_on)} if run_on else {}
    return run_on, [Line(rule, stored.get(rule.code)) for rule in RULES]


def summary(rule_lines: list[Line]) -> dict[str, int]:
    counts = {level.value: 0 for level in Level}
    for line in rule_lines:
        if line.result:
            counts[line.result.level] += 1
    return counts


def trend_months(today: dt.date) -> list[dt.date]:
    """The first day of each of the last 12 months, this one last."""
    index = today.year * 12 + today.month - 1
    return [dt.date(i // 12, i % 12 + 1, 1) for i in range(index - TREND_MONTHS + 1, index + 1)]


def trend(today: dt.date) -> tuple[list[dt.date], list[TrendRow]]:
    """Per rule and month, the month's last stored result (None for a month without a run)."""
    months = trend_months(today)
    last: dict[tuple[str, dt.date], RuleResult] = {}
    results = RuleResult.objects.filter(run_on__gte=months[0], run_on__lte=today).defer("findings").order_by("run_on")
    for result in results:
        last[result.rule, result.run_on.replace(day=1)] = result
    rows = [TrendRow(rule, [last.get((rule.code, month)) for month in months]) for rule in RULES]
    return months, rows
