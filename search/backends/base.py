"""The search interface and the algorithm both databases share.

Filters are ORM conditions on SearchEntry; sampling, estimates, the walk by date
and the order of hits are SearchBackend's. A database's backend (postgres.py,
sqlite.py) writes only the full-text conditions and the exact ranking.
"""

from __future__ import annotations

import collections
import contextlib
import json
import math
import operator
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection
from django.db.models import BooleanField, Case, IntegerField, Q, QuerySet, Value, When
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.safestring import SafeString

from documents.models import CatalogTag, DocumentType, Topic
from documents.validity import ReaderValidity, current_validity_expression
from organisations.models import Organisation

from .. import text as search_text
from ..models import Kind, SearchEntry

PER_PAGE = 20
MAX_PAGES = 50  # ranked results past page 50 help nobody and cost the most
# Above this many matches (as the sample shows) the page shows "约 N 条" and sampled facet counts.
EXACT_COUNT_LIMIT = 5000
# The sample: every SAMPLE_EVERY-th entry by id (on PostgreSQL with its own partial index).
SAMPLE_EVERY = 50
# Estimated matches with the whole query in the title, above which they are found by walking by date.
TITLE_WALK_LIMIT = 2000
# Entries tested in the first step of a walk by date (see SearchBackend.walk_ids).
WALK_BATCH = 200
# Past this many matches into the walk (page 10 and on), the matches are sorted instead.
WALK_LIMIT = 200
# A query expanded with synonyms lists up to this many matches of the words as typed first.
EXACT_FIRST = 100
# Each facet and the column of facet_rows it counts.
FACET_COLUMNS = {
    "kind": "kind",
    "organisation": "organisation_id",
    "doc_type": "doc_type",
    "topic": "topic",
    "year": "year",
    "validity": "validity_now",
}
VALIDITY_LABELS = dict(ReaderValidity.choices)


@dataclass(frozen=True)
class Filters:
    kind: str = ""
    tag: CatalogTag | None = None
    organisation: Organisation | None = None
    doc_type: str = ""
    topic: str = ""
    year: int | None = None
    validity: str = ""

    def active(self) -> list[tuple[str, str]]:
        """(facet name, label) of each filter in force, for the no-results page."""
        out = []
        if self.kind:
            out.append(("kind", Kind(self.kind).label))
        if self.tag:
            out.append(("tag", self.tag.name))
        if self.organisation:
            out.append(("organisation", self.organisation.name))
        if self.doc_type:
            out.append(("doc_type", DocumentType(self.doc_type).label))
        if self.topic:
            out.append(("topic", Topic(self.topic).label))
        if self.year:
            out.append(("year", f"{self.year}年"))
        if self.validity:
            out.append(("validity", VALIDITY_LABELS[self.validity]))
        return out


@dataclass(frozen=True)
class SearchRequest:
    query: search_text.ParsedQuery
    filters: Filters = field(default_factory=Filters)
    page: int = 1
    per_page: int = PER_PAGE


@dataclass
class Hit:
    entry: SearchEntry
    title: SafeString
    snippet: SafeString
    number_match: bool = False
    number: SafeString = SafeString("")  # the document number, its matched part marked
    missing: list[str] = field(default_factory=list)  # the any-word retry: words this result lacks

    @property
    def kind_label(self) -> str:
        return self.entry.get_kind_display()


@dataclass
class Matches:
    """How many entries match, their facet counts and, when the backend already
    has them all, their ids best first (else ranked_ids orders them)."""

    total: int
    estimated: bool
    facets: dict[str, dict[str, int]]
    ranked: list[int] | None = None
    titled: int = 0  # estimated matches only: sampled entries with the whole query in the title


@dataclass
class SearchResult:
    request: SearchRequest
    query: search_text.ParsedQuery  # the one that produced the hits (maybe relaxed)
    total: int
    estimated: bool
    hits: list[Hit]
    facets: dict[str, dict[str, int]]
    page: int

    @property
    def pages(self) -> int:
        return min(MAX_PAGES, max(1, math.ceil(self.total / self.request.per_page)))


