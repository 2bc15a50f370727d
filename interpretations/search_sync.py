"""Keep interpretations in the site search, through search.indexing.

An interpretation is indexed when it is published and its policy is public (now
or at a scheduled time: search itself hides entries whose published_at is in the
future), and removed when it is withdrawn. interpretations.services calls
`sync_interpretation` and `remove_interpretation` in the transaction that
publishes or withdraws it (with its document or on its own), as does the demo
loader; `rebuild` is registered for `rebuild_search_index` in
InterpretationsConfig.ready.
"""

from __future__ import annotations

from documents.search_sync import indexable_documents
from search import indexing
from search.models import Kind

from .models import Interpretation, Status


def _indexable(interpretation: Interpretation) -> bool:
    return (
        interpretation.status == Status.PUBLISHED
        and interpretation.published_at is not None
        and Interpretation.objects.filter(pk=interpretation.pk)
        .filter(document__in=indexable_documents().values("pk"))
        .exists()
    )


def sync_interpretation(interpretation: Interpretation) -> None:
    """Index the interpretation if the public may read it, remove it otherwise."""
    if not _indexable(interpretation):
        remove_interpretation(interpretation)
        return
    document = interpretation.document
    indexing.index_object(
        Kind.INTERPRETATION,
        interpretation,
        title=interpretation.title,
        text=interpretation.plain_text(),
        published_at=interpretation.published_at,
        organisation_id=interpretation.organisation_id,
        doc_number=document.doc_number if document else "",
        tag_ids=list(document.tags.values_list("pk", flat=True)) if document else [],
    )


def remove_interpretation(interpretation: Interpretation) -> None:
    indexing.remove_object(Kind.INTERPRETATION, interpretation)


def rebuild() -> int:
    """Index every published interpretation of a public document; returns how many."""
    count = 0
    published = Interpretation.objects.published(now=indexing.FAR_FUTURE).filter(
        document__in=indexable_documents().values("pk")
    )
    for interpretation in published.select_related("document").prefetch_related("questions"):
        sync_interpretation(interpretation)
        count += 1
    return count
