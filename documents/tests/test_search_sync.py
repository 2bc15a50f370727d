from __future__ import annotations

from documents import search_sync
from documents.models import Status
from factories import PolicyDocumentFactory
from search import indexing
from search.models import Kind, SearchEntry


def test_the_documents_app_registers_its_documents_for_rebuilds(db):
    PolicyDocumentFactory.create_batch(2, published=True)
    PolicyDocumentFactory(status=Status.DRAFT)

    assert Kind.DOCUMENT in indexing.BULK_KINDS
    assert indexing.bulk_count() == 2


def test_a_document_is_synced_by_object_or_by_primary_key(db):
    document = PolicyDocumentFactory(published=True)

    search_sync.sync_document(document)
    search_sync.sync_document(document.pk)

    assert SearchEntry.objects.filter(kind=Kind.DOCUMENT, object_id=document.pk).count() == 1


def test_the_index_follows_a_change_only_once_it_is_committed(db, django_capture_on_commit_callbacks):
    document = PolicyDocumentFactory(published=True)

    with django_capture_on_commit_callbacks() as callbacks:
        search_sync.sync_document_on_commit(document)
        assert not SearchEntry.objects.exists()
    for callback in callbacks:
        callback()

    assert SearchEntry.objects.filter(kind=Kind.DOCUMENT, object_id=document.pk).exists()
