"""`python manage.py load_demo`: the demo data (safe to run again and again)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from documents import demo


class Command(BaseCommand):
    help = "载入演示数据：机构、标签目录、标准目录、示例文件（含徐府发〔2023〕32号）和演示账号。可重复运行。"

    def handle(self, *args, **options) -> None:
        demo.load(stdout=self.stdout)
