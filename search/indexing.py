"""Keeps the search index in step with what the public may read: the machinery
every app's `search_sync.py` uses (documents, interpretations, consultations,
decisions each keep their own objects indexed from there).

An app calls `index_object(kind, obj, ...)` when an object becomes public or
changes while public, and `remove_object(kind, obj)` when it stops being public,
and registers in its AppConfig.ready() how `rebuild_search_index` brings its
objects back: `register_rebuilder(kind, function)`, or, for a kind with very many
entries (policy documents), `register_bulk_kind(kind, count=..., batches=...)`,
whose batches are written as they come with their tokens computed in worker
processes. Search itself imports none of those apps' modules.

    from search import indexing
    from search.models import Kind

    indexing.index_object(
        Kind.INTERPRETATION, interpretation,
        title=interpretation.title, text=indexing.plain_text(interpretation.body),
        published_at=interpretation.published_at,
        organisation_id=interpretation.organisation_id,
    )
    indexing.remove_object(Kind.INTERPRETATION, interpretation)
"""

from __future__ import annotations

import collections
import contextlib
import datetime as dt
import multiprocessing
import multiprocessing.pool
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from django.db import connection, models, transaction
from django.utils import timezone

from documents import numbers

from . import text as search_text
from .models import Kind, SearchEntry

# Published "now" for an item scheduled at any time: search itself hides entries
# whose published_at is still to come, so they are indexed ahead.
FAR_FUTURE = dt.datetime(9999, 1, 1, tzinfo=dt.UTC)


POOL_THRESHOLD = 5000
VECTOR_INDEX = "search_entry_vector_idx"
TITLE_VECTOR_INDEX = "search_entry_title_vector_idx"
SAMPLE_INDEX = "search_entry_sample_idx"
LOOSE_INDEX = "search_entry_loose_idx"
# On PostgreSQL: the indexes a full rebuild drops and creates again, and
# `manage.py reindex_search` rebuilds in place (REINDEX INDEX CONCURRENTLY).
FULL_TEXT_INDEXES = (VECTOR_INDEX, TITLE_VECTOR_INDEX, SAMPLE_INDEX, LOOSE_INDEX)

Batch = list[tuple[SearchEntry, list[int]]]  # unsaved entries, each with its tag ids


@dataclass
class Tokens:
    """What the full-text structures store for one entry (see text.token_string)."""

    title_text: str  # normalised
    body_text: str  # normalised

    @classmethod
    def of(cls, title: str, body: str) -> Tokens:
        return cls(title_text=search_text.normalise(title), body_text=search_text.normalise(body))

    def pg_vectors(self) -> tuple[str, str]:
        """`vector` and `title_vector` as tsvector literals.

        Built here rather than by to_tsvector: PostgreSQL's parser costs about
        3 ms a document and could split a token otherwise than the tsquery
        literals the backend sends. Positions run on across title (weight A),
        body and the whole words of three or more characters (the title's with
        weight A; rjieba with the domain dictionary, for ranking only); a gap
        after the title and after the body keeps phrases from running across them.
        PostgreSQL merges a lexeme repeated in the literal, and keeps positions
        above 16383 at 16383, as to_tsvector does.
        """
        title_words = search_text.ranking_words(self.title_text)
        body_words = search_text.ranking_words(self.body_text)
        title, end = search_text.tsvector_items(self.title_text, 0, "A")
        title_plain, _ = search_text.tsvector_items(self.title_text)
        body, end = search_text.tsvector_items(self.body_text, end + 1)
        words = _word_items(title_words, end + 1, "A")
        body_words_items = _word_items(body_words, end + 1 + len(title_words))
        return " ".join(filter(None, (title, body, words, body_words_items))), title_plain

    def fts_columns(self) -> tuple[str, str]:
        """Token strings for the FTS5 columns title and body (a trailing gap keeps
        the last title token from touching the first body token). SQLite ranks by
        bm25 over these alone: it needs no whole words."""
        gap = f" {search_text.GAP}"
        return search_text.token_string(self.title_text) + gap, search_text.token_string(self.body_text) + gap


def _word_items(words: list[str], start: int, weight: str = "") -> str:
    """Whole words as tsvector literal items at positions start + 1, … (ranking only)."""
    kept = [(word, position) for position, word in enumerate(words, start=start + 1)]
    kept = [(word, position) for word, position in kept if "'" not in word and "\\" not in word]
    return search_text.grouped_items((w for w, _ in kept), (p for _, p in kept), weight)


plain_text = search_text.plain_text


