"""`python manage.py demo_accounts`: every app's demo accounts in one table (printed last
by `make run`, beside the URL)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from organisations.demo import account_table, all_demo_accounts


class Command(BaseCommand):
    help = "列出全部演示账号（用户名、密码、角色、所属机构、登录地址）。"

    def add_arguments(self, parser) -> None:
        parser.add_argument("--base-url", default="", help="门户地址，例如 http://127.0.0.1:8000，用于拼出登录地址。")

    def handle(self, *args, base_url: str = "", **options) -> None:
        accounts = all_demo_accounts()
        present = set(
            get_user_model()
            .objects.filter(username__in=[a.username for a in accounts])
            .values_list("username", flat=True)
        )
        loaded = [a for a in accounts if a.username in present]
        if not loaded:
            self.stdout.write("尚未载入演示账号：请先运行 make demo。")
            return
        self.stdout.write(
            "演示账号（仅供本地演示，切勿用于生产环境；登录地址前加 " + (base_url.rstrip("/") or "门户地址") + "）："
        )
        self.stdout.write(account_table(loaded))
        self.stdout.write("已存在的账号不会重置密码；如已修改过密码，请使用修改后的密码。")
