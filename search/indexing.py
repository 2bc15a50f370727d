"""Keeps the search index in step with the document library.

documents.services calls `sync_document` after every publish, withdrawal
and edit, inside the same transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from django.db import connection, transaction

from documents import numbers
from documents.models import PolicyDocument, PolicyDocumentQuerySet

from . import text as search_text
from .models import Kind, SearchEntry

FAR_FUTURE = dt.datetime(9999, 1, 1, tzinfo=dt.UTC)


# PostgreSQL's parser drops the private-use GAP character; this word stands in
# for it while the vector is built and is then deleted, keeping the hole.
PG_GAP = "xqgapx"
PG_TITLE_VECTOR_SQL = f"ts_delete(to_tsvector('simple', %s), '{PG_GAP}'::text)"
PG_VECTOR_SQL = (
    "ts_delete("
    "setweight(to_tsvector('simple', %s), 'A') || to_tsvector('simple', %s)"
    " || setweight(to_tsvector('simple', %s), 'A') || to_tsvector('simple', %s),"
    f" '{PG_GAP}'::text)"
)


@dataclass
class Tokens:
    """What the full-text structures store for one entry: token strings (see text.token_string)."""

    title: str
    body: str
    title_words: str
    body_words: str

    @classmethod
    def of(cls, title: str, body: str) -> Tokens:
        title_norm, body_norm = search_text.normalise(title), search_text.normalise(body)
        return cls(
            # A trailing gap keeps the last title token from touching the first body token.
            title=search_text.token_string(title_norm) + f" {search_text.GAP}",
            body=search_text.token_string(body_norm) + f" {search_text.GAP}",
            title_words=" ".join(search_text.ranking_words(title_norm)),
            body_words=" ".join(search_text.ranking_words(body_norm)),
        )

    def pg_params(self) -> list[str]:
        """Parameters of PG_VECTOR_SQL: title (weight A), body, then whole words."""
        return [
            self.title.replace(search_text.GAP, PG_GAP),
            self.body.replace(search_text.GAP, PG_GAP),
            self.title_words,
            self.body_words,
        ]

    def fts_columns(self) -> tuple[str, str, str]:
        """Token strings for the FTS5 columns title, body and words."""
        return self.title, self.body, f"{self.title_words} {self.body_words}"


def indexable_documents() -> PolicyDocumentQuerySet:
    """Documents that are public now or will be at their scheduled time.

    Search adds `published_at <= now` to every query, so a document scheduled
    for tomorrow appears tomorrow without anything having to run.
    """
    return PolicyDocument.objects.public(now=FAR_FUTURE)


def document_entry(document: PolicyDocument) -> SearchEntry:
    """An unsaved SearchEntry for a public document (attachments' text included)."""
    parts = [document.summary, search_text.plain_text(document.body)]
    parts += [f"附件：{a.original_name}\n{a.text}" for a in document.attachments.all() if a.text]
    number_key = ""
    if document.doc_number:
        try:
            number_key = numbers.normalise(document.doc_number)
        except ValueError:
            number_key = search_text.normalise(document.doc_number)
    return SearchEntry(
        kind=Kind.DOCUMENT,
        object_id=document.pk,
        url=document.get_absolute_url(),
        title=document.title,
        doc_number=document.doc_number,
        number_key=number_key,
        text="\n".join(p for p in parts if p),
        published_at=document.published_at,
        organisation_id=document.organisation_id,
        doc_type=document.doc_type,
        topic=document.topic,
        year=document.written_date.year if document.written_date else None,
        validity=document.validity,
        effective_date=document.effective_date,
        expiry_date=document.expiry_date,
    )


def entry_tokens(entry: SearchEntry) -> Tokens:
    title = f"{entry.title} {entry.doc_number}".strip()
    return Tokens.of(title, entry.text)


def sync_document(document_id: int) -> None:
    """(Re)index the document if it is public, else remove it from the index."""
    document = (
        indexable_documents()
        .filter(pk=document_id)
        .prefetch_related("attachments", "tags")
        .select_related("organisation")
        .first()
    )
    with transaction.atomic():
        remove(Kind.DOCUMENT, [document_id])
        if document is not None:
            write_entries([(document_entry(document), [t.pk for t in document.tags.all()])])


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


def write_entries(batch: list[tuple[SearchEntry, list[int]]]) -> None:
    """Insert entries (not yet in the index) with their tokens and tags."""
    tokens = [entry_tokens(entry) for entry, _ in batch]
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
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            rows = ", ".join(["(%s, %s, %s, %s, %s)"] * len(batch))
            params = [
                value for (entry, _), t in zip(batch, tokens, strict=True) for value in (entry.pk, *t.pg_params())
            ]
            vector = PG_VECTOR_SQL.replace("%s", "v.{}").format("t", "b", "tw", "bw")
            title_vector = PG_TITLE_VECTOR_SQL.replace("%s", "v.t")
            cursor.execute(
                f"UPDATE search_searchentry AS e SET vector = {vector}, title_vector = {title_vector} "
                f"FROM (VALUES {rows}) AS v(id, t, b, tw, bw) WHERE e.id = v.id",
                params,
            )
        elif connection.vendor == "sqlite":
            cursor.executemany(
                "INSERT INTO search_fts (rowid, title, body, words) VALUES (%s, %s, %s, %s)",
                [(entry.pk, *t.fts_columns()) for (entry, _), t in zip(batch, tokens, strict=True)],
            )
    Through = SearchEntry.tags.through
    Through.objects.bulk_create(
        [Through(searchentry_id=entry.pk, catalogtag_id=tag_id) for entry, tag_ids in batch for tag_id in tag_ids]
    )


def public_document_batches(
    batch_size: int = 500, ids: Iterable[int] | None = None
) -> Iterator[list[tuple[SearchEntry, list[int]]]]:
    """Every public document (or those of `ids`) as (entry, tag ids), a batch at a time, by id."""
    last_id = 0
    base = indexable_documents().order_by("pk")
    if ids is not None:
        base = base.filter(pk__in=list(ids))
    while True:
        documents = list(base.filter(pk__gt=last_id).prefetch_related("attachments", "tags")[:batch_size])
        if not documents:
            return
        last_id = documents[-1].pk
        yield [(document_entry(d), [t.pk for t in d.tags.all()]) for d in documents]


def rebuild(progress: Callable[[int], None] | None = None, batch_size: int = 500) -> int:
    """Replace the whole index by the public documents of now; returns how many."""
    count = 0
    with transaction.atomic():
        clear()
        for batch in public_document_batches(batch_size):
            write_entries(batch)
            count += len(batch)
            if progress:
                progress(len(batch))
    return count


def clear() -> None:
    _delete("IS NOT NULL", [])
