"""What the portal's own data says about a work item (工作要点任务), one small function each.

A probe looks at live data for the plan's year and answers done or not yet, with the
objects that prove it as evidence links. Every probe works on an empty database and names
only published things (never an asker's or applicant's details). The probe an item uses is
its ``WorkItem.probe``; PROBES maps each choice to its function.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import timezone

from consultations.models import FAQ
from decisions.models import Catalogue, Decision, RepresentativeMeeting
from decisions.selectors import catalogue_documents
from documents.models import PolicyDocument

from .models import HEAD_REPORTS_PER_YEAR, HeadReport, Probe


@dataclass(frozen=True)
class Link:
    """One piece of evidence as the public page shows it (url may be empty: no public page)."""

    label: str
    url: str = ""
    dated_on: dt.date | None = None


@dataclass(frozen=True)
class ProbeResult:
    done: bool
    detail: str
    links: list[Link] = field(default_factory=list)


def _day(value: dt.datetime | None) -> dt.date | None:
    return timezone.localdate(value) if value else None


def normative_list(year: int) -> ProbeResult:
    """Item 2: the list of currently valid normative documents is kept (not empty)."""
    count = PolicyDocument.objects.public().normative().currently_valid().count()
    link = Link(f"现行有效行政规范性文件（{count}件）", reverse("documents:normative"))
    if count:
        return ProbeResult(True, f"现行有效行政规范性文件目录动态更新，现有{count}件", [link])
    return ProbeResult(False, "尚无公开的现行有效行政规范性文件")


def faq_list(year: int) -> ProbeResult:
    """Item 5: the FAQ list on the message board page is not empty."""
    count = FAQ.objects.published().count()
    if count:
        link = Link(f"政策留言板常见问题解答清单（{count}条）", reverse("consultations:board"))
        return ProbeResult(True, f"留言板同页发布常见问题{count}条", [link])
    return ProbeResult(False, "留言板尚未发布常见问题解答")


def decision_catalogue(year: int) -> ProbeResult:
    """Item 10: the year's major-decision catalogue is public (the portal's own catalogue,
    or, before the portal kept them, a published document titled as one)."""
    catalogue = Catalogue.objects.public().filter(year=year).first()
    if catalogue is not None:
        published_on, url = _day(catalogue.published_at), catalogue.get_absolute_url()
    else:
        document = catalogue_documents().get(year)
        if document is None:
            return ProbeResult(False, f"{year}年度重大行政决策事项目录尚未公布")
        published_on, url = _day(document.published_at), document.get_absolute_url()
    due = dt.date(year, 3, 31)
    timing = "按期" if published_on <= due else "晚于3月31日"
    link = Link(f"{year}年度重大行政决策事项目录", url, published_on)
    return ProbeResult(True, f"{published_on:%Y-%m-%d}公布（{timing}）", [link])


def representative_meeting(year: int) -> ProbeResult:
    """Item 13: at least one decision meeting with public representatives in the year."""
    meetings = (
        RepresentativeMeeting.objects.filter(held_on__year=year, representatives__isnull=False)
        .distinct()
        .select_related("decision", "decision__catalogue")
        .order_by("held_on", "id")
    )
    links = []
    for meeting in meetings:
        decision = meeting.decision
        url = ""
        if decision is not None and Decision.objects.public().filter(pk=decision.pk).exists():
            url = decision.get_absolute_url()
        links.append(Link(meeting.title, url, meeting.held_on))
    if links:
        return ProbeResult(True, f"公众代表列席决策会议{len(links)}次（要求每年不少于1次）", links)
    return ProbeResult(False, f"{year}年尚无公众代表列席的决策会议（要求每年不少于1次）")


def head_report(year: int) -> ProbeResult:
    """Item 26: the town's principal head heard a report on disclosure work in the year."""
    reports = list(HeadReport.objects.filter(heard_on__year=year).order_by("heard_on", "id"))
    links = [
        Link(
            f"{report.meeting}听取政务公开工作汇报：{report.topic}" if report.meeting else report.topic,
            public_minutes_url(report),
            report.heard_on,
        )
        for report in reports
    ]
    count = len(reports)
    needed = f"（要求每年至少{HEAD_REPORTS_PER_YEAR}次）"
    if count >= HEAD_REPORTS_PER_YEAR:
        return ProbeResult(True, f"{year}年听取工作汇报{count}次{needed}", links)
    return ProbeResult(False, f"{year}年尚未听取工作汇报{needed}", links)


def public_minutes_url(report: HeadReport) -> str:
    """The published minutes document's page, or "" (the private file never has a URL)."""
    if report.minutes_document_id and PolicyDocument.objects.public().filter(pk=report.minutes_document_id).exists():
        return report.minutes_document.get_absolute_url()
    return ""


PROBES: dict[str, Callable[[int], ProbeResult]] = {
    Probe.NORMATIVE_LIST: normative_list,
    Probe.FAQ_LIST: faq_list,
    Probe.DECISION_CATALOGUE: decision_catalogue,
    Probe.REPRESENTATIVE_MEETING: representative_meeting,
    Probe.HEAD_REPORT: head_report,
}


def run(probe: str, year: int) -> ProbeResult | None:
    """The probe's answer for the year, or None when the item has none."""
    function = PROBES.get(probe)
    return function(year) if function else None
