"""The figures of the data page on the fixed data set of conftest.py, counted by hand there."""

from __future__ import annotations

import datetime as dt

import pytest

from figures import selectors

pytestmark = pytest.mark.django_db

D = dt.date


def test_the_period_is_the_twelve_months_up_to_this_one():
    months = selectors.months_ending(D(2026, 6, 15))

    assert months[0] == D(2025, 7, 1)
    assert months[-1] == D(2026, 6, 1)
    assert len(months) == 12
    assert selectors.months_ending(D(2026, 1, 31))[:2] == [D(2025, 2, 1), D(2025, 3, 1)]


def test_documents_are_counted_per_month_and_issuing_organ_in_shanghai_time(documents, frozen):
    figures = selectors.documents_by_month(frozen)

    assert [organ.short_name for organ in figures.organs] == ["镇政府", "测试办"]
    gov, office = figures.organs
    assert gov.counts == (1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1)
    assert office.counts == (0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0)
    assert figures.total == 5
    assert figures.rows()[-1] == ("2026年6月", [1, 0], 1)


def test_messages_received_and_answered_per_month_with_the_median_working_days(messages, frozen):
    figures = selectors.messages_by_month(frozen)
    by_month = {m.month: m for m in figures.months}

    assert [m.received for m in figures.months] == [0] * 10 + [2, 3]
    assert [m.answered for m in figures.months] == [1] + [0] * 9 + [1, 3]
    assert by_month[D(2025, 7, 1)].median_working_days == 2
    assert by_month[D(2026, 5, 1)].median_working_days == 3
    assert by_month[D(2026, 6, 1)].median_working_days == 2
    assert by_month[D(2026, 4, 1)].median_working_days is None
    assert (figures.received, figures.answered, figures.median_working_days) == (5, 5, 2)


def test_satisfaction_counts_the_ratings_of_the_answers_of_the_period(messages, frozen):
    figures = selectors.messages_by_month(frozen)

    assert [(r.label, r.count, r.percent) for r in figures.ratings] == [
        ("满意", 1, 33.3),
        ("基本满意", 1, 33.3),
        ("不满意", 1, 33.3),
    ]
    assert (figures.rated, figures.unrated, figures.satisfied_percent) == (3, 2, 66.7)


def test_comment_windows_show_dispositions_only_once_the_feedback_report_is_public(decisions, frozen):
    figures = selectors.comment_windows(frozen)

    assert [w.title for w in figures.windows] == ["徐泾镇垃圾分类测试办法", "徐泾镇加装电梯测试办法"]
    sorting, lift = figures.windows
    assert (sorting.opinions, sorting.adopted, sorting.partly, sorting.not_adopted) == (5, 3, 1, 1)
    assert (sorting.reported, sorting.is_open, sorting.days, sorting.adoption_percent) == (True, False, 31, 80.0)
    assert (lift.opinions, lift.adopted, lift.adoption_percent) == (2, 0, None)
    assert (lift.reported, lift.is_open) == (False, True)
    assert (figures.opinions, figures.adoption_percent) == (7, 80.0)


def test_applications_by_outcome_reuse_the_annual_report_figures(applications):
    years = selectors.applications_by_outcome()

    assert [(y.year, y.received, y.outcomes, y.open_now) for y in years] == [
        (2025, 1, (1, 0, 0, 0, 0, 0), 0),
        (2026, 3, (1, 0, 1, 0, 0, 0), 1),
    ]
    assert selectors.OUTCOME_LABELS == ("予以公开", "部分公开", "不予公开", "无法提供", "不予处理", "其他处理")


def test_an_empty_portal_has_zeros_and_nothing_to_chart(frozen):
    documents = selectors.documents_by_month(frozen)
    messages = selectors.messages_by_month(frozen)

    assert (documents.organs, documents.total) == ((), 0)
    assert (messages.received, messages.median_working_days, messages.satisfied_percent) == (0, None, None)
    assert selectors.comment_windows(frozen).windows == ()
    assert selectors.applications_by_outcome() == ()


def test_the_chart_data_holds_the_same_figures_as_the_tables(everything, frozen):
    documents = selectors.documents_by_month(frozen)
    messages = selectors.messages_by_month(frozen)
    decisions = selectors.comment_windows(frozen)
    applications = selectors.applications_by_outcome()

    data = selectors.chart_data(documents, messages, decisions, applications)

    assert data["documents"]["series"][0] == {"name": "镇政府", "data": [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1]}
    assert data["messages"]["median"][-1] == 2
    assert data["ratings"] == [
        {"name": "满意", "value": 1},
        {"name": "基本满意", "value": 1},
        {"name": "不满意", "value": 1},
    ]
    assert data["windows"]["adopted"] == [3, 0]
    assert data["windows"]["unreported"] == [0, 2]
    assert data["applications"]["series"][2] == [0, 1]
    assert data["applications"]["open"] == [0, 1]
