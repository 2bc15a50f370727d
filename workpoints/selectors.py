"""Reads of the work-points tracker: each item's status as the public sees it, and its
evidence, with links to public objects only."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.utils import timezone

from decisions.models import Catalogue, Decision
from documents.models import PolicyDocument

from . import probes
from .models import HEAD_REPORTS_PER_YEAR, Evidence, HeadReport, Status, WorkItem, WorkPlan
from .probes import Link, public_minutes_url  # noqa: F401 (re-exported for views)

# (app_label, model) of an evidence target → its public objects (models.EVIDENCE_MODELS).
PUBLIC_TARGETS = {
    ("documents", "policydocument"): lambda: PolicyDocument.objects.public(),
    ("decisions", "catalogue"): lambda: Catalogue.objects.public(),
    ("decisions", "decision"): lambda: Decision.objects.public(),
}


def public_plans():
    """Plans whose work-points document is public, newest year first."""
    return (
        WorkPlan.objects.filter(document__in=PolicyDocument.objects.public())
        .select_related("document", "coordinator")
        .order_by("-year")
    )


def item_status(item: WorkItem, result: probes.ProbeResult | None, today: dt.date) -> str:
    """The status the tracker shows. Where a probe can tell, the data decides: done when
    it says so, and never 已完成 when it says not yet. Not done past the time limit is 逾期."""
    if result is not None:
        done = result.done
    else:
        done = item.status == Status.DONE
    if done:
        return Status.DONE
    if item.due_on < today or item.status == Status.OVERDUE:
        return Status.OVERDUE
    if item.status == Status.DONE:  # a probe said not yet
        return Status.IN_PROGRESS
    return item.status


def _evidence_link(evidence: Evidence) -> Link | None:
    """The evidence row as a public link; a target that is not public is left out."""
    if evidence.url:
        return Link(evidence.label, evidence.url, evidence.dated_on)
    content_type = evidence.content_type
    public = PUBLIC_TARGETS.get((content_type.app_label, content_type.model)) if content_type else None
    if public is None:
        return None
    target = public().filter(pk=evidence.object_id).first()
    if target is None:
        return None
    return Link(evidence.label, target.get_absolute_url(), evidence.dated_on)


@dataclass(frozen=True)
class ItemRow:
    item: WorkItem
    status: str
    checked: bool  # the status comes from the portal's data
    detail: str
    links: list[Link]

    @property
    def status_label(self) -> str:
        return Status(self.status).label


def item_rows(plan: WorkPlan, today: dt.date | None = None) -> list[ItemRow]:
    today = today or timezone.localdate()
    items = plan.items.select_related("organisation").prefetch_related("evidence__content_type").order_by("number")
    cache: dict[str, probes.ProbeResult | None] = {}
    rows = []
    for item in items:
        if item.probe not in cache:
            cache[item.probe] = probes.run(item.probe, plan.year)
        result = cache[item.probe]
        links = [link for e in item.evidence.all() if (link := _evidence_link(e))]
        seen = {(link.label, link.url) for link in links}
        if result is not None:
            links += [link for link in result.links if (link.label, link.url) not in seen]
        detail = result.detail if result is not None else item.progress_note
        rows.append(ItemRow(item, item_status(item, result, today), result is not None, detail, links))
    return rows


def sections(rows: list[ItemRow]) -> list[tuple[str, list[ItemRow]]]:
    """Rows grouped by the document's section, in item order."""
    grouped: dict[str, list[ItemRow]] = {}
    for row in rows:
        grouped.setdefault(row.item.section, []).append(row)
    return list(grouped.items())


def progress(rows: list[ItemRow]) -> dict:
    counts = Counter(row.status for row in rows)
    total = len(rows)
    done = counts[Status.DONE]
    return {
        "total": total,
        "done": done,
        "percent": round(100 * done / total) if total else 0,
        "by_status": [(status.label, counts[status]) for status in Status],
    }


@dataclass(frozen=True)
class HeadReportYear:
    year: int
    reports: list[HeadReport]
    required: int = HEAD_REPORTS_PER_YEAR

    @property
    def met(self) -> bool:
        return len(self.reports) >= self.required


def head_reports(year: int) -> HeadReportYear:
    reports = HeadReport.objects.filter(heard_on__year=year).select_related("minutes_document")
    return HeadReportYear(year, list(reports.order_by("heard_on", "id")))
