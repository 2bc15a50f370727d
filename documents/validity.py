"""The reader's validity: what a reader is told about a document's force today.

A document stores one Validity (有效, 失效, 废止, 已修改), set by staff or by the
expiry task. What a reader sees also depends on the dates: a document stored as 有效
but past its expiry date is 失效, one whose effective date is still ahead is 尚未施行.
The rule is `reader_validity` (for one row, in Python) and `current_validity_q` /
`current_validity_expression` (for many rows, in SQL); they live side by side here
and documents/tests/test_validity.py checks that they agree. Both work on any model
with the fields validity, effective_date and expiry_date (the search index copies them).
"""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Case, CharField, F, Q, Value, When


class Validity(models.TextChoices):
    """The validity staff store on a document."""

    VALID = "valid", "有效"
    EXPIRED = "expired", "失效"
    REPEALED = "repealed", "废止"
    AMENDED = "amended", "已修改"


class ReaderValidity(models.TextChoices):
    """The validity a reader sees today: a stored Validity, or 尚未施行 before the effective date."""

    VALID = Validity.VALID.value, Validity.VALID.label
    EXPIRED = Validity.EXPIRED.value, Validity.EXPIRED.label
    REPEALED = Validity.REPEALED.value, Validity.REPEALED.label
    AMENDED = Validity.AMENDED.value, Validity.AMENDED.label
    NOT_YET = "not_yet", "尚未施行"


NOT_YET = ReaderValidity.NOT_YET.value  # stored as 有效, but its effective date is still ahead


def reader_validity(stored: str, *, effective_date: dt.date | None, expiry_date: dt.date | None, today: dt.date) -> str:
    """The ReaderValidity value for a row stored as `stored`, as of `today`.

    Only a row stored as 有效 depends on its dates: past its expiry date (the last day
    it is in force) it is 失效, before its effective date 尚未施行. Any other stored
    value is returned as it is, as the SQL expression does.
    """
    if stored != Validity.VALID:
        return stored
    if expiry_date is not None and expiry_date < today:
        return ReaderValidity.EXPIRED
    if effective_date is not None and effective_date > today:
        return ReaderValidity.NOT_YET
    return ReaderValidity.VALID


def reader_validity_label(value: str) -> str:
    """The label of a ReaderValidity value ("" for "", as for search results that are not documents)."""
    return ReaderValidity(value).label if value else ""


def current_validity_q(value: str, today: dt.date) -> Q:
    """Rows whose reader's validity today is `value` (a ReaderValidity value).

    The filter form of `reader_validity`, written so that the (validity, expiry_date)
    index can serve it; behind currently_valid(), the list filter and the search facets.
    """
    stored_valid = Q(validity=Validity.VALID)
    not_expired = Q(expiry_date__isnull=True) | Q(expiry_date__gte=today)
    if value == ReaderValidity.VALID:
        started = Q(effective_date__isnull=True) | Q(effective_date__lte=today)
        return stored_valid & started & not_expired
    if value == ReaderValidity.NOT_YET:
        return stored_valid & Q(effective_date__gt=today) & not_expired
    if value == ReaderValidity.EXPIRED:
        return Q(validity=Validity.EXPIRED) | (stored_valid & Q(expiry_date__lt=today))
    return Q(validity=value)


def current_validity_expression(today: dt.date) -> Case:
    """`reader_validity` as an SQL value, for grouping and facet counts."""
    stored_valid = Q(validity=Validity.VALID)
    return Case(
        When(stored_valid & Q(expiry_date__lt=today), then=Value(ReaderValidity.EXPIRED.value)),
        When(stored_valid & Q(effective_date__gt=today), then=Value(ReaderValidity.NOT_YET.value)),
        default=F("validity"),
        output_field=CharField(),
    )
