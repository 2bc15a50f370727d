"""Keeps the search index in step with what the public may read.

Policy documents: documents.services calls `sync_document(document_id)` after
every publish, withdrawal, unpublishing and edit; it indexes the document when
it is published and public, and removes it otherwise.

Other apps (interpretations, published messages, FAQs, decisions) call
`index_object(kind, obj, ...)` when an object becomes public or changes while
public, and `remove_object(kind, obj)` when it stops being public, in the same
transaction as the change (and `register_rebuilder(kind, function)` so that
`rebuild_search_index` brings them back):

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
from documents.models import Attachment, PolicyDocument, PolicyDocumentQuerySet, TaggedDocument

from . import text as search_text
from .models import Kind, SearchEntry

FAR_FUTURE = dt.datetime(9999, 1, 1, tzinfo=dt.UTC)


POOL_THRESHOLD = 5000
VECTOR_INDEX = "search_entry_vector_idx"
TITLE_VECTOR_INDEX = "search_entry_title_vector_idx"
SAMPLE_INDEX = "search_entry_sample_idx"
LOOSE_INDEX = "search_entry_loose_idx"


@dataclass
class Tokens:
    """What the full-text structures store for one entry (see text.token_string)."""

    title_text: str  # normalised
    body_text: str  # normalised
    title_words: str
    body_words: str

    @classmethod
    def of(cls, title: str, body: str) -> Tokens:
        title_norm, body_norm = search_text.normalise(title), search_text.normalise(body)
        return cls(
            title_text=title_norm,
            body_text=body_norm,
            title_words=" ".join(search_text.ranking_words(title_norm)),
            body_words=" ".join(search_text.ranking_words(body_norm)),
        )

    def pg_vectors(self) -> tuple[str, str]:
        """`vector` and `title_vector` as tsvector literals.

        Built here rather than by to_tsvector: PostgreSQL's parser costs about
        3 ms a document and could split a token otherwise than the tsquery
        literals the backend sends. Positions run on across title (weight A),
        body and the whole words (the title's with weight A); a gap after the
        title and after the body keeps phrases from running across them.
        PostgreSQL merges a lexeme repeated in the literal, and keeps positions
        above 16383 at 16383, as to_tsvector does.
        """
        title, end = search_text.tsvector_items(self.title_text, 0, "A")
        title_plain, _ = search_text.tsvector_items(self.title_text)
        body, end = search_text.tsvector_items(self.body_text, end + 1)
        words = _word_items(self.title_words, end + 1, "A")
        body_words = _word_items(self.body_words, end + 1 + len(self.title_words.split()))
        return " ".join([*title, *body, *words, *body_words]), " ".join(title_plain)

    def fts_columns(self) -> tuple[str, str, str]:
        """Token strings for the FTS5 columns title, body and words (a trailing gap
        keeps the last title token from touching the first body token)."""
        gap = f" {search_text.GAP}"
        return (
            search_text.token_string(self.title_text) + gap,
            search_text.token_string(self.body_text) + gap,
            f"{self.title_words} {self.body_words}",
        )


def _word_items(words: str, start: int, weight: str = "") -> list[str]:
    """Whole words as tsvector literal items at positions start + 1, … (ranking only)."""
    kept = [(word, position) for position, word in enumerate(words.split(), start=start + 1)]
    kept = [(word, position) for word, position in kept if "'" not in word and "\\" not in word]
    return search_text.grouped_items((w for w, _ in kept), (p for _, p in kept), weight)


def indexable_documents() -> PolicyDocumentQuerySet:
    """Documents that are public now or will be at their scheduled time.

    Search adds `published_at <= now` to every query, so a document scheduled
    for tomorrow appears tomorrow without anything having to run.
    """
    return PolicyDocument.objects.public(now=FAR_FUTURE)


def document_entry(document: PolicyDocument, attachments: list[tuple[str, str]] | None = None) -> SearchEntry:
    """An unsaved SearchEntry for a public document, with the text of its attachments
    ((file name, text) pairs; read from the database when not given)."""
    if attachments is None:
        attachments = list(document.attachments.exclude(text="").values_list("original_name", "text"))
    parts = [document.summary, search_text.plain_text(document.body)]
    parts += [f"附件：{name}\n{text}" for name, text in attachments if text]
    return SearchEntry(
        kind=Kind.DOCUMENT,
        object_id=document.pk,
        url=document.get_absolute_url(),
        title=document.title,
        doc_number=document.doc_number,
        number_key=_number_key(document.doc_number),
        text="\n".join(p for p in parts if p),
        published_at=document.published_at,
        organisation_id=document.issuing_organisation_id,  # 发文机关, not the drafting office
        doc_type=document.doc_type,
        topic=document.topic,
        year=document.written_date.year if document.written_date else None,
        validity=document.validity,
        effective_date=document.effective_date,
        expiry_date=document.expiry_date,
    )


def sync_document(document_id: int) -> None:
    """(Re)index the document if it is public, else remove it from the index."""
    with transaction.atomic():
        remove(Kind.DOCUMENT, [document_id])
        for batch in public_document_batches(ids=[document_id]):
            write_entries(batch)


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
        number_key=_number_key(doc_number),
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


def _number_key(doc_number: str) -> str:
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
            cursor.execute(f"DELETE FROM search_fts WHERE rowid {condition}", params)
        cursor.execute(f"DELETE FROM {entries} WHERE id {condition}", params)


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


def write_entries(batch: list[tuple[SearchEntry, list[int]]], stored: list[tuple[str, ...]] | None = None) -> None:
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
                "INSERT INTO search_fts (rowid, title, body, words) VALUES (%s, %s, %s, %s)",
                [(entry.pk, *columns) for (entry, _), columns in zip(batch, stored, strict=True)],
            )
    Through = SearchEntry.tags.through
    Through.objects.bulk_create(
        [Through(searchentry_id=entry.pk, catalogtag_id=tag_id) for entry, tag_ids in batch for tag_id in tag_ids]
    )


def public_document_batches(
    batch_size: int = 500, ids: Iterable[int] | None = None
) -> Iterator[list[tuple[SearchEntry, list[int]]]]:
    """Every public document (or those of `ids`) as (entry, tag ids), a batch at a time, by id.

    The ids come first, in one narrow query; each batch is then fetched by
    primary key, which stays fast whatever the planner thinks of the filters.
    """
    base = indexable_documents()
    if ids is not None:
        base = base.filter(pk__in=list(ids))
    all_ids = list(base.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(all_ids), batch_size):
        chunk = all_ids[start : start + batch_size]
        # Tags and attachments by plain queries: prefetch_related would build a
        # queryset per document, which costs more than the rest of the batch.
        tags: dict[int, list[int]] = collections.defaultdict(list)
        for document_id, tag_id in TaggedDocument.objects.filter(content_object_id__in=chunk).values_list(
            "content_object_id", "tag_id"
        ):
            tags[document_id].append(tag_id)
        attachments: dict[int, list[tuple[str, str]]] = collections.defaultdict(list)
        for document_id, name, text in (
            Attachment.objects.filter(document_id__in=chunk)
            .exclude(text="")
            .order_by("pk")
            .values_list("document_id", "original_name", "text")
        ):
            attachments[document_id].append((name, text))
        documents = PolicyDocument.objects.filter(pk__in=chunk).order_by("pk")
        yield [(document_entry(d, attachments[d.pk]), tags[d.pk]) for d in documents]


# kind -> function that calls index_object for every public object of that kind
# and returns how many; other apps register theirs in AppConfig.ready().
REBUILDERS: dict[str, Callable[[], int]] = {}


def register_rebuilder(kind: str, function: Callable[[], int]) -> None:
    """Let `rebuild_search_index` re-index the objects of another app after clearing the index."""
    REBUILDERS[kind] = function


def rebuild(progress: Callable[[int], None] | None = None, batch_size: int = 500, workers: int | None = None) -> int:
    """Replace the whole index by what is public now; returns how many entries.

    Tokens are computed in `workers` processes (default: one per CPU for more
    than POOL_THRESHOLD documents; 0 = in this process) while this one reads and writes. On PostgreSQL the vector
    indexes are dropped and built again at the end, many times faster than
    inserting into them row by row; searches wait for the rebuild meanwhile.
    """
    if workers is None:
        workers = (os.cpu_count() or 1) if indexable_documents().count() > POOL_THRESHOLD else 0
    count = 0
    with transaction.atomic(), _tokeniser_pool(workers) as pool, _indexes_built_at_the_end():
        clear()
        vendor = connection.vendor
        pending: collections.deque = collections.deque()
        for batch in public_document_batches(batch_size):
            fields = [entry_fields(entry) for entry, _ in batch]
            stored = pool.apply_async(stored_tokens, (vendor, fields)) if pool else None
            pending.append((batch, stored or stored_tokens(vendor, fields)))
            while len(pending) > (2 * workers if pool else 0):
                count += _write_pending(pending.popleft(), progress)
        while pending:
            count += _write_pending(pending.popleft(), progress)
        for function in REBUILDERS.values():
            count += function()
    return count


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
            "SELECT c.relname, pg_get_indexdef(c.oid) FROM pg_class c WHERE c.relname IN (%s, %s, %s, %s)",
            [VECTOR_INDEX, TITLE_VECTOR_INDEX, SAMPLE_INDEX, LOOSE_INDEX],
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
    table, and in indexes built later in the same transaction, until a vacuum."""
    if connection.vendor != "postgresql":
        _delete("IS NOT NULL", [])
        return
    entries, tags = SearchEntry._meta.db_table, SearchEntry.tags.through._meta.db_table
    with connection.cursor() as cursor:
        # TRUNCATE refuses tables with deferred foreign-key checks pending: run them now.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute(f"TRUNCATE {tags}, {entries}")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
