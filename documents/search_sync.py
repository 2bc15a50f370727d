"""Keep public policy documents in the site search.

documents.services calls `sync_document_on_commit(document)` after every publish,
withdrawal, unpublishing and edit; once the change is committed, `sync_document`
indexes the document when it is published and public, and removes it otherwise.
`rebuild_search_index` brings every public document back through the batches
DocumentsConfig.ready registers (`indexing.register_bulk_kind`): documents are
the one kind with very many entries, so they are tokenised in worker processes.

documents depends on search here (search.indexing's machinery), never the other
way round: search learns of this module only through that registry.
"""

from __future__ import annotations

import collections
from collections.abc import Iterable, Iterator

from django.db import transaction

from search import indexing
from search import text as search_text
from search.models import Kind, SearchEntry

from .models import Attachment, PolicyDocument, PolicyDocumentQuerySet, TaggedDocument


def indexable_documents() -> PolicyDocumentQuerySet:
    """Documents that are public now or will be at their scheduled time.

    Search adds `published_at <= now` to every query, so a document scheduled
    for tomorrow appears tomorrow without anything having to run.
    """
    return PolicyDocument.objects.public(now=indexing.FAR_FUTURE)


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
        number_key=indexing.number_key(document.doc_number),
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


def sync_document(document: PolicyDocument | int) -> None:
    """(Re)index the document (or the one with this primary key) if it is public,
    else remove it from the index."""
    document_id = document if isinstance(document, int) else document.pk
    with transaction.atomic():
        indexing.remove(Kind.DOCUMENT, [document_id])
        for batch in public_document_batches(ids=[document_id]):
            indexing.write_entries(batch)


def sync_document_on_commit(document: PolicyDocument) -> None:
    """`sync_document` once the caller's transaction commits (nothing if it rolls back)."""
    document_id = document.pk
    transaction.on_commit(lambda: sync_document(document_id))


def public_document_batches(batch_size: int = 500, ids: Iterable[int] | None = None) -> Iterator[indexing.Batch]:
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
        documents = PolicyDocument.objects.filter(pk__in=chunk).order_by("pk")
        tags, attachments = _tag_ids(chunk), _attachment_texts(chunk)
        yield [(document_entry(d, attachments[d.pk]), tags[d.pk]) for d in documents]


# Tags and attachments by plain queries: prefetch_related would build a queryset
# per document, which costs more than the rest of the batch.


def _tag_ids(document_ids: list[int]) -> dict[int, list[int]]:
    tags: dict[int, list[int]] = collections.defaultdict(list)
    for document_id, tag_id in TaggedDocument.objects.filter(content_object_id__in=document_ids).values_list(
        "content_object_id", "tag_id"
    ):
        tags[document_id].append(tag_id)
    return tags


def _attachment_texts(document_ids: list[int]) -> dict[int, list[tuple[str, str]]]:
    attachments: dict[int, list[tuple[str, str]]] = collections.defaultdict(list)
    for document_id, name, text in (
        Attachment.objects.filter(document_id__in=document_ids)
        .exclude(text="")
        .order_by("pk")
        .values_list("document_id", "original_name", "text")
    ):
        attachments[document_id].append((name, text))
    return attachments
