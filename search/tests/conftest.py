from __future__ import annotations

import pytest

from documents.search_sync import sync_document
from factories import PolicyDocumentFactory


@pytest.fixture
def indexed(db):
    """Create a document (public unless told otherwise) and sync it into the index."""

    def make(**kwargs):
        kwargs.setdefault("published", True)
        document = PolicyDocumentFactory(**kwargs)
        sync_document(document.pk)
        return document

    return make