def index_object(
    kind: str,
    obj: models.Model,
    *,
    title: str,
    text: str,
    published_at: dt.datetime,
    url: str = "",
    organisation_id: int | None = None,
    doc_number: str = "",
    year: int | None = None,
    tag_ids: Iterable[int] = (),
) -> SearchEntry:
    """Add or replace the entry of `obj`, an item anyone may read, as a result of `kind`.

    `text` is plain text (use `plain_text` for HTML); `url` defaults to
    `obj.get_absolute_url()`. Only the title, document number and text are
    searched; organisation, year and tags feed the facets. Matching, ranking,
    highlighting and the 结果类别 facet need nothing else.
    """
    if kind not in Kind.values:
        raise ValueError(f"Unknown search result kind {kind!r}: add it to search.models.Kind.")
    entry = SearchEntry(
        kind=kind,
        object_id=obj.pk,
        url=url or obj.get_absolute_url(),
        title=title[:200],
        doc_number=doc_number,
        number_key=number_key(doc_number),
        text=text,
        published_at=published_at,
        organisation_id=organisation_id,
        year=year if year is not None else timezone.localtime(published_at).year,
    )
    with transaction.atomic():
        remove(kind, [obj.pk])
        write_entries([(entry, list(tag_ids))])
    return entry


def remove_object(kind: str, obj: models.Model | int) -> None:
    """Take `obj` (or its primary key) out of the index; nothing happens if it is not there."""
    remove(kind, [obj if isinstance(obj, int) else obj.pk])


def number_key(doc_number: str) -> str:
    """What a document number is found by (SearchEntry.number_key)."""
    if not doc_number:
        return ""
    try:
        return numbers.normalise(doc_number)
    except ValueError:
        return search_text.normalise(doc_number)


def remove(kind: str, object_ids: Iterable[int]) -> None:
    ids = list(SearchEntry.objects.filter(kind=kind, object_id__in=list(object_ids)).values_list("id", flat=True))
    if ids:
        _delete(f"IN ({', '.join(['%s'] * len(ids))})", ids)


def _delete(condition: str, params: list[int]) -> None:
    """Delete entries by id with plain SQL: the ORM would first load every row."""
    entries, tags = SearchEntry._meta.db_table, SearchEntry.tags.through._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {tags} WHERE searchentry_id {condition}", params)
        if connection.vendor == "sqlite":
            _delete_fts(cursor, condition, params)
        cursor.execute(f"DELETE FROM {entries} WHERE id {condition}", params)


def _delete_fts(cursor, condition: str, params: list[int]) -> None:
    """Take entries out of the contentless FTS5 table (migration search.0007).

    It keeps no copy of the token strings, so FTS5 is told what each row held:
    the same columns `write_entries` inserted, computed again from the entry's
    title, document number and text. Tokens are a pure function of that text
    (text.normalise and text.token_string): a change to either needs
    `rebuild_search_index`, which empties the table with 'delete-all'.
    """
    cursor.execute(f"SELECT id, title, doc_number, text FROM search_searchentry WHERE id {condition}", params)
    rows = cursor.fetchall()
    if not rows:
        return
    columns = stored_tokens("sqlite", [(f"{title} {number}".strip(), text) for _, title, number, text in rows])
    cursor.executemany(
        "INSERT INTO search_fts (search_fts, rowid, title, body) VALUES ('delete', %s, %s, %s)",
        [(row[0], *values) for row, values in zip(rows, columns, strict=True)],
    )


def stored_tokens(vendor: str, fields: list[tuple[str, str]]) -> list[tuple[str, ...]]:
    """What `write_entries` stores for each (title, text): the PostgreSQL vectors or
    the FTS5 columns. A pure function of strings, so rebuild runs it in worker processes."""
    tokens = [Tokens.of(title, text) for title, text in fields]
    if vendor == "postgresql":
        return [t.pg_vectors() for t in tokens]
    return [t.fts_columns() for t in tokens]


def entry_fields(entry: SearchEntry) -> tuple[str, str]:
    """The searched text of an entry: title with document number, and body."""
    return f"{entry.title} {entry.doc_number}".strip(), entry.text


def write_entries(batch: Batch, stored: list[tuple[str, ...]] | None = None) -> None:
    """Insert entries (not yet in the index) with their tokens and tags."""
    vendor = connection.vendor
    if stored is None:
        stored = stored_tokens(vendor, [entry_fields(entry) for entry, _ in batch])
    if vendor == "postgresql":
        for (entry, _), (vector, title_vector) in zip(batch, stored, strict=True):
            entry.vector, entry.title_vector = vector, title_vector
    SearchEntry.objects.bulk_create([entry for entry, _ in batch])
    if any(entry.pk is None for entry, _ in batch):
        # bulk_create does not return ids on every database: look them up.
        ids = dict(
            SearchEntry.objects.filter(
                kind=batch[0][0].kind, object_id__in=[e.object_id for e, _ in batch]
            ).values_list("object_id", "id")
        )
        for entry, _ in batch:
            entry.pk = ids[entry.object_id]
    if vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO search_fts (rowid, title, body) VALUES (%s, %s, %s)",
                [(entry.pk, *columns) for (entry, _), columns in zip(batch, stored, strict=True)],
            )
    Through = SearchEntry.tags.through
    Through.objects.bulk_create(
        [Through(searchentry_id=entry.pk, catalogtag_id=tag_id) for entry, tag_ids in batch for tag_id in tag_ids]
    )


@dataclass(frozen=True)
class BulkKind:
    """A kind `rebuild` writes a batch at a time: `count()` says how many objects it
    has, `batches(batch_size)` yields them as entries."""

    count: Callable[[], int]
    batches: Callable[[int], Iterator[Batch]]


