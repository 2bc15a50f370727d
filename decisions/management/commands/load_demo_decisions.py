"""`python manage.py load_demo_decisions`: the decisions demo (decisions.demo), after `load_demo`.
Safe to run again: what exists is left as staff left it."""

from __future__ import annotations

import logging

from django.core.management.base import BaseCommand, CommandError

import workdays

from ... import demo


class Command(BaseCommand):
    help = "载入重大行政决策演示数据：本年度目录（含正在征求意见的决策草案）和决策承办人账号。可重复运行。"

    def handle(self, *args, **options) -> None:
        # Each stored demo opinion is logged at INFO by the services: noise in `make run`.
        services_log = logging.getLogger("decisions.services")
        level = services_log.level
        services_log.setLevel(logging.WARNING)
        try:
            loaded = demo.load()
        except (LookupError, workdays.CalendarUnavailable) as exc:
            raise CommandError(str(exc)) from exc
        finally:
            services_log.setLevel(level)
        catalogue = loaded.catalogue
        self.stdout.write(
            f"重大行政决策演示数据已就绪：{catalogue}，共 {catalogue.decisions.count()} 项"
            f"（本次新增 {len(loaded.created)} 项）。"
        )
        for account in demo.ACCOUNTS:
            self.stdout.write(f"演示账号：{account.username}（{account.role_label}，{account.organisation}）")
