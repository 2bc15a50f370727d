"""Load the demo events (run after `load_demo`). Idempotent."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from events import demo


class Command(BaseCommand):
    help = "加载演示活动（政府开放月、政策宣讲、座谈会；可重复运行，不会重复创建）。请先运行 load_demo。"

    def handle(self, *args, **options) -> None:
        demo.load(stdout=self.stdout)
