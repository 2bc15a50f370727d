"""Art. 26: a 主动公开 document is published within 20 working days of its 成文日期.

The clock is kept by the document services (documents.deadline_rules); a bare save
touches no deadline."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from deadlines.models import Deadline, DeadlineEvent
from documents import deadline_rules
from documents import services as document_services
from documents.models import DisclosureAttribute, NonDisclosureReason, PolicyDocument, Status
from documents.tests.admin_forms import document_form_data
from factories import CatalogTagFactory, CatalogueItemFactory, PolicyDocumentFactory, client_for, make_draft

pytestmark = pytest.mark.django_db

KIND = deadline_rules.KIND
SHANGHAI = dt.timezone(dt.timedelta(hours=8))


def art26(document) -> Deadline | None:
    return deadline_rules.publication_deadline_for(document)


def saved(**fields) -> PolicyDocument:
    """A document saved through the service, as the admin and the demo loaders save one."""
    return document_services.document_save(document=PolicyDocumentFactory(**fields))


def test_a_proactive_draft_starts_the_clock_from_its_written_date(organisation):
    # 20 working days across May Day 2023 (29 Apr - 3 May off; 23 Apr and 6 May working).
    document = saved(organisation=organisation, written_date=dt.date(2023, 4, 20))

    deadline = art26(document)
    assert deadline.due_date == dt.date(2023, 5, 19)
    assert deadline.organisation == organisation
    assert deadline.working_days == 20
    assert "第二十六条" in deadline.legal_basis
    assert deadline.purpose == f"主动公开《{document.title}》"


def test_a_bare_save_or_a_factory_starts_no_clock(organisation):
    document = PolicyDocumentFactory(organisation=organisation, written_date=dt.date(2023, 4, 20))
    document.written_date = dt.date(2023, 9, 27)
    document.save()

    assert art26(document) is None
    assert not Deadline.objects.exists()


def test_saving_again_keeps_one_deadline_and_follows_a_corrected_written_date(organisation):
    document = saved(organisation=organisation, written_date=dt.date(2023, 4, 20))
    document.written_date = dt.date(2023, 9, 27)
    document_services.document_save(document=document)
    document_services.document_save(document=document)

    assert Deadline.objects.filter(kind=KIND).count() == 1
    assert art26(document).due_date == dt.date(2023, 10, 31)  # 20 working days across National Day
    assert art26(document).start_date == dt.date(2023, 9, 27)
    assert art26(document).events.filter(kind=DeadlineEvent.Kind.RECOMPUTED).count() == 1


def test_documents_not_proactively_disclosed_get_no_deadline_and_cancel_one(organisation):
    on_request = saved(organisation=organisation, disclosure_attribute=DisclosureAttribute.ON_REQUEST)
    assert art26(on_request) is None

    document = saved(organisation=organisation)
    document.disclosure_attribute = DisclosureAttribute.NOT_DISCLOSED
    document.non_disclosure_reason = NonDisclosureReason.INTERNAL
    document_services.document_save(document=document)

    deadline = art26(document)
    assert deadline.state == Deadline.State.CANCELLED
    assert "不予公开" in deadline.close_reason


def test_a_document_created_published_gets_no_deadline(organisation):
    assert art26(saved(organisation=organisation, published=True)) is None


@time_machine.travel(dt.datetime(2023, 6, 20, 10, 0, tzinfo=SHANGHAI), tick=False)
def test_signing_meets_the_deadline(organisation, drafter, reviewer, signer):
    document = saved(
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
    deadline = art26(saved(organisation=organisation, written_date=dt.date(2026, 12, 20)))

    assert deadline.calendar_unconfirmed is True
    assert deadline.due_date is None


def test_submitting_a_draft_saved_without_the_service_starts_its_clock(organisation, drafter):
    draft = make_draft(organisation, drafter, written_date=dt.date(2023, 4, 20))
    assert art26(draft) is None

    document_services.document_submit(document=draft, user=drafter)

    assert art26(draft).due_date == dt.date(2023, 5, 19)


def test_withdrawing_a_document_in_review_keeps_its_clock_running(organisation, drafter):
    draft = document_services.document_save(document=make_draft(organisation, drafter))
    document_services.document_submit(document=draft, user=drafter)

    document_services.document_withdraw(document=draft, user=drafter, comment="需补充材料")

    draft.refresh_from_db()
    assert draft.status == Status.DRAFT
    assert art26(draft).is_active
    assert Deadline.objects.filter(kind=KIND).count() == 1


@time_machine.travel(dt.datetime(2023, 6, 20, 10, 0, tzinfo=SHANGHAI), tick=False)
def test_withdrawing_a_published_document_leaves_its_deadline_met(organisation, drafter, reviewer, signer):
    draft = document_services.document_save(document=make_draft(organisation, drafter))
    document_services.document_submit(document=draft, user=drafter)
    document_services.document_approve_review(document=draft, user=reviewer)
    document_services.document_sign(document=draft, user=signer)

    document_services.document_withdraw(document=draft, user=signer, comment="内容有误")

    draft.refresh_from_db()
    assert draft.status == Status.WITHDRAWN
    deadline = art26(draft)
    assert (deadline.state, deadline.closed_on) == (Deadline.State.MET, dt.date(2023, 6, 20))


def test_adding_a_draft_in_the_admin_starts_the_clock_and_editing_its_date_restarts_it(drafter, organisation):
    client = client_for(drafter)
    data = document_form_data(organisation, written_date="2023-04-20")
    assert client.post(reverse("admin:documents_policydocument_add"), data).status_code == 302
    document = PolicyDocument.objects.get()
    assert art26(document).due_date == dt.date(2023, 5, 19)

    data["written_date"] = "2023-09-27"
    change = reverse("admin:documents_policydocument_change", args=[document.pk])
    assert client.post(change, data).status_code == 302

    assert Deadline.objects.filter(kind=KIND).count() == 1
    assert art26(document).due_date == dt.date(2023, 10, 31)
