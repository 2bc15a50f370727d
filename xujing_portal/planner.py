"""The query planner's statistics on the embedded default (SQLite).

SQLite keeps no statistics until ANALYZE runs, and without them it picks the first index
that fits: at 20,000 documents a document page's links to older and newer versions were
read by walking every published document (340 ms) instead of the link table (40 ms).
PostgreSQL's autovacuum analyses by itself, so there this does nothing. Beat runs it daily
(`planner-statistics`); bulk generation runs it after loading.
"""

from __future__ import annotations

from django.db import connection

ANALYSIS_LIMIT = 1000  # rows sampled per index: a fraction of a second at 20,000 documents


def refresh() -> bool:
    """ANALYZE on SQLite (sampled); True if it ran."""
    if connection.vendor != "sqlite":
        return False
    with connection.cursor() as cursor:
        cursor.execute(f"PRAGMA analysis_limit = {ANALYSIS_LIMIT}")
        cursor.execute("ANALYZE")
    return True
