"""The reviewer and the signing head meet the 三同步 gate in the admin's workflow buttons."""

from __future__ import annotations

import datetime as dt

import pytest

from documents import services as document_services
from documents.models import DocumentType
from documents.models import Status as DocumentStatus
from factories import InterpretationFactory, client_for, make_draft
from interpretations.models import Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(organisation, drafter):
    document = make_draft(organisation, drafter, doc_type=DocumentType.NORMATIVE, effective_date=dt.date(2024, 4, 1))
    document_services.document_submit(document=document, user=drafter)
    return document


def approve(reviewer, document):
    url = f"/admin/documents/policydocument/{document.pk}/workflow/approve_review/"
    return client_for(reviewer).post(url, {"comment": ""}, follow=True)


def test_the_reviewer_is_told_to_have_the_interpretation_drafted_first(reviewer, submitted):
    response = approve(reviewer, submitted)

    assert response.status_code == 409
    text = response.content.decode()
    assert "未能" in text and "三同步" in text and "新增一份解读" in text
    submitted.refresh_from_db()
    assert submitted.status == DocumentStatus.PENDING_REVIEW


def test_with_a_drafted_interpretation_the_document_goes_to_signoff(reviewer, submitted):
    interpretation = InterpretationFactory(document=submitted)

    approve(reviewer, submitted)

    submitted.refresh_from_db()
    interpretation.refresh_from_db()
    assert submitted.status == DocumentStatus.PENDING_SIGNOFF
    assert interpretation.status == Status.REVIEWED
