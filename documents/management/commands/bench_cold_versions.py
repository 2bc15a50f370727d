"""manage.py bench_cold_versions: for bin/bench-pages only (not for operators).

Replaces the versions of the shared caches, as a publication does: the public counts
(documents.aggregates) and, with --pages (the default), the anonymous page cache
(xujing_portal.pagecache), so the next request of every web process is answered cold.
With --serve it keeps running and does so for each line read on standard input,
answering "ok" on standard output: the benchmark asks before each cold request without
starting a Python process each time."""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand

from documents import aggregates
from xujing_portal import pagecache


def replace(counts: bool, pages: bool, publication: bool = False) -> None:
    if publication:  # as a publication does: new versions, the counts recomputed by the writer
        aggregates.changed()
        return
    if counts:
        aggregates._new_version()
    if pages:
        pagecache._new_version()


class Command(BaseCommand):
    help = "（仅供 bin/bench-pages 使用）使公开计数与匿名页面缓存失效，下一次请求重新计算。"

    def add_arguments(self, parser) -> None:
        parser.add_argument("--serve", action="store_true", help="每读到一行标准输入就失效一次，并输出 ok。")
        parser.add_argument("--pages-only", action="store_true", help="只使页面缓存失效，公开计数保留。")

    def handle(self, *args, serve: bool, pages_only: bool, **options) -> None:
        if not serve:
            replace(counts=not pages_only, pages=True)
            return
        for line in sys.stdin:
            what = line.strip()
            replace(counts=what != "pages", pages=True, publication=what == "publication")
            sys.stdout.write("ok\n")
            sys.stdout.flush()
