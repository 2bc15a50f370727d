"""A fixed data set for the 2025 report, with its hand-counted answer in the tests.

The town government (镇人民政府) reports for itself, the persona office and a second
office; a third office (单独报告) reports on its own from 2025."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from django.utils import timezone

from applications.models import ApplicantCategory as C
from applications.models import Application, ApplicationEvent, Outcome, OutcomeReason, Review, Status
from documents.models import DocumentType
from documents.validity import Validity
from factories import OrganisationFactory, PolicyDocumentFactory
from organisations.models import Organisation
from reports.models import ReportingOrgan

PRIVATE_NAME = "欧阳秘密"
_serial = itertools.count(1)


@pytest.fixture
def town(db):
    return OrganisationFactory(
        name="徐泾镇人民政府", slug="town", kind=Organisation.Kind.GOVERNMENT, index_code="11310118MB0000000X"
    )


@pytest.fixture
def separate_office(db):
    office = OrganisationFactory(name="徐泾镇单独报告办公室", slug="separate", kind=Organisation.Kind.OFFICE)
    ReportingOrgan.objects.create(organisation=office, since_year=2025)
    return office


def make_application(
    organisation,
    received: dt.date,
    category: str = C.NATURAL_PERSON,
    *,
    status: str = Status.ANSWERED,
    replied: dt.date | None = None,
    outcome: str = "",
    reason: str = "",
    closed_at: dt.date | None = None,
) -> Application:
    serial = next(_serial)
    application = Application.objects.create(
        number=f"{received.year}-{serial:04d}",
        year=received.year,
        serial=serial,
        query_code_hash="x",
        applicant_type="citizen" if category == C.NATURAL_PERSON else "organisation",
        applicant_category=category,
        applicant_name=PRIVATE_NAME,
        phone="13912345678",
        description="申请公开某项政府信息。",
        received_on=received,
        organisation=organisation,
        status=status,
        replied_on=replied,
        outcome=outcome,
        outcome_reason=reason,
    )
    if closed_at:
        at = timezone.make_aware(dt.datetime.combine(closed_at, dt.time(15)))
        ApplicationEvent.objects.create(application=application, action=ApplicationEvent.Action.CLOSED, at=at)
    return application


@pytest.fixture
def year_2025(town, organisation, other_organisation, separate_office):
    """The applications and reviews the 2025 tests count (see test_figures for the answer)."""
    d = dt.date
    a = {}
    a[1] = make_application(organisation, d(2024, 11, 5), replied=d(2024, 11, 20), outcome=Outcome.DISCLOSED)
    # Received in December 2024, answered in January 2025: carried into 2025.
    a[2] = make_application(organisation, d(2024, 12, 18), replied=d(2025, 1, 10), outcome=Outcome.DISCLOSED)
    a[3] = make_application(organisation, d(2024, 12, 28), C.BUSINESS, status=Status.EXTENDED)
    a[4] = make_application(
        other_organisation, d(2025, 3, 3), C.BUSINESS, replied=d(2025, 3, 25), outcome=Outcome.PARTLY_DISCLOSED
    )
    a[5] = make_application(
        organisation, d(2025, 4, 1), replied=d(2025, 4, 20), outcome=Outcome.WITHHELD, reason=OutcomeReason.STATE_SECRET
    )
    a[6] = make_application(
        organisation,
        d(2025, 5, 6),
        C.LEGAL_SERVICES,
        status=Status.CLOSED,
        replied=d(2025, 5, 9),
        outcome=Outcome.NOT_PROCESSED,
        reason=OutcomeReason.REPEATED,
    )
    # Abandoned after a 补正: no reply, ended on the day it was closed.
    a[7] = make_application(
        organisation,
        d(2025, 6, 10),
        C.RESEARCH,
        status=Status.CLOSED,
        outcome=Outcome.OTHER,
        reason=OutcomeReason.NO_CORRECTION,
        closed_at=d(2025, 7, 20),
    )
    # Received in December 2025, answered in January 2026: carried out of 2025.
    a[8] = make_application(organisation, d(2025, 12, 22), replied=d(2026, 1, 12), outcome=Outcome.DISCLOSED)
    a[9] = make_application(
        other_organisation,
        d(2025, 8, 8),
        C.PUBLIC_INTEREST,
        status=Status.ARCHIVED,
        replied=d(2025, 8, 30),
        outcome=Outcome.UNAVAILABLE,
        reason=OutcomeReason.NOT_HELD,
    )
    a[10] = make_application(separate_office, d(2025, 7, 7), replied=d(2025, 7, 20), outcome=Outcome.DISCLOSED)
    a[11] = make_application(None, d(2025, 9, 9), status=Status.RECEIVED)
    a[12] = make_application(organisation, d(2026, 1, 5), status=Status.IN_PROGRESS)

    R = Review
    R.objects.create(
        application=a[5],
        kind=R.Kind.RECONSIDERATION,
        filed_on=d(2025, 5, 20),
        decided_on=d(2025, 7, 1),
        result=R.Result.UPHELD,
    )
    # A reconsideration still pending.
    R.objects.create(application=a[6], kind=R.Kind.RECONSIDERATION, filed_on=d(2025, 11, 10))
    # Decided in 2026: at the end of 2025 it was 尚未审结.
    R.objects.create(
        application=a[4],
        kind=R.Kind.LAWSUIT,
        filed_on=d(2025, 10, 1),
        decided_on=d(2026, 2, 1),
        result=R.Result.CORRECTED,
    )
    R.objects.create(
        application=a[5],
        kind=R.Kind.LAWSUIT_AFTER_RECONSIDERATION,
        filed_on=d(2025, 8, 1),
        decided_on=d(2025, 12, 1),
        result=R.Result.OTHER,
    )
    R.objects.create(application=a[10], kind=R.Kind.RECONSIDERATION, filed_on=d(2025, 9, 1))
    R.objects.create(application=a[1], kind=R.Kind.RECONSIDERATION, filed_on=d(2024, 12, 1))
    return a


def _published(**fields):
    defaults = {
        "published": True,
        "doc_type": DocumentType.NORMATIVE,
        "published_at": timezone.make_aware(dt.datetime.combine(fields["written_date"], dt.time(9)))
        + dt.timedelta(days=3),
    }
    return PolicyDocumentFactory(**{**defaults, **fields})


@pytest.fixture
def normative_2025(town, separate_office, organisation):
    """Normative documents issued in the town government's name (and one of the separate office)."""
    d = dt.date
    new = _published(
        organisation=organisation, issuing_organisation=town, written_date=d(2025, 3, 1), effective_date=d(2025, 4, 1)
    )
    old = _published(
        organisation=organisation, issuing_organisation=town, written_date=d(2022, 1, 1), validity=Validity.REPEALED
    )
    new.replaces.add(old)
    _published(
        organisation=organisation, issuing_organisation=town, written_date=d(2021, 5, 1), expiry_date=d(2025, 6, 30)
    )
    _published(organisation=organisation, issuing_organisation=town, written_date=d(2020, 5, 1))
    PolicyDocumentFactory(
        organisation=organisation,
        issuing_organisation=town,
        written_date=d(2025, 5, 1),
        doc_type=DocumentType.NORMATIVE,
    )
    _published(organisation=separate_office, written_date=d(2025, 2, 1))
