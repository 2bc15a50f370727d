"""documents.tasks.sweep_validity: expiry marking and the 6-month warning (item 2)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from documents.models import DocumentTransition, PolicyDocument, Validity
from documents.tasks import sweep_validity
from factories import PolicyDocumentFactory
from notifications.models import OutboxMessage

pytestmark = pytest.mark.django_db
SHANGHAI = dt.timezone(dt.timedelta(hours=8))


def published(organisation, **fields) -> PolicyDocument:
    return PolicyDocumentFactory(organisation=organisation, published=True, **fields)


def at(day: dt.date):
    return time_machine.travel(dt.datetime.combine(day, dt.time(1, 10), tzinfo=SHANGHAI), tick=False)


def test_a_document_past_its_expiry_is_marked_expired_once(organisation):
    document = published(organisation, expiry_date=dt.date(2024, 6, 30))
    with at(dt.date(2024, 6, 30)):
        assert sweep_validity()["expired"] == 0  # the last day of validity is still valid
    with at(dt.date(2024, 7, 1)):
        assert sweep_validity()["expired"] == 1
        assert sweep_validity()["expired"] == 0  # safe to run twice
    document.refresh_from_db()
    assert document.validity == Validity.EXPIRED
    record = document.transitions.get()
    assert (record.action, record.actor) == (DocumentTransition.Action.EXPIRE, None)
    assert "2024年06月30日" in record.comment


def test_a_missed_day_is_caught_up(organisation):
    document = published(organisation, expiry_date=dt.date(2024, 1, 31))
    with at(dt.date(2024, 3, 10)):
        sweep_validity()
    document.refresh_from_db()
    assert document.validity == Validity.EXPIRED


def test_drafts_and_repealed_documents_are_left_alone(organisation):
    draft = PolicyDocumentFactory(organisation=organisation, expiry_date=dt.date(2024, 1, 31))
    repealed = published(organisation, expiry_date=dt.date(2024, 1, 31), validity=Validity.REPEALED)
    with at(dt.date(2024, 3, 10)):
        sweep_validity()
    draft.refresh_from_db()
    repealed.refresh_from_db()
    assert draft.validity == Validity.VALID
    assert repealed.validity == Validity.REPEALED


def test_the_organisation_is_warned_six_months_ahead_once(organisation, drafter, settings):
    drafter.email = "drafter@xujing.gov.cn"
    drafter.save()
    document = published(organisation, expiry_date=dt.date(2025, 6, 30))
    settings.EXPIRY_WARNING_DAYS = 183
    with at(dt.date(2024, 12, 28)):  # 184 days ahead: not yet
        assert sweep_validity()["warned"] == 0
    with at(dt.date(2024, 12, 29)):  # 183 days ahead
        assert sweep_validity()["warned"] == 1
    with at(dt.date(2024, 12, 30)):
        assert sweep_validity()["warned"] == 0
    document.refresh_from_db()
    assert document.expiry_warning_sent_on == dt.date(2024, 12, 29)
    message = OutboxMessage.objects.get()
    assert message.recipients == ["drafter@xujing.gov.cn"]
    assert document.title in message.subject
    assert "2025年06月30日" in message.body


def test_a_document_already_expired_is_not_warned(organisation, drafter):
    drafter.email = "drafter@xujing.gov.cn"
    drafter.save()
    published(organisation, expiry_date=dt.date(2024, 1, 31))
    with at(dt.date(2024, 3, 10)):
        assert sweep_validity() == {"expired": 1, "warned": 0}
    assert not OutboxMessage.objects.exists()


def test_public_lists_are_right_even_if_the_sweep_did_not_run(organisation):
    document = published(organisation, expiry_date=dt.date(2024, 1, 31))
    with at(dt.date(2024, 3, 10)):
        assert not PolicyDocument.objects.currently_valid().filter(pk=document.pk).exists()
        assert document.current_validity() == Validity.EXPIRED
