"""`python manage.py load_demo_decisions`: the decisions demo (decisions.demo), after `load_demo`.
Safe to run again: what exists is left as staff left it."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from decisions import demo


class Command(BaseCommand):
    help = "载入重大行政决策演示数据：本年度目录（含正在征求意见的决策草案）和决策承办人账号。可重复运行。"

    def handle(self, *args, **options) -> None:
        try:
            demo.load(stdout=self.stdout)
        except LookupError as exc:
            raise CommandError(str(exc)) from exc
