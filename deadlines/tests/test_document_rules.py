"""Art. 26: a 主动公开 document is published within 20 working days of its 成文日期."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from deadlines import document_rules, services
from deadlines.models import Deadline
from documents import services as document_services
from documents.models import DisclosureAttribute, NonDisclosureReason, Status
from factories import CatalogTagFactory, CatalogueItemFactory, PolicyDocumentFactory

pytestmark = pytest.mark.django_db

KIND = document_rules.KIND
SHANGHAI = dt.timezone(dt.timedelta(hours=8))


def art26(document) -> Deadline | None:
    return services.deadline_for(document, KIND)


def test_a_proactive_draft_starts_the_clock_from_its_written_date(organisation):
    # 20 working days across May Day 2023 (29 Apr - 3 May off; 23 Apr and 6 May working).
    document = PolicyDocumentFactory(organisation=organisation, written_date=dt.date(2023, 4, 20))

    deadline = art26(document)
    assert deadline.due_date == dt.date(2023, 5, 19)
    assert deadline.organisation == organisation
    assert deadline.working_days == 20
    assert "第二十六条" in deadline.legal_basis
    assert deadline.purpose == f"主动公开《{document.title}》"


def test_saving_again_keeps_one_deadline_and_follows_a_corrected_written_date(organisation):
    document = PolicyDocumentFactory(organisation=organisation, written_date=dt.date(2023, 4, 20))
    document.written_date = dt.date(2023, 9, 27)
    document.save()
    document.save()

    assert Deadline.objects.filter(kind=KIND).count() == 1
    assert art26(document).due_date == dt.date(2023, 10, 31)  # 20 working days across National Day


def test_documents_not_proactively_disclosed_get_no_deadline_and_cancel_one(organisation):
    on_request = PolicyDocumentFactory(organisation=organisation, disclosure_attribute=DisclosureAttribute.ON_REQUEST)
    assert art26(on_request) is None

    document = PolicyDocumentFactory(organisation=organisation)
    document.disclosure_attribute = DisclosureAttribute.NOT_DISCLOSED
    document.non_disclosure_reason = NonDisclosureReason.INTERNAL
    document.save()

    deadline = art26(document)
    assert deadline.state == Deadline.State.CANCELLED
    assert "不予公开" in deadline.close_reason


def test_a_document_created_published_gets_no_deadline(organisation):
    assert art26(PolicyDocumentFactory(organisation=organisation, published=True)) is None


@time_machine.travel(dt.datetime(2023, 6, 20, 10, 0, tzinfo=SHANGHAI), tick=False)
def test_signing_meets_the_deadline(organisation, drafter, reviewer, signer):
    document = PolicyDocumentFactory(
        organisation=organisation,
        written_date=dt.date(2023, 6, 1),
        created_by=drafter,
        summary="测试摘要",
        catalogue_item=CatalogueItemFactory(),
        tags=[CatalogTagFactory()],
    )
    document_services.document_submit(document=document, user=drafter)
    document_services.document_approve_review(document=document, user=reviewer)
    document_services.document_sign(document=document, user=signer)

    document.refresh_from_db()
    assert document.status == Status.PUBLISHED
    deadline = art26(document)
    assert (deadline.state, deadline.closed_on) == (Deadline.State.MET, dt.date(2023, 6, 20))


def test_a_written_date_in_an_uncovered_year_is_flagged(organisation):
    deadline = art26(PolicyDocumentFactory(organisation=organisation, written_date=dt.date(2026, 12, 20)))

    assert deadline.calendar_unconfirmed is True
    assert deadline.due_date is None
