"""Load the demo interpretations (run after `load_demo`). Idempotent."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from interpretations.demo import load_demo_interpretations


class Command(BaseCommand):
    help = "为种子文件和几份演示政策加载演示解读（可重复运行，不会重复创建）。请先运行 load_demo。"

    def handle(self, *args, **options) -> None:
        report = load_demo_interpretations()
        self.stdout.write(f"演示解读：新建 {len(report.created)} 份，已存在 {len(report.existing)} 份。")
        for title in report.skipped:
            self.stdout.write(self.style.WARNING(f"跳过（找不到已发布的对应文件，请先运行 load_demo）：{title}"))
