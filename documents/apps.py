from __future__ import annotations

from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = "政策文件库"

    def ready(self) -> None:
        from search import indexing
        from search.models import Kind
        from xujing_portal import pagecache

        from . import aggregates, search_sync

        # A cached page is not served past the next scheduled publication (nor midnight).
        pagecache.keep_until(aggregates.next_change)

        # Documents are the kind with very many entries: rebuilt in batches, tokenised in workers.
        indexing.register_bulk_kind(
            Kind.DOCUMENT,
            count=lambda: search_sync.indexable_documents().count(),
            batches=search_sync.public_document_batches,
        )