class SearchBackend:
    """Matching, counting and ranking, shared by both databases.

    Every query first reads a fixed sample of the index (every SAMPLE_EVERY-th
    entry by id). When the sample shows more than EXACT_COUNT_LIMIT matches, the
    count and facet counts are the sample's scaled up and labelled as estimates,
    and the hits are found without reading every match (`walk_ids`). Otherwise
    every match is counted exactly and ranked. The subclasses supply the
    full-text conditions: `matched`, `title_condition`, `checked_ids` and the
    exact ranking.
    """

    def search(self, request: SearchRequest) -> SearchResult:
        with self.session():
            return self._search(request)

    def count(self, query: search_text.ParsedQuery, filters: Filters) -> int:
        """How many results the query has under these filters (used to explain no results)."""
        with self.session():
            return self.matches(self.filtered(filters), resolve_number(query), ranked=False).total

    def session(self) -> contextlib.AbstractContextManager:
        return contextlib.nullcontext()

    def _search(self, request: SearchRequest) -> SearchResult:
        base = self.filtered(request.filters)
        query = resolve_number(request.query)
        matches = self.matches(base, query)
        if matches.total == 0 and not query.is_empty:
            # A question in everyday words: all of its words, else any of them.
            tried = set()
            for relaxed in (query.relax(), query.relax(split=True), query.relax(any_word=True, split=True)):
                if relaxed is None or (relaxed.phrases, relaxed.any_word) in tried:
                    continue
                tried.add((relaxed.phrases, relaxed.any_word))
                found = self.matches(base, relaxed)
                if found.total:
                    query, matches = relaxed, found
                    break
        pages = min(MAX_PAGES, max(1, math.ceil(matches.total / request.per_page)))
        page = min(max(1, request.page), pages)
        offset = (page - 1) * request.per_page
        hits = self.hits(base, query, matches, offset, request.per_page) if matches.total else []
        return SearchResult(
            request=request,
            query=query,
            total=matches.total,
            estimated=matches.estimated,
            hits=hits,
            facets=matches.facets,
            page=page,
        )

    # --- filters and counts ---------------------------------------------------

    def filtered(self, filters: Filters) -> QuerySet[SearchEntry]:
        """Entries visible now that pass the filters; conditions on SearchEntry columns only."""
        now = timezone.now()
        qs = SearchEntry.objects.filter(published_at__lte=now)
        if filters.kind:
            qs = qs.filter(kind=filters.kind)
        if filters.tag:
            tagged = SearchEntry.tags.through.objects.filter(catalogtag_id=filters.tag.pk)
            qs = qs.filter(id__in=tagged.values("searchentry_id"))
        if filters.organisation:
            qs = qs.filter(organisation_id=filters.organisation.pk)
        if filters.doc_type:
            qs = qs.filter(doc_type=filters.doc_type)
        if filters.topic:
            qs = qs.filter(topic=filters.topic)
        if filters.year:
            qs = qs.filter(year=filters.year)
        if filters.validity:
            qs = qs.alias(validity_now=current_validity_expression(timezone.localdate())).filter(
                validity_now=filters.validity
            )
        return qs

    def matches(self, base: QuerySet[SearchEntry], query: search_text.ParsedQuery, *, ranked: bool = True) -> Matches:
        """Exact when the sample shows at most EXACT_COUNT_LIMIT matches, else estimated
        (`ranked=False`: only the count and facets are wanted)."""
        matched = self.matched(base, query)
        limit = getattr(settings, "SEARCH_EXACT_COUNT_LIMIT", EXACT_COUNT_LIMIT)
        title_sql, title_params = self.title_score_sql(query)
        sampled = self.sampled(base, query)
        sample = list(facet_rows(sampled.annotate(title_score=RawSQL(title_sql, title_params, IntegerField()))))
        if len(sample) * SAMPLE_EVERY <= limit:
            return self.exact_matches(base, matched, query, ranked=ranked)
        facets = count_facets(sample, tag_counts([row.id for row in sample]))
        whole = 1 if query.any_word else len(query.phrases)
        return Matches(
            total=len(sample) * SAMPLE_EVERY,
            estimated=True,
            facets={
                name: {value: count * SAMPLE_EVERY for value, count in options.items()}
                for name, options in facets.items()
            },
            titled=sum(1 for row in sample if row.title_score >= whole),
        )

    def exact_matches(
        self,
        base: QuerySet[SearchEntry],
        matched: QuerySet[SearchEntry],
        query: search_text.ParsedQuery,
        *,
        ranked: bool = True,
    ) -> Matches:
        """Every match counted: facet columns read once and counted here."""
        rows = list(facet_rows(matched))
        facets = count_facets(rows, tag_counts([row.id for row in rows]))
        return Matches(total=len(rows), estimated=False, facets=facets)

    # --- hits -------------------------------------------------------------------

    def hits(
        self, base: QuerySet[SearchEntry], query: search_text.ParsedQuery, matches: Matches, offset: int, limit: int
    ) -> list[Hit]:
        matched = self.matched(base, query)
        number_ids = self.number_ids(matched, query)
        first_ids = list(dict.fromkeys([*number_ids, *self.exact_ids(base, query)]))
        ids = first_ids[offset : offset + limit]
        rest_offset = max(0, offset - len(first_ids))
        if len(ids) < limit:
            wanted = limit - len(ids)
            if matches.ranked is not None:
                first = set(first_ids)
                ids += [i for i in matches.ranked if i not in first][rest_offset : rest_offset + wanted]
            else:
                rest = base.exclude(id__in=first_ids) if first_ids else base
                if query.is_empty:
                    ids += self.browse_ids(rest, rest_offset, wanted)
                elif matches.estimated:
                    ids += self.walk_ids(rest, query, rest_offset, wanted, matches)
                else:
                    ids += self.ranked_ids(rest, query, rest_offset, wanted)
        entries = SearchEntry.objects.select_related("organisation").in_bulk(ids)
        patterns = search_text.query_patterns(query)
        return [
            Hit(
                entry=entries[i],
                title=search_text.highlight(entries[i].title, patterns=patterns),
                snippet=search_text.snippet(entries[i].text, patterns=patterns),
                number=search_text.highlight(entries[i].doc_number, patterns=patterns),
                number_match=i in number_ids,
                missing=missing_words(entries[i], query) if query.any_word else [],
            )
            for i in ids
            if i in entries
        ]

    def exact_ids(self, base: QuerySet[SearchEntry], query: search_text.ParsedQuery) -> list[int]:
        """For a query expanded with synonyms: the best EXACT_FIRST matches of the
        words as typed, which come before the matches of the synonyms only."""
        if not query.expansions:
            return []
        exact = query.unexpanded()
        matches = self.matches(base, exact)
        if not matches.total:
            return []
        if matches.ranked is not None:
            return matches.ranked[:EXACT_FIRST]
        if matches.estimated:
            return self.walk_ids(base, exact, 0, EXACT_FIRST, matches)
        return self.ranked_ids(base, exact, 0, EXACT_FIRST)

    def number_ids(self, matched: QuerySet[SearchEntry], query: search_text.ParsedQuery) -> list[int]:
        """Entries whose document number is the query's (or starts with agency and year):
        the documents themselves first, then what carries their number (interpretations
        of them), each newest first."""
        if query.number is not None:
            numbered = matched.filter(number_key=query.number_key)
        elif query.number_prefix:
            numbered = matched.filter(number_key__startswith=query.number_prefix)
        elif query.number_suffix:
            numbered = matched.filter(number_key__endswith=query.number_suffix)
        else:
            return []
        documents_first = Case(When(kind=Kind.DOCUMENT, then=Value(0)), default=Value(1))
        ordered = numbered.alias(documents_first=documents_first).order_by("documents_first", "-published_at", "-id")
        return list(ordered.values_list("id", flat=True)[:PER_PAGE])

    def browse_ids(self, base: QuerySet[SearchEntry], offset: int, limit: int) -> list[int]:
        return list(base.order_by("-published_at", "-id").values_list("id", flat=True)[offset : offset + limit])

    def walk_ids(
        self, base: QuerySet[SearchEntry], query: search_text.ParsedQuery, offset: int, limit: int, matches: Matches
    ) -> list[int]:
        """Best first among very many matches, without reading them all.

        Entries whose title holds the whole query come first: when they are few,
        best first by `by_relevance` (newest first where the backend cannot tell),
        else newest first; then the other matches newest first, found by taking the
        entries by date a batch at a time and testing each batch (the batch doubles
        each time).
        """
        in_title = self.title_condition(query)
        if matches.titled * SAMPLE_EVERY < TITLE_WALK_LIMIT:
            # Few titles match: find them all by the index, then sort. (Left to
            # itself the planner may walk every entry by date looking for them.)
            sql, params = base.filter(in_title).values("id", "published_at").query.sql_with_params()
            with connection.cursor() as cursor:
                cursor.execute(
                    f"WITH titled AS MATERIALIZED ({sql}) SELECT id FROM titled "
                    "ORDER BY published_at DESC, id DESC LIMIT %s",
                    [*params, max(offset + limit, TITLE_WALK_LIMIT)],
                )
                titled = self.by_relevance([entry_id for (entry_id,) in cursor.fetchall()], query)
        else:
            ordered = base.filter(in_title).order_by("-published_at", "-id").values_list("id", flat=True)
            titled = list(ordered[: offset + limit])
        ids = titled[offset : offset + limit]
        skip, wanted = max(0, offset - len(titled)), limit - len(ids)
        if skip + wanted > WALK_LIMIT:
            # Deep pages: sorting every match by date costs less than walking to them.
            matching = self.matched(base, query).exclude(in_title).order_by("-published_at", "-id")
            return ids + list(matching.values_list("id", flat=True)[skip : skip + wanted])
        by_date = base.exclude(in_title).order_by("-published_at", "-id").values_list("id", flat=True)
        found: list[int] = []
        start, size = 0, WALK_BATCH
        while wanted and len(found) < skip + wanted:
            batch = list(by_date[start : start + size])
            if not batch:
                break
            hits = self.checked_ids(batch, query)
            found += [i for i in batch if i in hits]
            start, size = start + size, min(size * 2, 10_000)
        return ids + found[skip : skip + wanted]

    # --- per database -----------------------------------------------------------

    def by_relevance(self, ids: list[int], query: search_text.ParsedQuery) -> list[int]:
        """Matching entries (newest first) reordered best first, as far as the backend
        can afford to read them; here: left newest first."""
        return ids

    def sampled(self, base: QuerySet[SearchEntry], query: search_text.ParsedQuery) -> QuerySet[SearchEntry]:
        """The matches among every SAMPLE_EVERY-th entry (by id)."""
        return self.matched(base, query).filter(RawSQL(SAMPLE_CONDITION, [], output_field=BooleanField()))

    def matched(self, base: QuerySet[SearchEntry], query: search_text.ParsedQuery) -> QuerySet[SearchEntry]:
        raise NotImplementedError

    def title_score_sql(self, query: search_text.ParsedQuery) -> tuple[str, list[str]]:
        """SQL for how many of the query's phrases the title (with document number) holds."""
        raise NotImplementedError

    def title_condition(self, query: search_text.ParsedQuery) -> RawSQL:
        """The title (with document number) holds the whole query."""
        raise NotImplementedError

    def checked_ids(self, ids: list[int], query: search_text.ParsedQuery) -> set[int]:
        """Which of these entries match, each tested on its own (never a scan of the index)."""
        raise NotImplementedError

    def ranked_ids(
        self, base: QuerySet[SearchEntry], query: search_text.ParsedQuery, offset: int, limit: int
    ) -> list[int]:
        """Ids of the (not too many) matching entries among `base`, best first.

        Best: more of the query's terms in the title (or document number), then
        body relevance, then the most recent.
        """
        raise NotImplementedError


