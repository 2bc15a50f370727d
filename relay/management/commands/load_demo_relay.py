"""Load the demo relay partners and packages (run after `load_demo`). Idempotent."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from relay import demo


class Command(BaseCommand):
    help = "加载政策接力推送的演示数据（接力单位、接力包、联络员账号；可重复运行，不会重复创建）。请先运行 load_demo。"

    def handle(self, *args, **options) -> None:
        demo.load(stdout=self.stdout)
