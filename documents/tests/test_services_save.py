"""document_create and document_save_edit: what a save of a document's fields sets off,
for the admin and any other caller alike."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from documents import services
from documents.models import DocumentTransition, PolicyDocument, PrivacyFinding, Status
from factories import OrganisationFactory, PolicyDocumentFactory

pytestmark = pytest.mark.django_db


def _new(organisation) -> PolicyDocument:
    return PolicyDocument(
        title="关于开展测试工作的通知",
        doc_number="徐府发〔2023〕88号",
        organisation=organisation,
        issuing_organisation=organisation,
        written_date=dt.date(2023, 6, 1),
        body="<p>联系电话 13812345678。</p>",
    )


def test_a_new_document_is_the_drafters_draft_with_an_index_number(organisation, drafter):
    document = services.document_create(document=_new(organisation), user=drafter)
    document.refresh_from_db()
    assert document.status == Status.DRAFT and document.created_by == drafter
    assert document.index_number == f"{organisation.index_code}/2023-00001"


def test_only_a_drafter_may_create_a_document(organisation, reviewer):
    with pytest.raises(PermissionDenied):
        services.document_create(document=_new(organisation), user=reviewer)
    assert not PolicyDocument.objects.exists()


def test_a_created_document_is_scanned_once_its_related_rows_are_saved(organisation, drafter):
    document = services.document_create(document=_new(organisation), user=drafter)
    assert services.document_save_edit(document=document, user=drafter, changed=[], created=True)
    assert document.privacy_findings.filter(state=PrivacyFinding.State.OPEN).count() == 1


def test_a_new_issuing_organ_renumbers_an_unpublished_document(organisation, drafter):
    document = services.document_create(document=_new(organisation), user=drafter)
    town = OrganisationFactory(index_code="11310118MB0000009X")
    document.issuing_organisation = town
    document.save()
    services.document_save_edit(document=document, user=drafter, changed=["issuing_organisation"])
    document.refresh_from_db()
    assert document.index_number == "11310118MB0000009X/2023-00001"


def test_a_published_documents_index_number_stays_and_its_edit_is_recorded(organisation, signer):
    document = PolicyDocumentFactory(organisation=organisation, published=True, index_number="X/2023-00007")
    document.issuing_organisation = OrganisationFactory()
    document.save()
    assert services.document_save_edit(document=document, user=signer, changed=["issuing_organisation", "title"])
    document.refresh_from_db()
    assert document.index_number == "X/2023-00007"
    record = document.transitions.get()
    assert record.action == DocumentTransition.Action.EDIT and record.actor == signer
    assert "发文机关" in record.comment and "标题" in record.comment


def test_a_change_outside_the_scanned_text_does_not_scan_again(organisation, drafter):
    document = services.document_create(document=_new(organisation), user=drafter)
    services.document_save_edit(document=document, user=drafter, changed=[], created=True)
    document.refresh_from_db()
    scanned_at = document.privacy_scanned_at
    assert not services.document_save_edit(document=document, user=drafter, changed=["doc_type"])
    assert services.document_save_edit(document=document, user=drafter, changed=[], attachments_changed=True)
    document.refresh_from_db()
    assert document.privacy_scanned_at > scanned_at