def resolve_number(query: search_text.ParsedQuery) -> search_text.ParsedQuery:
    """The query with the document number it holds among other words, if some entry has it.

    Of the candidates (关于徐府发〔2023〕32号 could be agency 关于徐府发, 于徐府发, 徐府发 …)
    the longest that is an indexed number wins; none: the query stays as typed.
    One indexed lookup, only for a query with a number in it.
    """
    found = query.number_in_text
    if found is None:
        return query
    existing = set(
        SearchEntry.objects.filter(number_key__in=found.candidates).values_list("number_key", flat=True).distinct()
    )
    best = next((number for number in found.candidates if number in existing), None)
    if best is None or (best == query.number_key and len(query.phrases) == 1):
        return query
    return search_text.with_number(query, best)


def missing_words(entry: SearchEntry, query: search_text.ParsedQuery) -> list[str]:
    """The Chinese words of an any-word query that `entry` does not hold (in none of
    their variants). Words without a CJK character are left out: they may be part of
    an e-mail address or phone number someone typed, which no result line repeats."""
    haystack = search_text.normalise(f"{entry.title} {entry.doc_number}\n{entry.text}")
    return [
        p.text
        for p in query.phrases
        if search_text.has_cjk(p.text) and not any(search_text.normalise(v.text) in haystack for v in p.variants)
    ]


