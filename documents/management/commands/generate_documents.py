"""manage.py generate_documents: a large synthetic corpus (documents.synthetic)."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError, CommandParser

from documents import synthetic


class Command(BaseCommand):
    help = "生成大量逼真的合成政策文件（已发布、面向社会公开，并写入检索索引），用于检索测试与基准。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--count", type=int, required=True, help="要生成的文件数量。")
        parser.add_argument("--seed", type=int, default=20230606, help="随机种子：相同种子生成相同的文件。")
        parser.add_argument("--quiet", action="store_true", help="不显示进度条。")
        parser.add_argument(
            "--no-index", action="store_true", help="不写入全文检索索引（之后须运行 rebuild_search_index）。"
        )

    def handle(self, *args, count: int, seed: int, quiet: bool, no_index: bool = False, **options) -> None:
        if count < 1:
            raise CommandError("--count 必须是正整数。")
        started = time.monotonic()
        made = synthetic.generate(count, seed=seed, progress=not quiet, index=not no_index)
        seconds = time.monotonic() - started
        indexed = "" if no_index else "并写入检索索引"
        self.stdout.write(
            f"已生成{indexed} {made} 份文件，用时 {seconds:.1f} 秒（{made / max(seconds, 1e-6):.0f} 份/秒）。"
        )
