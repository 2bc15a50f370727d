"""The probes read an item's status from live data, and say 'not yet' on an empty database."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from decisions.models import Representative, RepresentativeMeeting, RepresentativeType
from documents.models import DocumentType
from factories import CatalogueFactory, FAQFactory, PolicyDocumentFactory
from workpoints import probes, selectors
from workpoints.models import HeadReport, Probe, Status

from .conftest import make_item

pytestmark = pytest.mark.django_db

YEAR = 2023


@pytest.mark.parametrize("probe", list(probes.PROBES))
def test_every_probe_says_not_yet_on_an_empty_database(probe):
    result = probes.run(probe, YEAR)
    assert result.done is False
    assert result.detail


def test_an_item_without_a_probe_has_no_answer():
    assert probes.run(Probe.NONE, YEAR) is None


def test_the_decision_catalogue_counts_once_published_and_says_whether_on_time(organisation):
    CatalogueFactory(year=YEAR, organisation=organisation, published_at=dt.datetime(2023, 3, 20, 2, tzinfo=dt.UTC))
    result = probes.decision_catalogue(YEAR)
    assert result.done
    assert "2023-03-20" in result.detail and "按期" in result.detail
    assert result.links[0].url == "/decisions/2023/"
    assert result.links[0].dated_on == dt.date(2023, 3, 20)
    assert probes.decision_catalogue(2024).done is False


def test_an_unpublished_catalogue_does_not_count(organisation):
    CatalogueFactory(year=YEAR, organisation=organisation, published_at=None)
    assert probes.decision_catalogue(YEAR).done is False


def test_a_catalogue_published_only_as_a_document_counts_and_a_late_one_says_so(organisation):
    document = PolicyDocumentFactory(
        organisation=organisation,
        title="徐泾镇2023年度重大行政决策事项目录",
        published=True,
        published_at=dt.datetime(2023, 4, 10, 2, tzinfo=dt.UTC),
    )
    result = probes.decision_catalogue(YEAR)
    assert result.done
    assert "晚于3月31日" in result.detail
    assert result.links[0].url == document.get_absolute_url()


def test_a_meeting_counts_only_with_representatives_and_in_the_year(organisation):
    empty = RepresentativeMeeting.objects.create(
        organisation=organisation, title="无代表的会议", held_on=dt.date(2023, 5, 1)
    )
    assert probes.representative_meeting(YEAR).done is False
    other_year = RepresentativeMeeting.objects.create(
        organisation=organisation, title="次年会议", held_on=dt.date(2024, 5, 1)
    )
    Representative.objects.create(meeting=other_year, kind=RepresentativeType.CITIZEN, name="甲")
    assert probes.representative_meeting(YEAR).done is False
    Representative.objects.create(meeting=empty, kind=RepresentativeType.CITIZEN, name="王某某")
    Representative.objects.create(meeting=empty, kind=RepresentativeType.SMALL_BUSINESS, name="李某某")
    result = probes.representative_meeting(YEAR)
    assert result.done
    assert [link.label for link in result.links] == ["无代表的会议"]  # once, however many attended
    assert "王某某" not in str(result)


def test_the_faq_list_counts_published_questions_only():
    FAQFactory(is_published=False)
    assert probes.faq_list(YEAR).done is False
    FAQFactory()
    result = probes.faq_list(YEAR)
    assert result.done and result.links[0].url == "/consultations/"


def test_the_normative_list_needs_a_public_valid_normative_document(organisation):
    PolicyDocumentFactory(organisation=organisation, doc_type=DocumentType.NORMATIVE)  # a draft
    assert probes.normative_list(YEAR).done is False
    PolicyDocumentFactory(
        organisation=organisation, doc_type=DocumentType.NORMATIVE, published=True, effective_date=dt.date(2023, 7, 1)
    )
    result = probes.normative_list(YEAR)
    assert result.done
    assert result.links[0].url == "/documents/normative/"


def test_the_heads_hearings_are_counted_against_once_a_year():
    HeadReport.objects.create(heard_on=dt.date(2022, 12, 30), topic="上年度汇报")
    assert probes.head_report(YEAR).done is False
    HeadReport.objects.create(heard_on=dt.date(2023, 8, 15), topic="听取政务公开工作汇报", meeting="镇政府常务会议")
    result = probes.head_report(YEAR)
    assert result.done
    assert "1次" in result.detail
    assert result.links[0].dated_on == dt.date(2023, 8, 15)
    assert result.links[0].url == ""  # the private minutes never get a link


# --- the status the tracker shows ----------------------------------------------------


@time_machine.travel(dt.datetime(2023, 6, 1, 2, tzinfo=dt.UTC), tick=False)
def test_the_data_decides_where_a_probe_can_tell(plan):
    claimed = make_item(plan, 13, status=Status.DONE, probe=Probe.REPRESENTATIVE_MEETING)
    [row] = selectors.item_rows(plan)
    assert row.status == Status.IN_PROGRESS  # staff said done; no meeting is recorded
    assert row.checked
    meeting = RepresentativeMeeting.objects.create(
        organisation=plan.coordinator, title="常务会议", held_on=dt.date(2023, 5, 20)
    )
    Representative.objects.create(meeting=meeting, kind=RepresentativeType.CITIZEN, name="甲")
    claimed.status = Status.NOT_STARTED
    claimed.save()
    [row] = selectors.item_rows(plan)
    assert row.status == Status.DONE


def test_an_item_not_done_past_its_limit_is_overdue(plan):
    make_item(plan, 7, status=Status.IN_PROGRESS, due_on=dt.date(2023, 12, 31))
    make_item(plan, 8, status=Status.DONE, due_on=dt.date(2023, 12, 31))
    with time_machine.travel(dt.datetime(2023, 12, 31, 8, tzinfo=dt.UTC), tick=False):
        assert [r.status for r in selectors.item_rows(plan)] == [Status.IN_PROGRESS, Status.DONE]
    with time_machine.travel(dt.datetime(2024, 1, 2, 8, tzinfo=dt.UTC), tick=False):
        rows = selectors.item_rows(plan)
        assert [r.status for r in rows] == [Status.OVERDUE, Status.DONE]
        assert selectors.progress(rows)["done"] == 1
