"""SQLite: FTS5 (unicode61) over the same token strings as PostgreSQL's vectors."""

from __future__ import annotations

from django.db import connection
from django.db.models import BooleanField, Q, QuerySet
from django.db.models.expressions import RawSQL

from .. import text as search_text
from ..models import SearchEntry
from .base import SAMPLE_EVERY, SearchBackend, ids_condition, or_numbered


class SqliteBackend(SearchBackend):
    """FTS5 (unicode61) over the same token strings, ranked by bm25."""

    # bm25 weights of the FTS5 columns title and body.
    WEIGHTS = (10.0, 1.0)
    TITLE_SQL = "(search_searchentry.id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH %s))"

    @staticmethod
    def fts_query(query: search_text.ParsedQuery, columns: str = "{title body}") -> str:
        joiner = " OR " if query.any_word else " AND "
        return columns + " : (" + joiner.join(fts_phrase(p) for p in query.phrases) + ")"

    def matched(self, base: QuerySet[SearchEntry], query: search_text.ParsedQuery) -> QuerySet[SearchEntry]:
        if query.is_empty:
            return base
        fts = RawSQL("SELECT rowid FROM search_fts WHERE search_fts MATCH %s", [self.fts_query(query)])
        return base.filter(or_numbered(Q(id__in=fts), query))

    def sampled(self, base: QuerySet[SearchEntry], query: search_text.ParsedQuery) -> QuerySet[SearchEntry]:
        if query.is_empty:
            return super().sampled(base, query)
        # Sampled inside FTS5, so that only the sample's rows are looked up.
        sample = f"SELECT rowid FROM search_fts WHERE search_fts MATCH %s AND rowid %% {SAMPLE_EVERY} = 0"
        return base.filter(id__in=RawSQL(sample, [self.fts_query(query)]))

    def title_score_sql(self, query: search_text.ParsedQuery) -> tuple[str, list[str]]:
        if query.is_empty:
            return "0", []
        return " + ".join([self.TITLE_SQL] * len(query.phrases)), ["{title} : " + fts_phrase(p) for p in query.phrases]

    def title_condition(self, query: search_text.ParsedQuery) -> RawSQL:
        return RawSQL(self.TITLE_SQL, [self.fts_query(query, "{title}")], BooleanField())

    def checked_ids(self, ids: list[int], query: search_text.ParsedQuery) -> set[int]:
        if not ids:
            return set()
        among, params = ids_condition("rowid", ids)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT rowid FROM search_fts WHERE search_fts MATCH %s AND {among}", [self.fts_query(query), *params]
            )
            return {entry_id for (entry_id,) in cursor.fetchall()}

    def ranked_ids(
        self, base: QuerySet[SearchEntry], query: search_text.ParsedQuery, offset: int, limit: int
    ) -> list[int]:
        compiler = base.query.get_compiler(connection=connection)
        where, params = compiler.compile(base.query.where)
        title_sql, title_params = self.title_score_sql(query)
        words_sql, words_params = "", []
        if query.any_word:
            # The any-word retry: documents holding more of the words first.
            words_sql = "(" + " + ".join([self.TITLE_SQL] * len(query.phrases)) + ") DESC, "
            words_params = ["{title body} : " + fts_phrase(p) for p in query.phrases]
        weights = ", ".join(str(w) for w in self.WEIGHTS)
        sql = (
            "SELECT search_searchentry.id FROM search_fts "
            "JOIN search_searchentry ON search_searchentry.id = search_fts.rowid "
            f"WHERE search_fts MATCH %s AND ({where or '1=1'}) "
            f"ORDER BY {words_sql}({title_sql}) DESC, bm25(search_fts, {weights}), "
            "search_searchentry.published_at DESC, search_searchentry.id DESC "
            "LIMIT %s OFFSET %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [self.fts_query(query), *params, *words_params, *title_params, limit, offset])
            return [entry_id for (entry_id,) in cursor.fetchall()]


def fts_phrase(phrase: search_text.Phrase) -> str:
    """The phrase as an FTS5 query: its tokens in order; any of its variants when it has synonyms."""
    if phrase.alternatives:
        return "(" + " OR ".join(_fts_phrase(variant) for variant in phrase.variants) + ")"
    return _fts_phrase(phrase)


def _fts_phrase(phrase: search_text.Phrase) -> str:
    tokens = " ".join(search_text.GAP if token is None else token for token, _ in phrase.items)
    return f'"{tokens}"' + (" *" if phrase.items[-1][1] else "")
