"""The annual report's figures, computed from the portal's own records.

Which rows a report covers (``Coverage``): the town government's report covers the town
government, its offices and departments (and applications not yet given to an office),
except the offices that report on their own (ReportingOrgan), whose reports cover their own.

Table 3 counts each application once for the year: an application answered (or otherwise
ended) in the year counts under its outcome (三); one received in the year or carried over
from the year before and not ended by December 31 is carried over to the next year (四).
So 一 (received in the year) + 二 (received earlier, not ended before January 1) = 三 + 四
holds for every column by construction, and ``cross_check`` verifies it: an application
ended without a recorded outcome would break it, and is named there by its number.
This differs from applications.statistics, which counts by the year received.

Table 4 counts the reconsiderations and lawsuits filed in the year, by their result as of
December 31 (one decided later is 尚未审结).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.db.models import DateField, OuterRef, Q, Subquery
from django.db.models.functions import TruncDate
from django.utils import timezone

from applications.models import OPEN_STATUSES, OUTCOME_REASONS, Application, ApplicationEvent, Review
from consultations.models import Message
from decisions.models import Decision
from documents.models import DocumentType, PolicyDocument
from documents.models import Status as DocumentStatus
from documents.validity import Validity
from interpretations.models import Interpretation
from organisations.models import Organisation

from . import format as fmt
from .models import ReportingOrgan

TOWN_KINDS = (Organisation.Kind.GOVERNMENT, Organisation.Kind.OFFICE, Organisation.Kind.DEPARTMENT)


@dataclass(frozen=True)
class Coverage:
    """The organisations whose records a report counts; ``unassigned``: also applications
    with no handling organisation yet (the town government receives them)."""

    organisation_ids: frozenset[int]
    unassigned: bool

    def q(self, field: str) -> Q:
        found = Q(**{f"{field}__in": self.organisation_ids})
        return found | Q(**{f"{field}__isnull": True}) if self.unassigned else found


def coverage(organisation: Organisation, year: int) -> Coverage:
    if organisation.kind != Organisation.Kind.GOVERNMENT:
        return Coverage(frozenset({organisation.pk}), False)
    separate = ReportingOrgan.objects.filter(since_year__lte=year).values("organisation_id")
    ids = Organisation.objects.filter(kind__in=TOWN_KINDS).exclude(pk__in=separate).values_list("pk", flat=True)
    return Coverage(frozenset(ids), True)


def _year_start(year: int) -> dt.datetime:
    """Midnight of January 1, local time."""
    return timezone.make_aware(dt.datetime.combine(dt.date(year, 1, 1), dt.time()))


def _year_end(year: int) -> dt.datetime:
    return _year_start(year + 1)


# --- Table 2: normative documents --------------------------------------------------------------


def repealed_on(document: PolicyDocument) -> dt.date:
    """The day a repealed document stopped being in force: the effective date of the
    published document that replaced it, else its expiry date, else the day its record was
    last changed (the library stores no repeal date of its own)."""
    replacing = [d.effective_date or d.written_date for d in document.replaced_by.all() if d.published_at]
    if replacing:
        return min(replacing)
    return document.expiry_date or timezone.localdate(document.updated_at)


def _in_force_on(document: PolicyDocument, day: dt.date) -> bool:
    if document.effective_date and document.effective_date > day:
        return False
    if document.expiry_date and document.expiry_date < day:
        return False
    if document.validity == Validity.VALID:
        return True
    if document.validity == Validity.REPEALED:
        return repealed_on(document) > day
    if document.validity == Validity.EXPIRED:
        return document.expiry_date is not None  # expired on its expiry date, not before it
    return False  # 已修改: the amended version is the one in force


def normative_documents(scope: Coverage, year: int) -> dict[str, int]:
    """本年制发件数 (written in the year), 本年废止件数 (repealed in the year) and 现行有效件数
    (published by and in force on December 31) of the published normative documents issued
    by the organ."""
    documents = (
        PolicyDocument.objects.filter(doc_type=DocumentType.NORMATIVE, status=DocumentStatus.PUBLISHED)
        .filter(scope.q("issuing_organisation"))
        .prefetch_related("replaced_by")
    )
    last_day = dt.date(year, 12, 31)
    issued = repealed = in_force = 0
    for document in documents:
        if document.written_date.year == year:
            issued += 1
        if document.validity == Validity.REPEALED and repealed_on(document).year == year:
            repealed += 1
        if document.published_at < _year_end(year) and _in_force_on(document, last_day):
            in_force += 1
    return {fmt.ISSUED: issued, fmt.REPEALED: repealed, fmt.IN_FORCE: in_force}


# --- Table 3: applications --------------------------------------------------------------------


def _closed_on() -> Subquery:
    closed = (
        ApplicationEvent.objects.filter(application=OuterRef("pk"), action=ApplicationEvent.Action.CLOSED)
        .order_by("at", "id")
        .annotate(day=TruncDate("at"))
        .values("day")[:1]
    )
    return Subquery(closed, output_field=DateField())


def _cells(counter: Counter) -> dict[str, int]:
    cells = {label: counter.get(value, 0) for value, label in fmt.CATEGORY_COLUMNS}
    cells[fmt.TOTAL] = sum(cells.values())
    return cells


@dataclass(frozen=True)
class ApplicationTable:
    rows: list[fmt.Row]
    unrecorded: list[str]  # numbers of applications ended in the year without an outcome


def application_table(scope: Coverage, year: int) -> ApplicationTable:
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    applications = (
        Application.objects.filter(scope.q("organisation"), received_on__isnull=False, received_on__lte=last)
        .annotate(closed_on=_closed_on())
        .values_list(
            "number",
            "received_on",
            "status",
            "replied_on",
            "closed_on",
            "applicant_category",
            "outcome",
            "outcome_reason",
        )
    )
    new, carried_in, carried_out, ended = Counter(), Counter(), Counter(), Counter()
    by_outcome: dict[str, Counter] = {outcome: Counter() for outcome in OUTCOME_REASONS}
    by_reason: dict[tuple[str, str], Counter] = {}
    unrecorded: list[str] = []
    for number, received, status, replied, closed, category, outcome, reason in applications.order_by("received_on"):
        ended_on = None if status in OPEN_STATUSES else (replied or closed)
        if received < first and ended_on is not None and ended_on < first:
            continue  # ended in an earlier year
        if received >= first:
            new[category] += 1
        else:
            carried_in[category] += 1
        if ended_on is None or ended_on > last:
            carried_out[category] += 1
            continue
        if outcome not in by_outcome:
            unrecorded.append(number)
            continue
        ended[category] += 1
        by_outcome[outcome][category] += 1
        if reason:
            by_reason.setdefault((outcome, reason), Counter())[category] += 1
    rows = [
        fmt.Row(fmt.NEW, _cells(new)),
        fmt.Row(fmt.CARRIED_IN, _cells(carried_in)),
        fmt.Row(fmt.RESULTS, {}),
    ]
    for outcome, reasons in OUTCOME_REASONS.items():
        heading = fmt.OUTCOME_HEADINGS[outcome]
        rows.append(fmt.Row(heading, {} if reasons else _cells(by_outcome[outcome]), level=1, group=fmt.RESULTS))
        for reason in reasons:
            counts = by_reason.get((outcome, reason), Counter())
            rows.append(fmt.Row(fmt.reason_label(outcome, reason), _cells(counts), level=2, group=heading))
    rows.append(fmt.Row(fmt.RESULTS_TOTAL, _cells(ended), level=1, group=fmt.RESULTS))
    rows.append(fmt.Row(fmt.CARRIED_OUT, _cells(carried_out)))
    return ApplicationTable(rows, unrecorded)


def cross_check(rows: list[dict]) -> list[dict]:
    """一 + 二 = 三（七）总计 + 四 for every column of table 3 (rows as stored, JSON-shaped)."""
    cells = {row["label"]: row["cells"] for row in rows}
    checks = []
    for column in fmt.APPLICATION_COLUMNS:
        left = cells[fmt.NEW][column] + cells[fmt.CARRIED_IN][column]
        right = cells[fmt.RESULTS_TOTAL][column] + cells[fmt.CARRIED_OUT][column]
        checks.append({"column": column, "left": left, "right": right, "holds": left == right})
    return checks


def outcome_sum_check(rows: list[dict]) -> bool:
    """The outcomes (their sub-rows where they have them) add up to （七）总计."""
    cells = {row["label"]: row["cells"] for row in rows}
    total = 0
    for outcome, reasons in OUTCOME_REASONS.items():
        if reasons:
            total += sum(cells[fmt.reason_label(outcome, reason)][fmt.TOTAL] for reason in reasons)
        else:
            total += cells[fmt.OUTCOME_HEADINGS[outcome]][fmt.TOTAL]
    return total == cells[fmt.RESULTS_TOTAL][fmt.TOTAL]


# --- Table 4: reconsiderations and lawsuits ---------------------------------------------------------


def review_table(scope: Coverage, year: int) -> list[fmt.Row]:
    last = dt.date(year, 12, 31)
    counts: dict[str, Counter] = {kind: Counter() for kind, _, _ in fmt.REVIEW_ROWS}
    reviews = Review.objects.filter(scope.q("application__organisation"), filed_on__year=year)
    for kind, result, decided in reviews.values_list("kind", "result", "decided_on"):
        decided_by_year_end = decided is not None and decided <= last and result != Review.Result.PENDING
        counts[kind][result if decided_by_year_end else Review.Result.PENDING] += 1
    rows = []
    for kind, label, group in fmt.REVIEW_ROWS:
        cells = {column: counts[kind].get(result, 0) for result, column in fmt.REVIEW_RESULT_COLUMNS}
        cells[fmt.TOTAL] = sum(cells.values())
        rows.append(fmt.Row(label, cells, group=group))
    return rows


# --- What the draft's text is written from -------------------------------------------------------------


def activity_summary(scope: Coverage, year: int) -> dict[str, int]:
    """The year's work the text draft cites: documents and interpretations published,
    messages answered, decisions put out for comment; applications and fees."""
    first, end = _year_start(year), _year_end(year)
    documents = PolicyDocument.objects.public(end).filter(
        scope.q("issuing_organisation"), published_at__gte=first, published_at__lt=end
    )
    interpretations = Interpretation.objects.published(end).filter(
        scope.q("organisation"), published_at__gte=first, published_at__lt=end
    )
    messages = Message.objects.filter(scope.q("organisation"), answered_on__year=year)
    consulted = Decision.objects.filter(scope.q("organisation"), comment_opens_on__year=year)
    fees = Application.objects.filter(scope.q("organisation"), fee_paid_on__year=year)
    return {
        "documents": documents.count(),
        "normative": documents.filter(doc_type=DocumentType.NORMATIVE).count(),
        "interpretations": interpretations.count(),
        "messages_received": Message.objects.filter(scope.q("organisation"), received_on__year=year).count(),
        "messages_answered": messages.count(),
        "comment_windows": consulted.count(),
        "fees_count": fees.count(),
        "fees_yuan": sum(amount or 0 for amount in fees.values_list("fee_amount", flat=True).order_by()),
    }
