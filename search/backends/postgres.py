"""PostgreSQL: tsvector with explicit positions (migrations 0002-0006)."""

from __future__ import annotations

import collections
import contextlib
import re
from collections.abc import Iterator

from django.db import connection, transaction
from django.db.models import BooleanField, IntegerField, Q, QuerySet
from django.db.models.expressions import RawSQL

from .. import text as search_text
from ..models import SearchEntry
from .base import Matches, SearchBackend, count_facets, facet_rows, ids_condition, or_numbered, tag_counts

# Up to this many matches PostgreSQL ranks by body relevance too: each needs its vector read.
RANK_ALL_LIMIT = 400
# Beyond RANK_ALL_LIMIT, the best tier of matches (see best_tier) is ranked, up to this many:
# reading a vector for ts_rank costs about 20 µs.
TIER_RANK_LIMIT = 1500
# Up to this many entries holding all of a phrase's tokens, each is checked for the phrase
# itself rather than asking the positional index (see PostgresBackend.checked_candidates).
CANDIDATE_LIMIT = 300


class PostgresBackend(SearchBackend):
    """tsvector with explicit positions: RUM (or GIN) index, a position-free GIN
    index for candidates, and a partial index over the sample (migrations 0002-0006)."""

    @contextlib.contextmanager
    def session(self) -> Iterator[None]:
        with transaction.atomic(), connection.cursor() as cursor:
            # Django binds parameters client-side, so the planner sees the literal
            # tsquery; for words in most documents it then prefers a sequential
            # scan that de-toasts every vector. The index is always faster here.
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL work_mem = '32MB'")
            yield

    @staticmethod
    def tsquery(query: search_text.ParsedQuery) -> str:
        joiner = " | " if query.any_word else " & "
        return joiner.join(pg_phrase(p) for p in query.phrases)

    def matched(self, base: QuerySet[SearchEntry], query: search_text.ParsedQuery) -> QuerySet[SearchEntry]:
        if query.is_empty:
            return base
        condition = RawSQL(
            "search_searchentry.vector @@ %s::tsquery", [self.tsquery(query)], output_field=BooleanField()
        )
        return base.filter(or_numbered(Q(condition), query))

    def exact_matches(
        self,
        base: QuerySet[SearchEntry],
        matched: QuerySet[SearchEntry],
        query: search_text.ParsedQuery,
        *,
        ranked: bool = True,
    ) -> Matches:
        """Every match counted and ordered here, from one read of their facet columns."""
        if any(len(p.items) > 1 for p in query.phrases):
            checked = self.checked_candidates(base, query)
            if checked is not None:
                matched = checked
        title_sql, title_params = self.title_score_sql(query)
        scored = matched.annotate(title_score=RawSQL(title_sql, title_params, output_field=IntegerField()))
        extra = ["published_at", *(["title"] if ranked else [])]
        if query.any_word and ranked:
            # The any-word retry: documents holding more of the words first.
            words_sql = " + ".join(["(search_searchentry.vector @@ %s::tsquery)::int"] * len(query.phrases))
            scored = scored.annotate(
                words_score=RawSQL(words_sql, [pg_phrase(p) for p in query.phrases], output_field=IntegerField())
            )
            extra.append("words_score")
        rows = list(facet_rows(scored, *extra))
        facets = count_facets(rows, tag_counts([row.id for row in rows]))
        order = self.order(rows, query) if ranked else None
        return Matches(total=len(rows), estimated=False, facets=facets, ranked=order)

    def checked_candidates(
        self, base: QuerySet[SearchEntry], query: search_text.ParsedQuery
    ) -> QuerySet[SearchEntry] | None:
        """The matches found by checking each entry that has all the query's tokens
        (anywhere), or None when more than CANDIDATE_LIMIT entries have them.

        The position-free GIN index finds such candidates in milliseconds, where
        the positional index would read every position of every common token.
        """
        loose = RawSQL("strip(search_searchentry.vector) @@ %s::tsquery", [loose_tsquery(query)], BooleanField())
        ids = list(base.filter(loose).values_list("id", flat=True)[: CANDIDATE_LIMIT + 1])
        if len(ids) > CANDIDATE_LIMIT:
            return None
        return base.filter(or_numbered(Q(id__in=self.checked_ids(ids, query)), query))

    def checked_ids(self, ids: list[int], query: search_text.ParsedQuery) -> set[int]:
        if not ids:
            return set()
        among, params = ids_condition("id", ids)
        with connection.cursor() as cursor:
            # COALESCE: test these rows one by one, never through the full-text index.
            cursor.execute(
                f"SELECT id FROM search_searchentry WHERE {among} AND COALESCE(vector, '') @@ %s::tsquery",
                [*params, self.tsquery(query)],
            )
            return {entry_id for (entry_id,) in cursor.fetchall()}

    def title_score_sql(self, query: search_text.ParsedQuery) -> tuple[str, list[str]]:
        if query.is_empty:
            return "0", []
        sql = " + ".join(["(search_searchentry.title_vector @@ %s::tsquery)::int"] * len(query.phrases))
        return sql, [pg_phrase(p) for p in query.phrases]

    def title_condition(self, query: search_text.ParsedQuery) -> RawSQL:
        return RawSQL("search_searchentry.title_vector @@ %s::tsquery", [self.tsquery(query)], BooleanField())

    def by_relevance(self, ids: list[int], query: search_text.ParsedQuery) -> list[int]:
        """The newest TIER_RANK_LIMIT of these entries by body relevance, then the rest."""
        head, rest = ids[:TIER_RANK_LIMIT], ids[TIER_RANK_LIMIT:]
        ranks = self.ranks(head, query)
        return sorted(head, key=lambda entry_id: ranks.get(entry_id, 0.0), reverse=True) + rest

    def ranks(self, ids: list[int], query: search_text.ParsedQuery) -> dict[int, float]:
        """ts_rank of each entry for the query (with its whole words, see ParsedQuery.words)."""
        if not ids or query.is_empty:
            return {}
        rank_query = self.tsquery(query)
        if query.words and not query.any_word:
            rank_query = f"({rank_query}) | " + " | ".join(f"'{w}'" for w in query.words)
        with connection.cursor() as cursor:
            among, params = ids_condition("id", ids)
            cursor.execute(
                f"SELECT id, ts_rank(vector, %s::tsquery, 1) FROM search_searchentry WHERE {among}",
                [rank_query, *params],
            )
            return dict(cursor.fetchall())

    def order(self, rows: list, query: search_text.ParsedQuery) -> list[int]:
        """Ids of the exact matches best first: title score, body relevance (of every
        match when a few hundred, else of the best tier), newest."""
        ranked = rows if len(rows) <= RANK_ALL_LIMIT else best_tier(rows) if rows else []
        ranks = self.ranks([row.id for row in ranked], query)
        rows = sorted(
            rows,
            key=lambda row: (
                getattr(row, "words_score", 0),
                row.title_score,
                ranks.get(row.id, 0.0),
                row.published_at,
                row.id,
            ),
            reverse=True,
        )
        return [row.id for row in repeats_last(rows)]