# Filled by the apps in AppConfig.ready(): kind -> how to bring its objects back.
BULK_KINDS: dict[str, BulkKind] = {}
# kind -> function that calls index_object for every public object of that kind
# and returns how many.
REBUILDERS: dict[str, Callable[[], int]] = {}


def register_rebuilder(kind: str, function: Callable[[], int]) -> None:
    """Let `rebuild_search_index` re-index the objects of an app after clearing the index."""
    REBUILDERS[kind] = function


def register_bulk_kind(kind: str, *, count: Callable[[], int], batches: Callable[[int], Iterator[Batch]]) -> None:
    """Let `rebuild_search_index` re-index a kind with very many objects in batches."""
    BULK_KINDS[kind] = BulkKind(count=count, batches=batches)


def bulk_count() -> int:
    """How many objects `rebuild` writes in batches (what its `progress` counts)."""
    return sum(bulk.count() for bulk in BULK_KINDS.values())


def rebuild(progress: Callable[[int], None] | None = None, batch_size: int = 500, workers: int | None = None) -> int:
    """Replace the whole index by what is public now; returns how many entries.

    The bulk kinds come first, a batch at a time: their tokens are computed in
    `workers` processes (default: one per CPU for more than POOL_THRESHOLD objects;
    0 = in this process) while this one reads and writes; then each rebuilder
    runs. On PostgreSQL the vector
    indexes are dropped and built again at the end, many times faster than
    inserting into them row by row; searches wait for the rebuild meanwhile.
    """
    if workers is None:
        workers = (os.cpu_count() or 1) if bulk_count() > POOL_THRESHOLD else 0
    with transaction.atomic(), _indexes_built_at_the_end():
        clear()
        count = write_batches(_bulk_batches(batch_size), progress=progress, workers=workers)
        for function in REBUILDERS.values():
            count += function()
    return count


def write_batches(batches: Iterable[Batch], *, progress: Callable[[int], None] | None = None, workers: int = 0) -> int:
    """Write batches of entries not yet in the index, their tokens computed in `workers`
    processes (0: in this one) while this process reads and writes; returns how many.
    `rebuild` and bulk loaders (manage.py generate_documents) use it."""
    count = 0
    with _tokeniser_pool(workers) as pool:
        vendor = connection.vendor
        pending: collections.deque = collections.deque()
        for batch in batches:
            fields = [entry_fields(entry) for entry, _ in batch]
            stored = pool.apply_async(stored_tokens, (vendor, fields)) if pool else None
            pending.append((batch, stored or stored_tokens(vendor, fields)))
            while len(pending) > (2 * workers if pool else 0):
                count += _write_pending(pending.popleft(), progress)
        while pending:
            count += _write_pending(pending.popleft(), progress)
    return count


def bulk_writes() -> contextlib.AbstractContextManager[None]:
    """Around many write_batches in one transaction: on PostgreSQL the vector indexes
    are dropped and built again at the end (searches wait meanwhile)."""
    return _indexes_built_at_the_end()


def _bulk_batches(batch_size: int) -> Iterator[Batch]:
    for bulk in BULK_KINDS.values():
        yield from bulk.batches(batch_size)


def _write_pending(item: tuple, progress: Callable[[int], None] | None) -> int:
    batch, stored = item
    write_entries(batch, stored if isinstance(stored, list) else stored.get())
    if progress:
        progress(len(batch))
    return len(batch)


@contextlib.contextmanager
def _tokeniser_pool(workers: int) -> Iterator[multiprocessing.pool.Pool | None]:
    if workers < 1:
        yield None
        return
    # Loaded once before the fork, so that the workers share them instead of each loading its own.
    search_text.prepare_index_side()
    # Forked workers only compute on strings; they never touch the database connection.
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        yield pool


@contextlib.contextmanager
def _indexes_built_at_the_end() -> Iterator[None]:
    """On PostgreSQL: drop the vector indexes, and create them again (same method) on the way out."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, pg_get_indexdef(c.oid) FROM pg_class c WHERE c.relname = ANY(%s)",
            [list(FULL_TEXT_INDEXES)],
        )
        definitions = cursor.fetchall()
        for name, _ in definitions:
            cursor.execute(f"DROP INDEX {name}")
    yield
    with connection.cursor() as cursor:
        # CREATE INDEX refuses a table with deferred foreign-key checks pending: run them now.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
        for _, definition in definitions:
            cursor.execute(definition)
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def clear() -> None:
    """Empty the index. On PostgreSQL by TRUNCATE: deleted rows would stay in the
    table, and in indexes built later in the same transaction, until a vacuum.
    On SQLite the contentless FTS5 table is emptied by its 'delete-all' command."""
    entries, tags = SearchEntry._meta.db_table, SearchEntry.tags.through._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            cursor.execute("INSERT INTO search_fts (search_fts) VALUES ('delete-all')")
            cursor.execute(f"DELETE FROM {tags}")
            cursor.execute(f"DELETE FROM {entries}")
            return
        # TRUNCATE refuses tables with deferred foreign-key checks pending: run them now.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute(f"TRUNCATE {tags}, {entries}")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
