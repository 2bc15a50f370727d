from __future__ import annotations

import pytest

from factories import PolicyDocumentFactory
from search import indexing


@pytest.fixture
def indexed(db):
    """Create a document (public unless told otherwise) and sync it into the index."""

    def make(**kwargs):
        kwargs.setdefault("published", True)
        document = PolicyDocumentFactory(**kwargs)
        indexing.sync_document(document.pk)
        return document

    return make
