"""Load the demo interpretations (run after `load_demo`). Idempotent."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from interpretations import demo


class Command(BaseCommand):
    help = "为种子文件和几份演示政策加载演示解读（可重复运行，不会重复创建）。请先运行 load_demo。"

    def handle(self, *args, **options) -> None:
        demo.load(stdout=self.stdout)