def or_numbered(condition: Q, query: search_text.ParsedQuery) -> Q:
    """A query holding a document number besides other words also matches the entries
    with that number, so the document itself is always found (and put first)."""
    if query.number is not None and len(query.phrases) > 1:
        return condition | Q(number_key=query.number_key)
    return condition


# The sample: on PostgreSQL its own partial index (migration 0004) answers it.
SAMPLE_CONDITION = f"search_searchentry.id %% {SAMPLE_EVERY} = 0"


def facet_rows(matched: QuerySet[SearchEntry], *extra: str) -> QuerySet:
    """Each match as a named row: id, the FACET_COLUMNS (validity_now: the validity
    today), title_score when the queryset is annotated with it, and the `extra` columns."""
    annotated = "title_score" in matched.query.annotations
    return matched.annotate(validity_now=current_validity_expression(timezone.localdate())).values_list(
        "id",
        *FACET_COLUMNS.values(),
        *(["title_score"] if annotated else []),
        *extra,
        named=True,
    )


def ids_condition(column: str, ids: list[int]) -> tuple[str, list]:
    """`column` is one of these ids, with the ids in one parameter: thousands of them
    as separate parameters cost more to send than to look up."""
    if connection.vendor == "postgresql":
        return f"{column} = ANY(%s)", [ids]
    return f"{column} IN (SELECT value FROM json_each(%s))", [json.dumps(ids)]


def tag_counts(ids: list[int]) -> dict[str, int]:
    """How many of these entries carry each tag."""
    if not ids:
        return {}
    among, params = ids_condition("searchentry_id", ids)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT catalogtag_id, COUNT(*) FROM search_searchentry_tags WHERE {among} GROUP BY catalogtag_id",
            params,
        )
        return {str(tag): count for tag, count in cursor.fetchall()}


def count_facets(rows: list, tags: dict[str, int]) -> dict[str, dict[str, int]]:
    """Count of each option of every facet among rows of `facet_rows`, with the tag
    counts of the same rows."""
    counters = {name: collections.Counter() for name in FACET_COLUMNS}
    read = operator.attrgetter(*FACET_COLUMNS.values())
    for row in rows:
        for name, value in zip(FACET_COLUMNS, read(row), strict=True):
            if value not in (None, ""):
                counters[name][str(value)] += 1
    facets = {name: dict(counter) for name, counter in counters.items()}
    facets["tag"] = tags
    return facets
