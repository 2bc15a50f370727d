"""`python manage.py load_demo_applications`: the disclosure-on-application demo
(applications.demo), after `load_demo`. Safe to run again: what exists is left as staff left it."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from applications import demo


class Command(BaseCommand):
    help = "载入依申请公开演示数据：政府信息公开指南、若干件各渠道的申请和依申请公开角色账号。可重复运行。"

    def handle(self, *args, **options) -> None:
        try:
            demo.load(stdout=self.stdout)
        except LookupError as exc:
            raise CommandError(str(exc)) from exc
