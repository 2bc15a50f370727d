"""PostgreSQL maintenance of the full-text indexes: `python manage.py reindex_search`.

RUM and GIN indexes keep the old versions of re-indexed entries until a vacuum
and reuse their pages less well than B-trees, so they grow with republication.
This rebuilds each of them with REINDEX INDEX CONCURRENTLY: searches and
publishing go on meanwhile (each index is built anew beside the old one, then
swapped). It prints each index's size before and after. Nothing to do on SQLite.
"""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from search import indexing


class Command(BaseCommand):
    help = "重建全文检索的 RUM/GIN 索引（REINDEX INDEX CONCURRENTLY，检索与发布不中断），并打印前后大小。"

    def handle(self, *args, **options) -> None:
        if connection.vendor != "postgresql":
            self.stdout.write("SQLite 的全文检索表无需此维护，未做任何改动。")
            return
        if connection.in_atomic_block:
            raise CommandError("REINDEX CONCURRENTLY 不能在事务中运行。")
        with connection.cursor() as cursor:
            for name in indexing.FULL_TEXT_INDEXES:
                cursor.execute("SELECT pg_relation_size(oid) FROM pg_class WHERE relname = %s", [name])
                row = cursor.fetchone()
                if row is None:
                    continue
                started = time.monotonic()
                cursor.execute(f"REINDEX INDEX CONCURRENTLY {name}")
                cursor.execute("SELECT pg_relation_size(%s::regclass)", [name])
                after = cursor.fetchone()[0]
                self.stdout.write(
                    f"{name}：{row[0] / 2**20:,.1f} MB → {after / 2**20:,.1f} MB（{time.monotonic() - started:.1f} 秒）"
                )
