"""`python manage.py load_demo_reports`: the annual report demo (reports.demo), after
`load_demo_applications`. Safe to run again: what exists is left as staff left it."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from reports import demo


class Command(BaseCommand):
    help = "载入政府信息公开工作年度报告演示数据：2024、2025年的若干申请，已发布的2024年度报告和待审签的2025年度报告。可重复运行。"

    def handle(self, *args, **options) -> None:
        try:
            demo.load(stdout=self.stdout)
        except LookupError as exc:
            raise CommandError(str(exc)) from exc
