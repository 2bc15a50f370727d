"""Published annual reports under the standard catalogue's 政务公开工作 › 年度报告 (0902),
beside the reports of earlier years kept there as documents."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from django.utils import timezone

from documents.catalogue import CatalogueEntry, CatalogueSource, published_day

from .models import AnnualReport

ANNUAL_REPORT_CODE = "0902"


def _reports(today: dt.date) -> QuerySet:
    return AnnualReport.objects.published().select_related("organisation")


def _entry(report: AnnualReport, today: dt.date) -> CatalogueEntry:
    return CatalogueEntry(
        kind="annual_report",
        kind_label="政府信息公开工作年度报告",
        title=report.title,
        url=report.get_absolute_url(),
        day=timezone.localdate(report.published_at),
        organisation=report.organisation.name,
    )


SOURCES = [
    CatalogueSource("annual_report", "政府信息公开工作年度报告", ANNUAL_REPORT_CODE, _reports, published_day, _entry)
]
