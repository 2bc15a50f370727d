"""documents.validity: the reader's validity, one rule in Python and in SQL."""

from __future__ import annotations

import datetime as dt

import pytest

from documents.models import PolicyDocument
from documents.validity import (
    ReaderValidity,
    Validity,
    current_validity_expression,
    current_validity_q,
    reader_validity,
    reader_validity_label,
)
from factories import PolicyDocumentFactory

TODAY = dt.date(2024, 6, 30)
YESTERDAY = TODAY - dt.timedelta(days=1)
TOMORROW = TODAY + dt.timedelta(days=1)
LONG_AGO = dt.date(2020, 1, 1)
FAR_AHEAD = dt.date(2030, 1, 1)

# (stored validity, effective date, expiry date) -> what a reader sees on TODAY.
CASES = [
    pytest.param(Validity.VALID, None, None, ReaderValidity.VALID, id="no-dates"),
    pytest.param(Validity.VALID, TODAY, None, ReaderValidity.VALID, id="effective-today"),
    pytest.param(Validity.VALID, TOMORROW, None, ReaderValidity.NOT_YET, id="effective-tomorrow"),
    pytest.param(Validity.VALID, YESTERDAY, None, ReaderValidity.VALID, id="effective-yesterday"),
    pytest.param(Validity.VALID, None, TODAY, ReaderValidity.VALID, id="expiry-today-is-its-last-day"),
    pytest.param(Validity.VALID, None, YESTERDAY, ReaderValidity.EXPIRED, id="expiry-yesterday"),
    pytest.param(Validity.VALID, None, TOMORROW, ReaderValidity.VALID, id="expiry-tomorrow"),
    pytest.param(Validity.VALID, TODAY, TODAY, ReaderValidity.VALID, id="in-force-for-one-day-today"),
    pytest.param(Validity.VALID, TOMORROW, FAR_AHEAD, ReaderValidity.NOT_YET, id="not-yet-with-expiry"),
    pytest.param(Validity.VALID, LONG_AGO, YESTERDAY, ReaderValidity.EXPIRED, id="was-in-force"),
    # Dates that clean() would refuse still get one answer: expiry wins.
    pytest.param(Validity.VALID, TOMORROW, YESTERDAY, ReaderValidity.EXPIRED, id="expired-before-effective"),
    pytest.param(Validity.EXPIRED, None, None, ReaderValidity.EXPIRED, id="stored-expired-no-dates"),
    pytest.param(Validity.EXPIRED, LONG_AGO, FAR_AHEAD, ReaderValidity.EXPIRED, id="stored-expired-in-date"),
    pytest.param(Validity.EXPIRED, TOMORROW, None, ReaderValidity.EXPIRED, id="stored-expired-not-yet"),
    pytest.param(Validity.REPEALED, LONG_AGO, FAR_AHEAD, ReaderValidity.REPEALED, id="stored-repealed-in-date"),
    pytest.param(Validity.REPEALED, TOMORROW, None, ReaderValidity.REPEALED, id="stored-repealed-not-yet"),
    pytest.param(Validity.REPEALED, None, YESTERDAY, ReaderValidity.REPEALED, id="stored-repealed-past-expiry"),
    pytest.param(Validity.AMENDED, None, YESTERDAY, ReaderValidity.AMENDED, id="stored-amended-past-expiry"),
    pytest.param(Validity.AMENDED, TOMORROW, None, ReaderValidity.AMENDED, id="stored-amended-not-yet"),
]


@pytest.mark.parametrize(("stored", "effective", "expiry", "expected"), CASES)
def test_reader_validity(stored, effective, expiry, expected):
    assert reader_validity(stored, effective_date=effective, expiry_date=expiry, today=TODAY) == expected


@pytest.mark.parametrize(("stored", "effective", "expiry", "expected"), CASES)
def test_the_model_method_is_the_function(stored, effective, expiry, expected):
    document = PolicyDocument(validity=stored, effective_date=effective, expiry_date=expiry)
    assert document.current_validity(TODAY) == expected
    assert document.current_validity_label(TODAY) == ReaderValidity(expected).label


@pytest.mark.django_db
def test_the_database_agrees_with_the_function(organisation):
    """The Case annotation and the Q filters give every row the value the function gives it."""
    expected = {}
    for case in CASES:
        stored, effective, expiry, _ = case.values
        document = PolicyDocumentFactory(
            organisation=organisation, validity=stored, effective_date=effective, expiry_date=expiry
        )
        expected[document.pk] = reader_validity(stored, effective_date=effective, expiry_date=expiry, today=TODAY)

    annotated = dict(PolicyDocument.objects.annotate(now=current_validity_expression(TODAY)).values_list("pk", "now"))
    assert annotated == expected
    for value in ReaderValidity.values:
        filtered = set(PolicyDocument.objects.filter(current_validity_q(value, TODAY)).values_list("pk", flat=True))
        assert filtered == {pk for pk, now in expected.items() if now == value}, value
    currently_valid = set(PolicyDocument.objects.currently_valid(TODAY).values_list("pk", flat=True))
    assert currently_valid == {pk for pk, now in expected.items() if now == ReaderValidity.VALID}


def test_the_reader_sees_every_stored_validity_with_its_label():
    for stored in Validity:
        assert ReaderValidity(stored.value).label == stored.label
    assert ReaderValidity.NOT_YET.label == "尚未施行"


def test_labels():
    assert reader_validity_label(ReaderValidity.NOT_YET) == "尚未施行"
    assert reader_validity_label(Validity.REPEALED) == "废止"
    assert reader_validity_label("") == ""
