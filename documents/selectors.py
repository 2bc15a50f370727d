"""Reads for the public pages that need more than one QuerySet method:
facet counts of the document list, the catalogue tree with counts, the tag
catalogue with counts. Each runs a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import ExtractYear

from organisations.models import Organisation

from .filters import VALIDITY_CHOICES, PolicyDocumentFilter
from .models import (
    CatalogTag,
    CatalogueItem,
    DocumentType,
    TaggedDocument,
    Topic,
    current_validity_expression,
)

SCALAR_FACETS = ("doc_type", "topic", "year", "validity")
GRASSROOTS_KINDS = {Organisation.Kind.VILLAGE, Organisation.Kind.RESIDENTIAL}


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    active: bool = False
    group: str = ""


@dataclass
class Facet:
    name: str
    label: str
    options: list[FacetOption] = field(default_factory=list)

    @property
    def groups(self) -> list[tuple[str, list[FacetOption]]]:
        grouped: dict[str, list[FacetOption]] = defaultdict(list)
        for option in self.options:
            grouped[option.group].append(option)
        return list(grouped.items())


@dataclass
class DocumentSearch:
    """The filtered list with its facets: what /documents/ shows."""

    queryset: QuerySet
    total: int
    facets: list[Facet]


def _matches(row: dict, active: dict, skip: str) -> bool:
    return all(row[name] == value for name, value in active.items() if name != skip)


def filtered_documents(*, queryset: QuerySet, filterset: PolicyDocumentFilter, today: dt.date) -> DocumentSearch:
    """Apply the valid filters and count every facet option.

    Each facet's counts leave out the facet's own filter, so the reader sees
    how many documents each alternative would give. Three aggregate queries:
    one grouped by (type, topic, year, validity), one by tag, one by
    organisation; the total comes from the first, so no COUNT(*) is needed.
    """
    data = filterset.form.cleaned_data
    active = {}
    for name in SCALAR_FACETS:
        if data.get(name) not in (None, ""):
            active[name] = data[name]

    rows = list(
        filterset.filter_except(queryset, only=("tag", "organisation"))
        .annotate(year=ExtractYear("written_date"), validity_now=current_validity_expression(today))
        .values("doc_type", "topic", "year", "validity_now")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in rows:
        row["validity"] = row.pop("validity_now")
    counts: dict[str, Counter] = {name: Counter() for name in SCALAR_FACETS}
    total = 0
    for row in rows:
        for name in SCALAR_FACETS:
            if _matches(row, active, skip=name):
                counts[name][row[name]] += row["n"]
        if _matches(row, active, skip=""):
            total += row["n"]

    def scalar_facet(name: str, label: str, choices) -> Facet:
        options = [
            FacetOption(str(value), text, counts[name][value], active.get(name) == value)
            for value, text in choices
            if counts[name][value] or active.get(name) == value
        ]
        return Facet(name, label, options)

    years = sorted(counts["year"], reverse=True)
    if "year" in active and active["year"] not in years:
        years.insert(0, active["year"])
    facets = [
        _tag_facet(filterset, queryset, data.get("tag")),
        _organisation_facet(filterset, queryset, data.get("organisation")),
        scalar_facet("doc_type", "文件类型", DocumentType.choices),
        scalar_facet("topic", "主题分类", Topic.choices),
        scalar_facet("validity", "有效性", VALIDITY_CHOICES),
        scalar_facet("year", "成文年份", [(year, f"{year}年") for year in years]),
    ]
    return DocumentSearch(queryset=filterset.filter_except(queryset), total=total, facets=facets)


def _tag_facet(filterset: PolicyDocumentFilter, queryset: QuerySet, selected: CatalogTag | None) -> Facet:
    documents = filterset.filter_except(queryset, exclude=("tag",))
    rows = (
        TaggedDocument.objects.filter(content_object__in=documents.values("pk"))
        .values("tag_id", "tag__slug", "tag__name", "tag__dimension__name")
        .annotate(n=Count("id"))
        .order_by("tag__dimension__order", "tag__dimension_id", "tag__order", "tag_id")
    )
    options = [
        FacetOption(
            row["tag__slug"],
            row["tag__name"],
            row["n"],
            selected is not None and selected.pk == row["tag_id"],
            row["tag__dimension__name"],
        )
        for row in rows
    ]
    if selected is not None and not any(option.active for option in options):
        options.insert(0, FacetOption(selected.slug, selected.name, 0, True, ""))
    return Facet("tag", "标签", options)


def _organisation_facet(filterset: PolicyDocumentFilter, queryset: QuerySet, selected: Organisation | None) -> Facet:
    documents = filterset.filter_except(queryset, exclude=("organisation",))
    rows = (
        documents.values("organisation_id", "organisation__slug", "organisation__name")
        .annotate(n=Count("pk"))
        .order_by("organisation__order", "organisation_id")
    )
    options = [
        FacetOption(
            row["organisation__slug"],
            row["organisation__name"],
            row["n"],
            selected is not None and selected.pk == row["organisation_id"],
        )
        for row in rows
    ]
    if selected is not None and not any(option.active for option in options):
        options.insert(0, FacetOption(selected.slug, selected.name, 0, True))
    return Facet("organisation", "发文机关", options)


def tag_catalogue(documents: QuerySet) -> list[tuple[str, list[CatalogTag]]]:
    """Catalogue tags grouped by dimension, each with `.document_count` of `documents`."""
    tags = (
        CatalogTag.objects.select_related("dimension")
        .annotate(
            document_count=Count(
                "tagged_documents", filter=Q(tagged_documents__content_object__in=documents.values("pk"))
            )
        )
        .filter(document_count__gt=0)
        .order_by("dimension__order", "dimension_id", "order", "id")
    )
    grouped: dict[str, list[CatalogTag]] = defaultdict(list)
    for tag in tags:
        grouped[tag.dimension.name].append(tag)
    return list(grouped.items())


@dataclass
class CatalogueNode:
    item: CatalogueItem
    own_count: int
    children: list[CatalogueNode] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.own_count + sum(child.total for child in self.children)


def catalogue_tree(documents: QuerySet) -> tuple[list[CatalogueNode], dict[int, CatalogueNode]]:
    """The standard catalogue as a tree, counting `documents` in each subtree. One query."""
    items = CatalogueItem.objects.annotate(
        document_count=Count("documents", filter=Q(documents__in=documents.values("pk")))
    ).order_by("order", "code")
    nodes = {item.pk: CatalogueNode(item, item.document_count) for item in items}
    roots: list[CatalogueNode] = []
    for node in nodes.values():
        parent = nodes.get(node.item.parent_id) if node.item.parent_id else None
        (parent.children if parent else roots).append(node)
    return roots, nodes


def catalogue_descendant_ids(node: CatalogueNode) -> list[int]:
    ids = [node.item.pk]
    for child in node.children:
        ids += catalogue_descendant_ids(child)
    return ids


def catalogue_ancestors(node: CatalogueNode, nodes: dict[int, CatalogueNode]) -> list[CatalogueItem]:
    ancestors: list[CatalogueItem] = []
    parent_id = node.item.parent_id
    while parent_id and parent_id in nodes and len(ancestors) < 20:
        ancestors.insert(0, nodes[parent_id].item)
        parent_id = nodes[parent_id].item.parent_id
    return ancestors


def organisations_with_counts(documents: QuerySet) -> dict[str, list[Organisation]]:
    """Issuing organisations split into 镇政府及部门 and 村居委, with `.document_count`."""
    organisations = Organisation.objects.annotate(
        document_count=Count("documents", filter=Q(documents__in=documents.values("pk")))
    ).order_by("order", "id")
    groups: dict[str, list[Organisation]] = {"镇政府及部门": [], "村居委": []}
    for organisation in organisations:
        groups["村居委" if organisation.kind in GRASSROOTS_KINDS else "镇政府及部门"].append(organisation)
    return groups


__all__ = [
    "DocumentSearch",
    "Facet",
    "FacetOption",
    "catalogue_tree",
    "filtered_documents",
    "organisations_with_counts",
    "tag_catalogue",
]
