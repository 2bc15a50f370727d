"""Registering applications: the number, the query code, the date received, the trail;
dispatching and transferring; review records; the guide's one row."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError
from django.utils import timezone

from applications import services
from applications.models import (
    DEFAULT_GUIDE,
    OUTCOME_REASONS,
    Application,
    ApplicationEvent,
    Guide,
    Outcome,
    OutcomeReason,
    Review,
    Status,
)

pytestmark = pytest.mark.django_db

Action = ApplicationEvent.Action


def _at(*args) -> dt.datetime:
    return timezone.make_aware(dt.datetime(*args))


def test_numbers_are_the_year_of_receipt_and_a_serial_within_it(new_application):
    first = new_application().application
    second = new_application().application
    next_year = new_application(submitted_at=_at(2027, 1, 4, 9, 0)).application

    assert [first.number, second.number, next_year.number] == ["2026-0001", "2026-0002", "2027-0001"]


def test_a_registration_number_is_unique(new_application):
    first = new_application().application
    copy = Application.objects.get(pk=first.pk)
    copy.pk = None
    copy.serial = 99

    with pytest.raises(IntegrityError):
        copy.save()


def test_the_query_code_is_returned_once_and_stored_only_hashed(new_application):
    receipt = new_application()
    application = Application.objects.get(pk=receipt.application.pk)

    assert len(receipt.query_code) == services.CODE_LENGTH
    assert receipt.query_code not in application.query_code_hash
    assert application.query_code_hash == services.query_code_hash(application.number, receipt.query_code)
    assert services.query_code_matches(application, receipt.query_code.lower())
    assert not services.query_code_matches(application, "WRONG123")
    assert not services.query_code_matches(application, "")


def test_it_counts_the_local_date_of_submission_as_received(new_application):
    # 23:30 in Shanghai is 15:30 UTC the same day; 00:30 in Shanghai is the UTC day before.
    late = new_application(submitted_at=dt.datetime(2026, 3, 2, 15, 30, tzinfo=dt.UTC)).application
    early = new_application(submitted_at=dt.datetime(2026, 3, 2, 16, 30, tzinfo=dt.UTC)).application

    assert late.received_on == dt.date(2026, 3, 2)
    assert early.received_on == dt.date(2026, 3, 3)


def test_registering_appends_received_and_registered_to_the_trail(new_application, registrar):
    receipt = services.application_register(
        application=Application(
            applicant_name="张三", description="申请公开某文件", submitted_at=_at(2026, 3, 2, 10, 0)
        ),
        user=registrar,
    )
    application = receipt.application
    application.refresh_from_db()

    events = list(application.events.all())
    assert [e.action for e in events] == [Action.RECEIVED, Action.REGISTERED]
    assert events[1].actor == registrar and application.number in events[1].comment
    assert all(e.visible_to_applicant for e in events)
    assert application.status == Status.RECEIVED


def test_an_application_registered_with_its_organisation_is_dispatched_at_once(new_application, organisation):
    application = new_application(organisation=organisation).application

    assert application.status == Status.IN_PROGRESS
    assert list(application.events.values_list("action", flat=True)) == [
        Action.RECEIVED,
        Action.REGISTERED,
        Action.DISPATCHED,
    ]


def test_an_application_is_registered_once(new_application):
    application = new_application().application

    with pytest.raises(services.ApplicationError):
        services.application_register(application=application)


def test_a_transfer_names_its_reason(new_application, organisation, other_organisation, registrar):
    application = new_application(organisation=organisation).application

    with pytest.raises(services.ApplicationError):
        services.application_dispatch(application=application, organisation=other_organisation, user=registrar)
    services.application_dispatch(
        application=application, organisation=other_organisation, user=registrar, reason="属经发办职责"
    )

    application.refresh_from_db()
    assert application.organisation == other_organisation
    last = application.events.last()
    assert last.action == Action.TRANSFERRED and "属经发办职责" in last.comment


def test_a_review_record_and_its_result_are_steps_of_the_trail(new_application, registrar):
    application = new_application().application
    review = services.review_save(
        review=Review(application=application, kind=Review.Kind.RECONSIDERATION, filed_on=dt.date(2026, 5, 6)),
        user=registrar,
    )
    review.result, review.decided_on = Review.Result.UPHELD, dt.date(2026, 7, 1)
    services.review_save(review=review, user=registrar)
    services.review_save(review=review, user=registrar)  # saved again unchanged: no new step

    assert application.events.filter(action=Action.REVIEW).count() == 2


def test_an_outcome_takes_only_its_own_reasons(new_application):
    application = new_application().application
    application.outcome, application.outcome_reason = Outcome.WITHHELD, OutcomeReason.NOT_HELD
    with pytest.raises(Exception, match="不属于所选答复结果"):
        application.full_clean()
    application.outcome_reason = ""
    with pytest.raises(Exception, match="请选择答复理由"):
        application.full_clean()
    application.outcome_reason = OutcomeReason.STATE_SECRET
    application.full_clean()


def test_every_reason_belongs_to_exactly_one_outcome_as_the_annual_report_counts_them():
    listed = [reason for reasons in OUTCOME_REASONS.values() for reason in reasons]

    assert list(OUTCOME_REASONS) == list(Outcome)
    assert sorted(listed) == sorted(OutcomeReason.values)
    assert {o: len(r) for o, r in OUTCOME_REASONS.items()} == {
        Outcome.DISCLOSED: 0,
        Outcome.PARTLY_DISCLOSED: 0,
        Outcome.WITHHELD: 8,
        Outcome.UNAVAILABLE: 3,
        Outcome.NOT_PROCESSED: 5,
        Outcome.OTHER: 3,
    }


def test_the_guide_is_one_row():
    assert not Guide.current().is_stored
    services.guide_save(guide=Guide.current())
    services.guide_save(guide=Guide(**{**DEFAULT_GUIDE, "office_hours": "周一至周五 8:30-16:30"}))

    assert Guide.objects.count() == 1
    assert Guide.current().is_stored and Guide.current().office_hours == "周一至周五 8:30-16:30"
