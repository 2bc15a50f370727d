"""Shared set-up for the workflow tests: a complete draft of the personas' organisation."""

from __future__ import annotations

from documents.models import PolicyDocument, Status
from documents.tests.factories import CatalogTagFactory, CatalogueItemFactory, PolicyDocumentFactory


def make_draft(organisation, drafter, **fields) -> PolicyDocument:
    """A draft with every required element, ready to be submitted."""
    defaults = {
        "organisation": organisation,
        "created_by": drafter,
        "status": Status.DRAFT,
        "catalogue_item": CatalogueItemFactory(code="0202", name="政策文件"),
        "summary": "做好社区睦邻点建设工作。",
        "tags": [CatalogTagFactory(name="社区治理", slug="community")],
    }
    defaults.update(fields)
    return PolicyDocumentFactory(**defaults)
