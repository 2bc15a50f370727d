"""Every write of the compliance self-check: one run of every rule, stored per day."""

from __future__ import annotations

import datetime as dt
import logging

from django.db import transaction
from django.utils import timezone

from . import rules
from .models import Level, RuleResult, worst

logger = logging.getLogger(__name__)

MAX_STORED_FINDINGS = 200  # per rule and day; the count is always the full count


@transaction.atomic
def compliance_run(*, today: dt.date | None = None) -> list[RuleResult]:
    """Run every rule for `today` and store its result, replacing that day's earlier run
    (the nightly task and the dashboard's button both call this). A rule that fails is
    stored as 未能检查 and the others still run; the log names the rule only."""
    today = today or timezone.localdate()
    now = timezone.now()
    results = []
    for rule in rules.RULES:
        note = ""
        try:
            with transaction.atomic():  # a failing query must not spoil the run's transaction
                findings = rule.check(today)
            level = worst(finding.level for finding in findings)
        except Exception:
            logger.exception("compliance rule %s failed", rule.code)
            findings, level, note = [], Level.ERROR.value, "检查时出错，请联系系统管理员查看服务器日志。"
        result, _ = RuleResult.objects.update_or_create(
            run_on=today,
            rule=rule.code,
            defaults={
                "level": level,
                "finding_count": len(findings),
                "findings": [finding.as_dict() for finding in findings[:MAX_STORED_FINDINGS]],
                "note": note,
                "computed_at": now,
            },
        )
        results.append(result)
    return results
