"""Public items of other kinds listed in the standard disclosure catalogue.

Documents are filed under a catalogue item by staff (PolicyDocument.catalogue_item).
Each other kind belongs to one item, by code, and is registered by its own app in
its AppConfig.ready(): published interpretations under 政策解读 (interpretations),
the yearly decision catalogues under 决策事项目录 and drafts put out for comment under
意见征集 (decisions), published annual reports under 年度报告 (reports). Their models
are not changed: each kind is counted with one query, whatever the tree's size
(documents.selectors.catalogue_tree).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import F, Func, QuerySet
from django.db.models.functions import TruncDate

from .models import PolicyDocument


@dataclass(frozen=True)
class CatalogueEntry:
    """One public item under a catalogue item, as its list shows it."""

    kind: str
    kind_label: str
    title: str
    url: str
    day: dt.date | None
    organisation: str
    summary: str = ""
    status: str = ""
    status_css: str = ""  # a badge class of portal.css
    day_label: str = "发布日期"
    related_title: str = ""  # what the item is about (an interpretation's policy)
    related_url: str = ""
    document: PolicyDocument | None = None  # a document is shown as on every list


@dataclass(frozen=True)
class CatalogueSource:
    """Public items of another kind listed under the catalogue item `code`."""

    kind: str
    label: str
    code: str
    items: Callable[[dt.date], QuerySet]  # what is public on that day, with what `entry` reads
    day: Callable[[], Func | F]  # the date an item is listed by (newest first)
    entry: Callable[[Any, dt.date], CatalogueEntry]


_SOURCES: dict[str, CatalogueSource] = {}


def register(source: CatalogueSource) -> None:
    """Add (or replace, by kind) a kind of item; called from an app's ready()."""
    _SOURCES[source.kind] = source


def sources() -> list[CatalogueSource]:
    """The registered kinds, in the order their apps are installed."""
    return list(_SOURCES.values())


def published_day() -> TruncDate:
    return TruncDate("published_at")
