"""The POST data of the document admin's form, as a browser sends it."""

from __future__ import annotations

from factories import CatalogTagFactory, CatalogueItemFactory


def document_form_data(organisation, issuing_organisation=None, **changes) -> dict:
    """A complete new draft of `organisation`, issued in its own name unless told otherwise."""
    tag = CatalogTagFactory(name="社区治理", slug="community")
    item = CatalogueItemFactory(code="0202", name="政策文件")
    data = {
        "title": "关于开展社区睦邻点建设的通知",
        "doc_number": "",
        "organisation": str(organisation.pk),
        "issuing_organisation": str((issuing_organisation or organisation).pk),
        "written_date": "2024-03-01",
        "doc_type": "notice",
        "topic": "civil",
        "catalogue_item": str(item.pk),
        "summary": "建设睦邻点。",
        "body": "<p>各居委会要建成睦邻点。</p>",
        "tags": [str(tag.pk)],
        "validity": "valid",
        "disclosure_attribute": "proactive",
        "disclosure_scope": "public",
        "attachments-TOTAL_FORMS": "0",
        "attachments-INITIAL_FORMS": "0",
        "attachments-MIN_NUM_FORMS": "0",
        "attachments-MAX_NUM_FORMS": "1000",
        "transitions-TOTAL_FORMS": "0",
        "transitions-INITIAL_FORMS": "0",
        "transitions-MIN_NUM_FORMS": "0",
        "transitions-MAX_NUM_FORMS": "0",
    }
    data.update(changes)
    return data
