"""Published interpretations in the standard disclosure catalogue, under 政策解读 (code 03).
Registered with documents.catalogue by InterpretationsConfig.ready()."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from django.utils import timezone

from documents.catalogue import CatalogueEntry, CatalogueSource, published_day

from .models import Interpretation


def _items(today: dt.date) -> QuerySet:
    return Interpretation.objects.public().select_related("document", "organisation")


def _entry(item: Interpretation, today: dt.date) -> CatalogueEntry:
    return CatalogueEntry(
        kind="interpretation",
        kind_label="政策解读",
        title=item.title,
        url=item.get_absolute_url(),
        day=timezone.localdate(item.published_at),
        organisation=item.organisation.name,
        summary=item.summary,
        status=item.get_form_display(),
        related_title=item.document.title,
        related_url=item.document.get_absolute_url(),
    )


SOURCES = [CatalogueSource("interpretation", "政策解读", "03", _items, published_day, _entry)]
