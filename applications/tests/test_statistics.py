"""The figures the statistics page and the annual report share (applications.statistics), on a
small fixed set of applications taken through the services on real dates."""

from __future__ import annotations

import datetime as dt

import pytest

from applications import services, statistics
from applications.models import ApplicantCategory, Outcome, OutcomeReason, Review
from applications.tests.statistics_sample import at

pytestmark = pytest.mark.django_db

D = dt.date
C = ApplicantCategory


def _outcome(figures: statistics.YearFigures, outcome: str) -> statistics.OutcomeFigures:
    return next(f for f in figures.outcomes if f.outcome == outcome)


def _reason(figures: statistics.YearFigures, outcome: str, reason: str) -> statistics.Counts:
    return next(r.counts for r in _outcome(figures, outcome).reasons if r.reason == reason)


def test_the_extended_application_was_answered_after_the_first_limit_and_before_the_extended_one(sample):
    extended = sample["extended"]
    extended.refresh_from_db()
    assert D(2026, 3, 30) < extended.replied_on <= extended.due_on


def test_it_counts_received_answered_and_open_applications_of_the_year(sample):
    figures = statistics.year_figures(2026)

    assert figures.received.total == 8
    assert figures.answered == 6
    assert figures.open_now == 1
    assert figures.ended.total == 7


def test_it_counts_received_applications_by_the_annual_reports_categories(sample):
    received = statistics.year_figures(2026).received

    assert received.cells() == [3, 1, 1, 1, 1, 1, 8]
    assert statistics.CATEGORY_LABELS == ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")


def test_it_counts_each_outcome_and_each_reason_as_coded(sample):
    figures = statistics.year_figures(2026)

    assert [f.label for f in figures.outcomes] == [
        "予以公开",
        "部分公开",
        "不予公开",
        "无法提供",
        "不予处理",
        "其他处理",
    ]
    assert _outcome(figures, Outcome.DISCLOSED).counts.total == 1
    assert _outcome(figures, Outcome.PARTLY_DISCLOSED).counts.get(C.BUSINESS) == 1
    assert _outcome(figures, Outcome.WITHHELD).counts.cells() == [1, 0, 1, 0, 0, 0, 2]
    assert _reason(figures, Outcome.WITHHELD, OutcomeReason.STATE_SECRET).total == 2
    assert _reason(figures, Outcome.WITHHELD, OutcomeReason.THIRD_PARTY_RIGHTS).total == 0
    assert _reason(figures, Outcome.UNAVAILABLE, OutcomeReason.NOT_HELD).get(C.PUBLIC_INTEREST) == 1
    assert _reason(figures, Outcome.NOT_PROCESSED, OutcomeReason.REPEATED).get(C.LEGAL_SERVICES) == 1
    assert _reason(figures, Outcome.OTHER, OutcomeReason.NO_CORRECTION).get(C.OTHER) == 1
    assert [len(f.reasons) for f in figures.outcomes] == [0, 0, 8, 3, 5, 3]


def test_a_drafted_but_unsigned_reply_is_not_an_outcome_yet(sample, handler):
    services.application_reply_draft(application=sample["open"], user=handler, outcome=Outcome.DISCLOSED)

    figures = statistics.year_figures(2026)

    assert _outcome(figures, Outcome.DISCLOSED).counts.total == 1
    assert figures.open_now == 1


def test_an_extended_application_answered_within_its_extended_limit_counts_as_within_the_limit(sample):
    figures = statistics.year_figures(2026)

    # Within: 9 Mar, the extended one on 8 Apr, the same-day one, 16 Mar, 20 Mar; late: 1 Apr.
    assert figures.answered_within_limit == 5
    assert figures.answered_with_limit == 6
    assert figures.share_within_limit == 83.3


def test_the_median_counts_working_days_from_receipt_to_reply(sample):
    figures = statistics.year_figures(2026)

    # 0, 5, 10, 14, 22, 26 working days (Qingming, 4-6 Apr 2026, not counted).
    assert figures.median_of == 6
    assert figures.median_working_days == 12.0


def test_a_reply_across_new_year_counts_the_make_up_working_day_and_stays_in_its_year(sample):
    figures = statistics.year_figures(2025)

    assert figures.received.total == 1
    assert figures.median_working_days == 4.0
    assert figures.open_at_year_end.total == 1
    assert figures.open_now == 0


def test_applications_open_at_year_end_are_those_not_ended_by_31_december(sample):
    assert statistics.year_figures(2026).open_at_year_end.total == 1


def test_a_reply_the_calendar_cannot_count_is_left_out_of_the_median(sample, monkeypatch):
    import workdays

    def unavailable(self, start, end):
        if start.year == 2025:
            raise workdays.CalendarUnavailable(2025)
        return original(self, start, end)

    original = workdays.WorkingCalendar.working_days_between
    monkeypatch.setattr(workdays.WorkingCalendar, "working_days_between", unavailable)

    figures = statistics.year_figures(2025)

    assert figures.answered == 1
    assert figures.median_of == 0
    assert figures.median_working_days is None


def test_it_counts_reviews_by_kind_and_result_in_the_year_filed(sample):
    reviews = {r.kind: r for r in statistics.year_figures(2026).reviews}

    assert reviews[Review.Kind.RECONSIDERATION].cells() == [1, 0, 0, 0, 1]
    assert reviews[Review.Kind.LAWSUIT].cells() == [0, 0, 0, 1, 1]
    assert reviews[Review.Kind.LAWSUIT_AFTER_RECONSIDERATION].total == 0
    assert statistics.year_figures(2025).reviews[0].total == 0


def test_figures_by_year_lists_each_year_latest_first_with_the_same_figures(sample):
    by_year = statistics.figures_by_year()

    assert [f.year for f in by_year] == [2026, 2025]
    assert by_year[0] == statistics.year_figures(2026)
    assert statistics.application_years() == [2026, 2025]


def test_a_year_without_applications_has_zeros():
    figures = statistics.year_figures(2019)

    assert figures.received.total == 0
    assert figures.share_within_limit is None
    assert figures.median_working_days is None
    assert statistics.figures_by_year() == []


def test_the_number_of_queries_does_not_grow_with_the_applications(
    sample, new_application, organisation, answer, django_assert_max_num_queries
):
    # Grouped counts, reply dates, reviews, and two calendar queries per year (2025, 2026).
    with django_assert_max_num_queries(7):
        statistics.figures_by_year()
    for day in (3, 4, 5, 6):
        answer(new_application(organisation=organisation).application, Outcome.DISCLOSED, D(2026, 3, day))
        new_application(organisation=organisation, submitted_at=at(D(2025, 12, day + 20)))

    with django_assert_max_num_queries(7):
        statistics.figures_by_year()
    with django_assert_max_num_queries(7):
        statistics.year_figures(2026)
