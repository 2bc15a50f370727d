"""Reads of the decisions app that reach beyond its own tables."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db.models import Count

from documents.models import PolicyDocument

from .models import Catalogue

CATALOGUE_TITLE = "重大行政决策事项目录"
_YEAR_IN_TITLE = re.compile(r"(\d{4})\s*年度?\s*重大行政决策事项目录")


@dataclass(frozen=True)
class CatalogueYear:
    """One line of the year list: the portal's own catalogue, or a year whose catalogue was
    published only as a policy document (before the portal kept catalogues, e.g. 2023)."""

    year: int
    catalogue: Catalogue | None = None
    document: PolicyDocument | None = None

    @property
    def url(self) -> str:
        return self.catalogue.get_absolute_url() if self.catalogue else self.document.get_absolute_url()

    @property
    def published_at(self):
        return self.catalogue.published_at if self.catalogue else self.document.published_at


def catalogue_documents() -> dict[int, PolicyDocument]:
    """Public documents that are a year's catalogue (by title: "徐泾镇2023年度重大行政决策事项目录"),
    the earliest published for each year."""
    found: dict[int, PolicyDocument] = {}
    documents = PolicyDocument.objects.public().filter(title__contains=CATALOGUE_TITLE).order_by("published_at")
    for document in documents.only("id", "title", "doc_number", "published_at"):
        match = _YEAR_IN_TITLE.search(document.title)
        if match:
            found.setdefault(int(match.group(1)), document)
    return found


def catalogue_years() -> list[CatalogueYear]:
    """Every year with a published catalogue, newest first."""
    years = {
        c.year: CatalogueYear(c.year, catalogue=c) for c in Catalogue.objects.public().annotate(n=Count("decisions"))
    }
    for year, document in catalogue_documents().items():
        years.setdefault(year, CatalogueYear(year, document=document))
    return [years[year] for year in sorted(years, reverse=True)]