def _tier(row) -> tuple[int, int]:
    return getattr(row, "words_score", 0), row.title_score


def repeats_last(rows: list) -> list:
    """Rows (best first) with a title repeated within its tier moved to that tier's end:
    five results called the same tell a reader less than five different ones. The
    first of each title keeps its place; tiers (see _tier) keep their order."""
    seen: collections.Counter = collections.Counter()

    def repeat(row) -> int:
        key = (_tier(row), getattr(row, "title", row.id))
        seen[key] += 1
        return seen[key] - 1

    marked = [(row, repeat(row)) for row in rows]
    marked.sort(key=lambda pair: (-pair[0].title_score - 1000 * getattr(pair[0], "words_score", 0), pair[1]))
    return [row for row, _ in marked]


def best_tier(rows: list) -> list:
    """The matches ranked by body relevance when there are too many to rank them all:
    those with the most of the words, and of the query in the title (what comes first
    anyway), up to TIER_RANK_LIMIT of the newest. Without it, hundreds of matches
    with the query in the title would come newest first, however little they say about it."""
    best = max(map(_tier, rows))
    tier = [row for row in rows if _tier(row) == best]
    if len(tier) > TIER_RANK_LIMIT:
        tier = sorted(tier, key=lambda row: (row.published_at, row.id), reverse=True)[:TIER_RANK_LIMIT]
    return tier


def loose_tsquery(query: search_text.ParsedQuery) -> str:
    """The query's tokens without their order: what the position-free index answers."""
    joiner = " | " if query.any_word else " & "
    return joiner.join("(" + " | ".join(_loose(variant) for variant in p.variants) + ")" for p in query.phrases)


def _loose(phrase: search_text.Phrase) -> str:
    return "(" + " & ".join(re.findall(r"'[^']*'(?::\*)?", _pg_phrase(phrase))) + ")"


def pg_phrase(phrase: search_text.Phrase) -> str:
    """The phrase as a tsquery: its tokens in order; any of its variants when it has synonyms."""
    if phrase.alternatives:
        return "(" + " | ".join(_pg_phrase(variant) for variant in phrase.variants) + ")"
    return _pg_phrase(phrase)


def _pg_phrase(phrase: search_text.Phrase) -> str:
    parts: list[str] = []
    distance = 1
    for index, (token, prefix) in enumerate(phrase.items):
        if token is None:
            distance += 1
            continue
        if parts:
            parts.append("<->" if distance == 1 else f"<{distance}>")
        if prefix and index and search_text.starts_a_run(token):
            parts.append(f"'{search_text.RUN_START}{token}'")  # exact, see text.RUN_START
        else:
            parts.append(f"'{token}'" + (":*" if prefix else ""))
        distance = 1
    return "(" + " ".join(parts) + ")"
