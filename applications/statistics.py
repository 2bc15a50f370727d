"""The figures of disclosure on application, as the annual report (政府信息公开工作年度报告)
counts them: the public statistics page shows them, and the annual report reads the same
functions (``year_figures``, ``figures_by_year``).

Applications are counted in the year they were received (``received_on``): an application
received in December and answered in January counts, with its outcome, in December's year.
Reconsiderations and lawsuits (复议/诉讼) are counted in the year they were filed.

Every function runs a fixed number of queries whatever the number of applications: a few
grouped counts, the (received, replied) dates for the median, and the working-day calendar's
rows (two small queries per calendar year the replies span).
"""

from __future__ import annotations

import datetime as dt
import statistics as stats
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import BooleanField, Case, Count, DateField, F, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce, ExtractYear, TruncDate

import workdays

from .models import (
    ANSWERED_WITH_LIMIT,
    ANSWERED_WITHIN_LIMIT,
    OPEN_STATUSES,
    OUTCOME_REASONS,
    ApplicantCategory,
    Application,
    ApplicationEvent,
    Outcome,
    OutcomeReason,
    Review,
)

# The annual report's columns: 自然人, then the four kinds of 法人或其他组织 and 其他.
CATEGORIES: tuple[str, ...] = tuple(ApplicantCategory.values)
CATEGORY_LABELS: tuple[str, ...] = tuple(ApplicantCategory.labels)


@dataclass(frozen=True)
class Counts:
    """One row of the annual report's table: a count per applicant category, and the total."""

    by_category: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.by_category.values())

    def cells(self) -> list[int]:
        """The counts in the report's column order (CATEGORIES), then the total."""
        return [self.by_category.get(category, 0) for category in CATEGORIES] + [self.total]

    def get(self, category: str) -> int:
        return self.by_category.get(category, 0)


@dataclass(frozen=True)
class ReasonFigures:
    reason: str
    label: str
    counts: Counts


@dataclass(frozen=True)
class OutcomeFigures:
    """One statutory outcome (Art. 36): its count and, for the outcomes the report splits,
    one row per reason as coded in OUTCOME_REASONS."""

    outcome: str
    label: str
    counts: Counts
    reasons: tuple[ReasonFigures, ...]


@dataclass(frozen=True)
class ReviewFigures:
    """Reconsiderations or lawsuits of one kind (行政复议, 未经复议直接起诉, 复议后起诉) by result."""

    kind: str
    label: str
    by_result: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.by_result.values())

    def cells(self) -> list[int]:
        """The counts in Review.Result's order (维持, 纠正, 其他, 尚未审结), then the total."""
        return [self.by_result.get(result, 0) for result in Review.Result.values] + [self.total]


@dataclass(frozen=True)
class YearFigures:
    """The figures of the applications received in one year.

    ``answered_within_limit`` counts the answered applications with ``replied_on <=
    due_on``. ``due_on`` is the legal reply date as the deadline engine last computed it:
    it starts again after a 补正 (Art. 30), leaves out the time excluded from the clock, and
    includes an approved extension (Art. 33). So an extended application answered within its
    extended limit counts as answered within the limit; one answered after it does not.
    Answered applications without a reply date (the calendar did not cover it) are left out
    of the share: ``answered_with_limit`` is its denominator.

    ``median_working_days`` is the median number of working days from receipt to reply
    (a reply on the day of receipt: 0). A reply the working-day calendar cannot count
    (a year it does not cover) is skipped, never guessed: ``median_of`` says how many
    replies the median covers."""

    year: int
    received: Counts
    answered: int
    outcomes: tuple[OutcomeFigures, ...]
    ended: Counts  # 办理结果总计: answered or ended without a reply (abandoned)
    open_at_year_end: Counts  # 结转下年度继续办理
    open_now: int
    answered_within_limit: int
    answered_with_limit: int
    median_working_days: float | None
    median_of: int
    reviews: tuple[ReviewFigures, ...]

    @property
    def share_within_limit(self) -> float | None:
        """Percent of the answered applications answered within the legal limit, one decimal."""
        if not self.answered_with_limit:
            return None
        return round(100 * self.answered_within_limit / self.answered_with_limit, 1)


# --- Public functions ----------------------------------------------------------------


def application_years() -> list[int]:
    """The years in which applications were received, latest first (one query)."""
    return [
        day.year for day in Application.objects.filter(received_on__isnull=False).dates("received_on", "year", "DESC")
    ]


def year_figures(year: int) -> YearFigures:
    """The figures of the applications received in ``year`` (zeros for a year without any)."""
    found = _figures(
        Application.objects.received_in(year),
        Review.objects.filter(filed_on__year=year),
        workdays.WorkingCalendar(),
    )
    return found.get(year) or _year(year, [], [], [], workdays.WorkingCalendar())


def figures_by_year() -> list[YearFigures]:
    """The figures of every year with applications or reviews, latest first."""
    found = _figures(Application.objects.all(), Review.objects.all(), workdays.WorkingCalendar())
    return [found[year] for year in sorted(found, reverse=True)]


# --- The queries -----------------------------------------------------------------------


