"""One search interface, two databases.

`get_backend()` picks PostgresBackend or SqliteBackend by connection.vendor;
views and the benchmark only call `search()`. The interface and the algorithm
both share are in `base`; only the full-text conditions and exact ranking are
written per database (`postgres`, `sqlite`).
"""

from __future__ import annotations

from django.db import connection

from .base import (
    EXACT_COUNT_LIMIT,
    MAX_PAGES,
    PER_PAGE,
    SAMPLE_EVERY,
    WALK_LIMIT,
    Filters,
    Hit,
    Matches,
    SearchBackend,
    SearchRequest,
    SearchResult,
    resolve_number,
)
from .postgres import PostgresBackend
from .sqlite import SqliteBackend

__all__ = [
    "EXACT_COUNT_LIMIT",
    "MAX_PAGES",
    "PER_PAGE",
    "SAMPLE_EVERY",
    "WALK_LIMIT",
    "Filters",
    "Hit",
    "Matches",
    "PostgresBackend",
    "SearchBackend",
    "SearchRequest",
    "SearchResult",
    "SqliteBackend",
    "get_backend",
    "resolve_number",
    "search",
]


def get_backend() -> SearchBackend:
    if connection.vendor == "postgresql":
        return PostgresBackend()
    if connection.vendor == "sqlite":
        return SqliteBackend()
    raise NotImplementedError(f"Search does not support {connection.vendor}.")


def search(request: SearchRequest) -> SearchResult:
    return get_backend().search(request)
