"""The nightly task runs every rule and stores one dated result per rule; the dashboard's
trend reads those results month by month."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from compliance import rules, selectors, services
from compliance.models import Level, RuleResult
from compliance.tasks import run_compliance_check
from factories import PolicyDocumentFactory

from .conftest import TODAY, at

pytestmark = pytest.mark.django_db


def test_the_task_stores_a_dated_result_for_every_rule(frozen):
    levels = run_compliance_check()

    stored = RuleResult.objects.filter(run_on=TODAY)
    assert sorted(levels) == sorted(rule.code for rule in rules.RULES)
    assert stored.count() == len(rules.RULES)
    home = stored.get(rule="home_latest")  # an empty database: nothing on the home page
    assert home.level == Level.RED and home.finding_count == 1
    assert home.findings[0]["url"].startswith("/admin/")


def test_running_again_the_same_day_replaces_that_days_result(frozen):
    services.compliance_run()
    PolicyDocumentFactory(published=True, published_at=at(TODAY))
    services.compliance_run()

    home = RuleResult.objects.filter(rule="home_latest")
    assert home.count() == 1 and home.get().level == Level.GREEN and home.get().findings == []


def test_each_day_keeps_its_own_result():
    with time_machine.travel(at(dt.date(2026, 5, 15)), tick=False):
        services.compliance_run()
    with time_machine.travel(at(TODAY), tick=False):
        PolicyDocumentFactory(published=True, published_at=at(TODAY))
        services.compliance_run()

    home = dict(RuleResult.objects.filter(rule="home_latest").values_list("run_on", "level"))
    assert home == {dt.date(2026, 5, 15): Level.RED, TODAY: Level.GREEN}


def test_a_failing_rule_is_stored_as_not_checked_and_the_others_still_run(frozen, monkeypatch):
    def broken(today):
        raise RuntimeError("boom")

    monkeypatch.setattr(rules, "RULES", [rules.Rule("broken", "坏规则", "测试", broken), *rules.RULES[:1]])
    results = services.compliance_run()

    assert [(r.rule, r.level) for r in results] == [("broken", Level.ERROR), ("messages_overdue", Level.GREEN)]
    assert "出错" in results[0].note


def test_the_trend_shows_each_months_last_result_over_twelve_months():
    for day in [dt.date(2025, 6, 10), dt.date(2025, 7, 3), dt.date(2026, 4, 2), dt.date(2026, 4, 28)]:
        with time_machine.travel(at(day), tick=False):
            if day == dt.date(2026, 4, 28):
                PolicyDocumentFactory(published=True, published_at=at(day))
            services.compliance_run()

    months, rows = selectors.trend(TODAY)
    assert months[0] == dt.date(2025, 7, 1) and months[-1] == dt.date(2026, 6, 1) and len(months) == 12
    home = next(row for row in rows if row.rule.code == "home_latest")
    by_month = {month: cell for month, cell in zip(months, home.cells, strict=True)}
    assert by_month[dt.date(2025, 7, 1)].level == Level.RED  # June 2025 is out of the window
    assert by_month[dt.date(2026, 4, 1)].run_on == dt.date(2026, 4, 28)
    assert by_month[dt.date(2026, 4, 1)].level == Level.GREEN
    assert by_month[dt.date(2026, 5, 1)] is None