def _closed_on() -> Subquery:
    """The local day of an application's first 办结 step (an application that ended without a
    reply, such as one abandoned after a 补正, has no reply date)."""
    closed = (
        ApplicationEvent.objects.filter(application=OuterRef("pk"), action=ApplicationEvent.Action.CLOSED)
        .order_by("at", "id")
        .annotate(day=TruncDate("at"))
        .values("day")[:1]
    )
    return Subquery(closed, output_field=DateField())


def _flag(condition: Q) -> Case:
    return Case(When(condition, then=Value(True)), default=Value(False), output_field=BooleanField())


def _grouped(applications) -> list[dict]:
    """Application counts grouped by year received, category, outcome, reason and the flags
    the figures need: one query, as many rows as there are combinations (not applications)."""
    is_open = Q(status__in=OPEN_STATUSES)
    rows = (
        applications.filter(received_on__isnull=False)
        .annotate(
            received_year=ExtractYear("received_on"),
            ended_year=ExtractYear(Coalesce("replied_on", _closed_on(), output_field=DateField())),
        )
        .annotate(
            is_open=_flag(is_open),
            is_answered=_flag(Q(replied_on__isnull=False)),
            has_limit=_flag(ANSWERED_WITH_LIMIT),
            within_limit=_flag(ANSWERED_WITHIN_LIMIT),
            open_at_year_end=_flag(is_open | Q(ended_year__gt=F("received_year"))),
        )
        .values(
            "received_year",
            "applicant_category",
            "outcome",
            "outcome_reason",
            "is_open",
            "is_answered",
            "has_limit",
            "within_limit",
            "open_at_year_end",
        )
        .annotate(n=Count("pk"))
        .order_by()
    )
    return list(rows)


def _figures(applications, reviews, calendar: workdays.WorkingCalendar) -> dict[int, YearFigures]:
    rows: dict[int, list[dict]] = defaultdict(list)
    for row in _grouped(applications):
        rows[row["received_year"]].append(row)
    replies: dict[int, list[tuple[dt.date, dt.date]]] = defaultdict(list)
    answered = applications.filter(received_on__isnull=False, replied_on__isnull=False)
    for received, replied in answered.values_list("received_on", "replied_on").order_by():
        replies[received.year].append((received, replied))
    filed: dict[int, list[dict]] = defaultdict(list)
    grouped_reviews = reviews.values("kind", "result", filed_year=ExtractYear("filed_on")).annotate(n=Count("pk"))
    for row in grouped_reviews.order_by():
        filed[row["filed_year"]].append(row)
    years = set(rows) | set(filed)
    return {year: _year(year, rows[year], replies[year], filed[year], calendar) for year in years}


# --- From rows to figures ----------------------------------------------------------------


def _counts(rows: Iterable[dict]) -> Counts:
    by_category: dict[str, int] = defaultdict(int)
    for row in rows:
        by_category[row["applicant_category"]] += row["n"]
    return Counts(dict(by_category))


def _outcomes(rows: list[dict]) -> tuple[OutcomeFigures, ...]:
    ended = [row for row in rows if not row["is_open"] and row["outcome"]]
    reason_labels = dict(OutcomeReason.choices)
    figures = []
    for outcome, label in Outcome.choices:
        mine = [row for row in ended if row["outcome"] == outcome]
        reasons = tuple(
            ReasonFigures(
                reason, reason_labels[reason], _counts(row for row in mine if row["outcome_reason"] == reason)
            )
            for reason in OUTCOME_REASONS[outcome]
        )
        figures.append(OutcomeFigures(outcome, label, _counts(mine), reasons))
    return tuple(figures)


def _reviews(rows: list[dict]) -> tuple[ReviewFigures, ...]:
    figures = []
    for kind, label in Review.Kind.choices:
        by_result: dict[str, int] = defaultdict(int)
        for row in rows:
            if row["kind"] == kind:
                by_result[row["result"]] += row["n"]
        figures.append(ReviewFigures(kind, label, dict(by_result)))
    return tuple(figures)


def answer_working_days(replies: Iterable[tuple[dt.date, dt.date]], calendar: workdays.WorkingCalendar) -> list[int]:
    """Working days from receipt to reply of each pair the calendar can count; the others
    are skipped, never guessed (as the message board's answer times)."""
    days = []
    for received, replied in replies:
        try:
            days.append(calendar.working_days_between(received, replied))
        except workdays.CalendarUnavailable:
            continue
    return days


def _year(
    year: int,
    rows: list[dict],
    replies: list[tuple[dt.date, dt.date]],
    reviews: list[dict],
    calendar: workdays.WorkingCalendar,
) -> YearFigures:
    days = answer_working_days(replies, calendar)
    return YearFigures(
        year=year,
        received=_counts(rows),
        answered=sum(row["n"] for row in rows if row["is_answered"]),
        outcomes=_outcomes(rows),
        ended=_counts(row for row in rows if not row["is_open"] and row["outcome"]),
        open_at_year_end=_counts(row for row in rows if row["open_at_year_end"]),
        open_now=sum(row["n"] for row in rows if row["is_open"]),
        answered_within_limit=sum(row["n"] for row in rows if row["within_limit"]),
        answered_with_limit=sum(row["n"] for row in rows if row["has_limit"]),
        median_working_days=float(stats.median(days)) if days else None,
        median_of=len(days),
        reviews=_reviews(reviews),
    )
