"""search.models.SearchEntry: the reader's validity from the copied fields."""

from __future__ import annotations

import datetime as dt

from documents.validity import ReaderValidity, Validity
from search.models import Kind, SearchEntry

TODAY = dt.date(2024, 6, 30)


def test_a_document_entry_has_the_documents_reader_validity():
    entry = SearchEntry(kind=Kind.DOCUMENT, validity=Validity.VALID, effective_date=TODAY + dt.timedelta(days=1))
    assert entry.current_validity(TODAY) == ReaderValidity.NOT_YET
    assert entry.current_validity_label(TODAY) == "尚未施行"
    entry.expiry_date, entry.effective_date = TODAY - dt.timedelta(days=1), None
    assert entry.current_validity(TODAY) == ReaderValidity.EXPIRED
    assert entry.current_validity_label(TODAY) == "失效"


def test_an_entry_that_is_not_a_document_has_no_validity():
    entry = SearchEntry(kind=Kind.FAQ, validity="", expiry_date=None)
    assert entry.current_validity(TODAY) == ""
    assert entry.current_validity_label(TODAY) == ""
