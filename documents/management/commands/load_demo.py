"""`python manage.py load_demo`: the demo data (safe to run again and again)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from documents.demo.loader import Account, DemoReport, load_demo
from documents.models import PolicyDocument
from organisations.demo import text_table


def account_table(accounts: list[Account]) -> str:
    rows = [("用户名", "角色", "密码", "所属机构")] + [
        (a.username, a.role, a.password, a.organisation) for a in accounts
    ]
    return text_table(rows)


class Command(BaseCommand):
    help = "载入演示数据：机构、标签目录、标准目录、示例文件（含徐府发〔2023〕32号）和演示账号。可重复运行。"

    def handle(self, *args, **options) -> None:
        report = load_demo()
        self._scan_privacy(report)
        self._sync_search(report)
        self._print_summary(report)

    def _scan_privacy(self, report: DemoReport) -> None:
        """Run the privacy scan on new documents awaiting review, if the workflow service exists."""
        try:
            from documents.services import document_scan_privacy
        except ImportError:
            return
        for document in PolicyDocument.objects.filter(pk__in=report.scanned_ids):
            document_scan_privacy(document=document)

    def _sync_search(self, report: DemoReport) -> None:
        from documents.search_sync import sync_document

        for pk in report.published_ids:
            sync_document(pk)

    def _print_summary(self, report: DemoReport) -> None:
        kinds = list(dict.fromkeys([*report.created, *report.existing]))
        parts = [f"{k}新增 {report.created.get(k, 0)}、已有 {report.existing.get(k, 0)}" for k in kinds]
        self.stdout.write("演示数据已就绪：" + "；".join(parts) + "。")
        self.stdout.write("")
        self.stdout.write("演示账号（仅供本地演示，切勿用于生产环境）：")
        self.stdout.write(account_table(report.accounts))
        if any(not a.created for a in report.accounts):
            self.stdout.write("已存在的账号不会重置密码；如已修改过密码，请使用修改后的密码。")
        self.stdout.write("工作人员请在 /admin/ 登录。")
