"""Major decisions in the standard disclosure catalogue: the yearly decision catalogues
under 决策事项目录 (0401) and drafts put out for comment under 意见征集 (0402).
Registered with documents.catalogue by DecisionsConfig.ready()."""

from __future__ import annotations

import datetime as dt

from django.db.models import F, QuerySet
from django.utils import timezone
from django.utils.text import Truncator

from documents.catalogue import CatalogueEntry, CatalogueSource, published_day

from .models import STAGE_ORDER, Decision, Stage
from .models import Catalogue as DecisionCatalogue


def _consulted_decisions(today: dt.date) -> QuerySet:
    """Drafts put out for comment: open now, or closed (the draft stays public: Decision.comment_state)."""
    from_consultation = STAGE_ORDER[STAGE_ORDER.index(Stage.CONSULTATION) :]
    return (
        Decision.objects.public()
        .filter(stage__in=from_consultation, comment_opens_on__lte=today, comment_closes_on__isnull=False)
        .select_related("organisation", "catalogue")
    )


def _consultation_entry(item: Decision, today: dt.date) -> CatalogueEntry:
    closes = item.comment_closes_on
    if item.is_open_for_comment(today):
        status, css = f"征求意见中，{closes.month}月{closes.day}日截止", "badge--valid"
    else:
        status, css = "征求意见已结束", "badge--expired"
    return CatalogueEntry(
        kind="consultation",
        kind_label="征求意见稿",
        title=item.title,
        url=item.get_absolute_url(),
        day=item.comment_opens_on,
        organisation=item.organisation.name,
        summary=item.summary,
        status=status,
        status_css=css,
        day_label="征求意见开始",
    )


def _decision_catalogues(today: dt.date) -> QuerySet:
    return DecisionCatalogue.objects.public().select_related("organisation")


def _decision_catalogue_entry(item: DecisionCatalogue, today: dt.date) -> CatalogueEntry:
    return CatalogueEntry(
        kind="decision_catalogue",
        kind_label="决策事项目录",
        title=str(item),
        url=item.get_absolute_url(),
        day=timezone.localdate(item.published_at),
        organisation=item.organisation.name,
        summary=Truncator(item.introduction).chars(120),
    )


SOURCES = [
    CatalogueSource(
        "decision_catalogue", "决策事项目录", "0401", _decision_catalogues, published_day, _decision_catalogue_entry
    ),
    CatalogueSource(
        "consultation", "征求意见稿", "0402", _consulted_decisions, lambda: F("comment_opens_on"), _consultation_entry
    ),
]
