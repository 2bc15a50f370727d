"""Facet options for the page: labels, order, and what is selected."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count

from documents.filters import VALIDITY_CHOICES
from documents.models import CatalogTag, DocumentType, Topic
from organisations.models import Organisation

from .backends import Filters, SearchResult
from .models import Kind, SearchEntry

MAX_TAG_OPTIONS = 20


@dataclass
class Option:
    value: str
    label: str
    count: int
    active: bool = False


@dataclass
class Facet:
    name: str
    label: str
    options: list[Option] = field(default_factory=list)


def facets(result: SearchResult, filters: Filters) -> list[Facet]:
    """Facets in page order; the kind facet first, then the document facets."""
    counts = result.facets
    selected = {
        "kind": filters.kind,
        "tag": filters.tag.slug if filters.tag else "",
        "organisation": filters.organisation.slug if filters.organisation else "",
        "doc_type": filters.doc_type,
        "topic": filters.topic,
        "year": str(filters.year or ""),
        "validity": filters.validity,
    }
    # A selected option with no results left still shows, under its label.
    labels = {name: label for name, label in filters.active()}
    out = [_choices("kind", "结果类别", Kind.choices, counts["kind"], selected["kind"], labels)]
    if not filters.kind or filters.kind == Kind.DOCUMENT:
        tags = CatalogTag.objects.in_bulk([int(i) for i in counts["tag"]])
        tag_counts = sorted(counts["tag"].items(), key=lambda item: -item[1])[:MAX_TAG_OPTIONS]
        out.append(
            _options(
                "tag",
                "标签",
                [(tags[int(i)].slug, tags[int(i)].name, n) for i, n in tag_counts if int(i) in tags],
                selected["tag"],
                labels,
            )
        )
        orgs = Organisation.objects.in_bulk([int(i) for i in counts["organisation"]])
        ordered = sorted(counts["organisation"].items(), key=lambda item: -item[1])
        out.append(
            _options(
                "organisation",
                "发文机关",
                [(orgs[int(i)].slug, orgs[int(i)].name, n) for i, n in ordered if int(i) in orgs],
                selected["organisation"],
                labels,
            )
        )
        out.append(
            _choices("doc_type", "文件类型", DocumentType.choices, counts["doc_type"], selected["doc_type"], labels)
        )
        out.append(_choices("topic", "主题分类", Topic.choices, counts["topic"], selected["topic"], labels))
        years = sorted(counts["year"].items(), key=lambda item: -int(item[0]))
        out.append(_options("year", "成文年份", [(y, f"{y}年", n) for y, n in years], selected["year"], labels))
        out.append(_choices("validity", "有效性", VALIDITY_CHOICES, counts["validity"], selected["validity"], labels))
    return out


def _choices(name: str, label: str, choices, counts: dict[str, int], selected: str, labels: dict[str, str]) -> Facet:
    return _options(name, label, [(v, lbl, counts[v]) for v, lbl in choices if v in counts], selected, labels)


def _options(
    name: str, label: str, options: list[tuple[str, str, int]], selected: str, labels: dict[str, str]
) -> Facet:
    facet = Facet(name=name, label=label)
    facet.options = [Option(value=v, label=lbl, count=n, active=(v == selected)) for v, lbl, n in options]
    if selected and not any(o.active for o in facet.options):
        facet.options.insert(0, Option(value=selected, label=labels.get(name, selected), count=0, active=True))
    return facet


def related_tags(words: list[str], limit: int = 8) -> list[CatalogTag]:
    """Tags whose names share a word with the query, else the most used tags."""
    tags = list(CatalogTag.objects.select_related("dimension"))
    related = [t for t in tags if any(w in t.name or t.name in w for w in words if w)]
    if related:
        return related[:limit]
    through = SearchEntry.tags.through
    used = through.objects.values("catalogtag_id").annotate(n=Count("searchentry_id")).order_by("-n")[:limit]
    by_id = {t.pk: t for t in tags}
    return [by_id[row["catalogtag_id"]] for row in used if row["catalogtag_id"] in by_id]
