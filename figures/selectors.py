"""The figures of the public data page (政务公开数据): counts only, never a person.

Each function runs a fixed number of queries whatever the size of the corpus: grouped counts,
and for the answer times one list of (received, answered) dates, whose working days are
counted with the working-day calendar (two small queries per calendar year the dates span).

The period is the last 12 calendar months, the current one included (so far as it has gone).
"""

from __future__ import annotations

import datetime as dt
import statistics as stats
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Case, CharField, Count, F, When
from django.db.models.functions import TruncMonth
from django.utils import timezone

import workdays
from applications import statistics as application_statistics
from applications.models import Outcome
from consultations.models import Message, Rating
from decisions.models import STAGE_ORDER, Decision, Disposition, Opinion, Stage
from documents.models import PolicyDocument

MONTHS = 12


# --- The period -----------------------------------------------------------------------------


def months_ending(today: dt.date, count: int = MONTHS) -> list[dt.date]:
    """The first days of the ``count`` months up to and including today's, oldest first."""
    year, month = today.year, today.month
    firsts = []
    for _ in range(count):
        firsts.append(dt.date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return firsts[::-1]


def month_label(first: dt.date) -> str:
    return f"{first.year}年{first.month}月"


def _start_of(day: dt.date) -> dt.datetime:
    """Midnight at the start of ``day`` in the portal's time zone."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def _month_of(value: dt.date | dt.datetime) -> dt.date:
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value.replace(day=1)


# --- Documents published per month by issuing organ ------------------------------------------


@dataclass(frozen=True)
class OrganSeries:
    name: str
    short_name: str
    counts: tuple[int, ...]  # one per month

    @property
    def total(self) -> int:
        return sum(self.counts)


@dataclass(frozen=True)
class DocumentFigures:
    months: tuple[dt.date, ...]
    organs: tuple[OrganSeries, ...]  # organs with at least one document in the period

    @property
    def month_totals(self) -> tuple[int, ...]:
        return tuple(sum(organ.counts[i] for organ in self.organs) for i in range(len(self.months)))

    @property
    def total(self) -> int:
        return sum(self.month_totals)

    def rows(self) -> list[tuple[str, list[int], int]]:
        """For the table: (month, the count of each organ, the month's total)."""
        totals = self.month_totals
        return [
            (month_label(month), [organ.counts[i] for organ in self.organs], totals[i])
            for i, month in enumerate(self.months)
        ]


def documents_by_month(today: dt.date) -> DocumentFigures:
    """Public documents (the library's public(): published, proactive, public scope) by the month
    of their publication and their issuing organ (发文机关). One query."""
    months = months_ending(today)
    rows = (
        PolicyDocument.objects.public()
        .filter(published_at__gte=_start_of(months[0]))
        .annotate(month=TruncMonth("published_at"))
        .values(
            "month",
            "issuing_organisation_id",
            "issuing_organisation__name",
            "issuing_organisation__short_name",
            "issuing_organisation__order",
        )
        .annotate(n=Count("id"))
        .order_by()
    )
    index = {month: i for i, month in enumerate(months)}
    counts: dict[int, list[int]] = {}
    names: dict[int, tuple[int, str, str]] = {}
    for row in rows:
        i = index.get(_month_of(row["month"]))
        if i is None:
            continue
        organ = row["issuing_organisation_id"]
        counts.setdefault(organ, [0] * len(months))[i] += row["n"]
        names[organ] = (
            row["issuing_organisation__order"],
            row["issuing_organisation__name"],
            row["issuing_organisation__short_name"],
        )
    ordered = sorted(counts, key=lambda organ: (names[organ][0], organ))
    organs = tuple(
        OrganSeries(name=names[o][1], short_name=names[o][2] or names[o][1], counts=tuple(counts[o])) for o in ordered
    )
    return DocumentFigures(months=tuple(months), organs=organs)


# --- Messages: received, answered, median answer time, satisfaction ---------------------------


@dataclass(frozen=True)
class MessageMonth:
    month: dt.date
    received: int
    answered: int
    median_working_days: float | None  # of the messages answered in the month

    @property
    def label(self) -> str:
        return month_label(self.month)


@dataclass(frozen=True)
class RatingCount:
    rating: str
    label: str
    count: int
    percent: float | None  # of the rated messages


@dataclass(frozen=True)
class MessageFigures:
    months: tuple[MessageMonth, ...]
    median_working_days: float | None  # of every message answered in the period
    ratings: tuple[RatingCount, ...]
    rated: int
    unrated: int  # answered in the period and not rated

    @property
    def received(self) -> int:
        return sum(m.received for m in self.months)

    @property
    def answered(self) -> int:
        return sum(m.answered for m in self.months)

    @property
    def satisfied_percent(self) -> float | None:
        """满意 and 基本满意 together, percent of the rated messages."""
        if not self.rated:
            return None
        happy = sum(r.count for r in self.ratings if r.rating in (Rating.SATISFIED, Rating.BASIC))
        return round(100 * happy / self.rated, 1)


def _median(values: list[int]) -> float | None:
    return float(stats.median(values)) if values else None


def messages_by_month(today: dt.date) -> MessageFigures:
    """Messages received per month (不予受理 left out, as on the staff statistics), answered per
    month with the median working days from receipt to answer, and the ratings the askers gave
    to the answers of the period. Two queries, plus the calendar's."""
    months = months_ending(today)
    start = months[0]
    index = {month: i for i, month in enumerate(months)}
    received = [0] * len(months)
    rows = (
        Message.objects.exclude(status=Message.Status.REJECTED)
        .received_between(start, today)
        .annotate(month=TruncMonth("received_on"))
        .values("month")
        .annotate(n=Count("id"))
        .order_by()
    )
    for row in rows:
        i = index.get(_month_of(row["month"]))
        if i is not None:
            received[i] += row["n"]

    answered = Message.objects.answered().filter(answered_on__gte=start, answered_on__lte=today)
    pairs: list[list[tuple[dt.date, dt.date]]] = [[] for _ in months]
    ratings: dict[str, int] = defaultdict(int)
    for received_on, answered_on, rating in answered.values_list("received_on", "answered_on", "rating").order_by():
        pairs[index[answered_on.replace(day=1)]].append((received_on, answered_on))
        ratings[rating] += 1

    calendar = workdays.WorkingCalendar()
    days = [application_statistics.answer_working_days(month, calendar) for month in pairs]
    rated = sum(n for rating, n in ratings.items() if rating)
    return MessageFigures(
        months=tuple(
            MessageMonth(month, received[i], len(pairs[i]), _median(days[i])) for i, month in enumerate(months)
        ),
        median_working_days=_median([d for month in days for d in month]),
        ratings=tuple(
            RatingCount(value, label, ratings[value], round(100 * ratings[value] / rated, 1) if rated else None)
            for value, label in Rating.choices
        ),
        rated=rated,
        unrated=ratings[""],
    )


# --- Decisions: comment windows, opinions and their dispositions ------------------------------


@dataclass(frozen=True)
class CommentWindow:
    """One public comment window (征求意见) and what became of its opinions. The dispositions
    are shown once the feedback report (意见采纳情况反馈) is public, as the report gives them."""

    title: str
    url: str
    organisation: str
    opens_on: dt.date
    closes_on: dt.date
    is_open: bool
    opinions: int
    reported: bool
    adopted: int
    partly: int
    not_adopted: int

    @property
    def days(self) -> int:
        return (self.closes_on - self.opens_on).days + 1

    @property
    def adoption_percent(self) -> float | None:
        """采纳 and 部分采纳 together, percent of the opinions; only once reported."""
        if not self.reported or not self.opinions:
            return None
        return round(100 * (self.adopted + self.partly) / self.opinions, 1)


@dataclass(frozen=True)
class DecisionFigures:
    windows: tuple[CommentWindow, ...]

    @property
    def opinions(self) -> int:
        return sum(w.opinions for w in self.windows)

    @property
    def reported(self) -> tuple[CommentWindow, ...]:
        return tuple(w for w in self.windows if w.reported)

    @property
    def adoption_percent(self) -> float | None:
        """Over every reported window: (采纳 + 部分采纳) / opinions."""
        opinions = sum(w.opinions for w in self.reported)
        if not opinions:
            return None
        return round(100 * sum(w.adopted + w.partly for w in self.reported) / opinions, 1)


def comment_windows(today: dt.date) -> DecisionFigures:
    """The public decisions whose comment window was open at some time in the period, with
    their opinions by disposition (a grouped opinion takes its group's). Two queries."""
    start = months_ending(today)[0]
    decisions = list(
        Decision.objects.public()
        .filter(
            stage__in=STAGE_ORDER[STAGE_ORDER.index(Stage.CONSULTATION) :],
            comment_opens_on__isnull=False,
            comment_opens_on__lte=today,
            comment_closes_on__gte=start,
        )
        .select_related("organisation", "catalogue", "feedback_report")
        .order_by("comment_opens_on", "id")
    )
    effective = Case(
        When(group__isnull=False, then=F("group__disposition")), default=F("disposition"), output_field=CharField()
    )
    counts: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    rows = (
        Opinion.objects.filter(decision__in=[d.pk for d in decisions])
        .annotate(effective=effective)
        .values("decision_id", "effective")
        .annotate(n=Count("id"))
        .order_by()
    )
    for row in rows:
        counts[row["decision_id"]][row["effective"] or ""] += row["n"]
    now = timezone.now()
    windows = []
    for decision in decisions:
        mine = counts[decision.pk]
        report = getattr(decision, "feedback_report", None)
        reported = bool(report and report.published_at and report.published_at <= now)
        windows.append(
            CommentWindow(
                title=decision.title,
                url=decision.get_absolute_url(),
                organisation=decision.organisation.name,
                opens_on=decision.comment_opens_on,
                closes_on=decision.comment_closes_on,
                is_open=decision.is_open_for_comment(today),
                opinions=sum(mine.values()),
                reported=reported,
                adopted=mine[Disposition.ADOPTED] if reported else 0,
                partly=mine[Disposition.PARTLY] if reported else 0,
                not_adopted=mine[Disposition.NOT_ADOPTED] if reported else 0,
            )
        )
    return DecisionFigures(windows=tuple(windows))


# --- Applications by outcome, per year (applications/statistics.py) ---------------------------


@dataclass(frozen=True)
class ApplicationYear:
    year: int
    received: int
    outcomes: tuple[int, ...]  # in OUTCOME_LABELS' order
    open_now: int


OUTCOME_LABELS: tuple[str, ...] = tuple(Outcome.labels)


def applications_by_outcome() -> tuple[ApplicationYear, ...]:
    """Each year's applications (counted in the year received, as the annual report) by
    outcome, and those still being handled; oldest first. The queries of
    applications.statistics.figures_by_year."""
    years = []
    for figures in sorted(application_statistics.figures_by_year(), key=lambda f: f.year):
        if not figures.received.total:
            continue
        years.append(
            ApplicationYear(
                year=figures.year,
                received=figures.received.total,
                outcomes=tuple(outcome.counts.total for outcome in figures.outcomes),
                open_now=figures.open_now,
            )
        )
    return tuple(years)


# --- For the charts: the same figures as plain JSON ---------------------------------------------


def chart_data(
    documents: DocumentFigures,
    messages: MessageFigures,
    decisions: DecisionFigures,
    applications: tuple[ApplicationYear, ...],
) -> dict:
    """What static/js/figures.js draws: exactly the figures of the tables, nothing more."""
    return {
        "documents": {
            "months": [month_label(m) for m in documents.months],
            "series": [{"name": o.short_name, "data": list(o.counts)} for o in documents.organs],
        },
        "messages": {
            "months": [m.label for m in messages.months],
            "received": [m.received for m in messages.months],
            "answered": [m.answered for m in messages.months],
            "median": [m.median_working_days for m in messages.months],
        },
        "ratings": [{"name": r.label, "value": r.count} for r in messages.ratings],
        "windows": {
            "titles": [w.title for w in decisions.windows],
            "adopted": [w.adopted for w in decisions.windows],
            "partly": [w.partly for w in decisions.windows],
            "not_adopted": [w.not_adopted for w in decisions.windows],
            "unreported": [0 if w.reported else w.opinions for w in decisions.windows],
        },
        "applications": {
            "years": [f"{a.year}年" for a in applications],
            "outcomes": OUTCOME_LABELS,
            "series": [[a.outcomes[i] for a in applications] for i in range(len(OUTCOME_LABELS))],
            "open": [a.open_now for a in applications],
        },
    }
