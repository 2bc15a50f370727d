"""System check: warn when a year deadlines will need is not in the calendar."""

from __future__ import annotations

from django.core.checks import Tags, Warning, register
from django.db import DatabaseError
from django.utils import timezone

from .working_calendar import missing_years


@register(Tags.database)
def check_calendar_years(app_configs=None, databases=None, **kwargs) -> list[Warning]:
    """A database check: it runs with ``migrate`` and ``check --database default``
    (the admin banner shows the same warning all the time)."""
    if not databases:
        return []
    try:
        years = missing_years(timezone.localdate())
    except DatabaseError:
        return []  # tables not created yet (before the first migrate)
    return [
        Warning(
            f"工作日历缺少{year}年的法定节假日和调休安排，落入该年的期限无法计算到期日。",
            hint=f"国务院办公厅通知发布后，请在管理后台“工作日历 › 日历年度 › 导入年度安排”中导入{year}年的安排。",
            id="workdays.W001",
        )
        for year in years
    ]
