from __future__ import annotations

import time

from django.core.management.base import BaseCommand
from tqdm import tqdm

from search import indexing


class Command(BaseCommand):
    help = "重建全文检索索引：清空后重新索引所有公开文件。"

    def add_arguments(self, parser) -> None:
        parser.add_argument("--quiet", action="store_true", help="不显示进度条。")

    def handle(self, *args, quiet: bool = False, **options) -> None:
        total = indexing.bulk_count()
        started = time.monotonic()
        with tqdm(total=total, desc="重建索引", unit="份", disable=quiet) as bar:
            count = indexing.rebuild(progress=bar.update)
        seconds = time.monotonic() - started
        self.stdout.write(
            f"已索引 {count} 份公开文件，用时 {seconds:.1f} 秒（{count / max(seconds, 1e-6):.0f} 份/秒）。"
        )
