"""On PostgreSQL, the anonymous home, list and detail pages read the same SQL at 300 and at
1,500 documents: as many queries, none of whose plans scans the documents table (a Seq Scan
that the planner keeps even with enable_seqscan off, because no index serves the query), and
none that reads more of it as the corpus grows (rows read: returned plus removed by a filter,
from EXPLAIN ANALYZE of each captured query). The number of queries alone is
test_query_counts; this is what each of them costs."""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from documents import aggregates, synthetic
from documents.models import PolicyDocument
from xujing_portal import pagecache

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="query plans of PostgreSQL"),
]

TABLE = PolicyDocument._meta.db_table
SMALL, LARGE = 300, 1_500


def _nodes(plan: dict):
    yield plan
    for child in plan.get("Plans", []):
        yield from _nodes(child)


def plan_of(sql: str) -> tuple[int, list[str]]:
    """(rows of the documents table the query reads, its node types on that table), with
    sequential scans off so that a Seq Scan left in the plan is one no index can avoid."""
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        try:
            cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}")
            [explained] = cursor.fetchone()
        finally:
            cursor.execute("RESET enable_seqscan")
    plan = (json.loads(explained) if isinstance(explained, str) else explained)[0]["Plan"]
    read, kinds = 0, []
    for node in _nodes(plan):
        if node.get("Relation Name") == TABLE:
            kinds.append(node["Node Type"])
            per_loop = node["Actual Rows"] + node.get("Rows Removed by Filter", 0)
            read += per_loop * node.get("Actual Loops", 1)
    return read, kinds


def profile(client: Client, path: str) -> list[tuple[str, int, list[str]]]:
    """Each query of one cold anonymous request for `path` (page cache empty, the public
    counts' aggregate already computed: it is read once per change, not per request)."""
    assert client.get(path).status_code == 200
    pagecache._new_version()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    profiled = []
    for query in captured.captured_queries:
        sql = query["sql"]
        if sql.lstrip().upper().startswith("SELECT") and f'"{TABLE}"' in sql:
            profiled.append((sql, *plan_of(sql)))
        else:
            profiled.append((sql, 0, []))
    return profiled


def grow_to(count: int, seed: int) -> None:
    synthetic.generate(count - PolicyDocument.objects.count(), seed=seed)
    aggregates.forget()
    aggregates._new_version()  # generate() replaces it after commit; a test never commits


def test_home_list_and_detail_read_the_same_sql_at_300_and_1500_documents():
    grow_to(SMALL, seed=16)
    detail = PolicyDocument.objects.public().order_by("pk").first()
    pages = ["/", "/documents/", f"/documents/{detail.pk}/"]
    client = Client()
    small = {path: profile(client, path) for path in pages}
    grow_to(LARGE, seed=17)
    assert PolicyDocument.objects.public().count() == LARGE
    large = {path: profile(client, path) for path in pages}

    for path in pages:
        assert len(large[path]) == len(small[path]), path
        for (sql, read, kinds), (_, read_before, _) in zip(large[path], small[path], strict=True):
            assert "Seq Scan" not in kinds, f"{path} scans {TABLE}: {sql}"
            assert read <= 2 * read_before + 50, f"{path} reads {read_before} then {read} rows: {sql}"
