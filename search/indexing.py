"""Keeps the search index in step with the document library.

documents.services calls `sync_document` after every publish, withdrawal
and edit, inside the same transaction.
"""

from __future__ import annotations


def sync_document(document_id: int) -> None:
    """(Re)index the document if it is public, else remove it from the index."""
