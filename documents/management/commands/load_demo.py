from __future__ import annotations

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "载入演示数据（可重复运行）。"

    def handle(self, *args, **options) -> None:
        self.stdout.write("演示数据：待实现")
