"""Reads for the public pages that need more than one QuerySet method:
facet counts of the document list, the standard catalogue with counts and its
listings (documents and the other kinds filed under it), the tag catalogue with
counts, the feeds offered on /subscribe/. Each runs a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import CharField, Count, F, Q, QuerySet, Value
from django.db.models.functions import ExtractYear
from django.utils import timezone

from organisations.models import Organisation

from . import aggregates, catalogue
from .catalogue import CatalogueEntry, CatalogueSource
from .filters import VALIDITY_CHOICES, PolicyDocumentFilter
from .models import (
    CatalogTag,
    CatalogueItem,
    DocumentType,
    PolicyDocument,
    TaggedDocument,
    Topic,
)
from .validity import current_validity_expression

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


def filtered_documents(
    *, queryset: QuerySet, filterset: PolicyDocumentFilter, today: dt.date, public: bool = False
) -> DocumentSearch:
    """Apply the valid filters and count every facet option.

    With `public` (the queryset is the public documents, as an anonymous visitor sees
    them), the counts come from the cached aggregate (documents.aggregates), exact and
    without reading the corpus; otherwise from the three queries below.

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
    if public:
        return _public_documents(queryset, filterset, today, active)

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

    facets = [
        _tag_facet(filterset, queryset, data.get("tag")),
        _organisation_facet(filterset, queryset, data.get("organisation")),
        *_scalar_facets(counts, active),
    ]
    return DocumentSearch(queryset=filterset.filter_except(queryset), total=total, facets=facets)


def _scalar_facets(counts: dict[str, Counter], active: dict) -> list[Facet]:
    def scalar_facet(name: str, label: str, choices) -> Facet:
        options = [
            FacetOption(str(value), text, counts[name][value], active.get(name) == value)
            for value, text in choices
            if counts[name][value] or active.get(name) == value
        ]
        return Facet(name, label, options)

    years = sorted((year for year, n in counts["year"].items() if n and year is not None), reverse=True)
    if "year" in active and active["year"] not in years:
        years.insert(0, active["year"])
    return [
        scalar_facet("doc_type", "文件类型", DocumentType.choices),
        scalar_facet("topic", "主题分类", Topic.choices),
        scalar_facet("validity", "有效性", VALIDITY_CHOICES),
        scalar_facet("year", "成文年份", [(year, f"{year}年") for year in years]),
    ]


def _public_documents(
    queryset: QuerySet, filterset: PolicyDocumentFilter, today: dt.date, active: dict
) -> DocumentSearch:
    """filtered_documents for the public documents, from the cached aggregate: no query
    reads the corpus; the tags and organisations (small tables) give the labels."""
    data = filterset.form.cleaned_data
    tag, organisation = data.get("tag"), data.get("organisation")
    wanted = dict(active)
    if organisation is not None:
        wanted["organisation"] = organisation.pk
    counts, tag_counts, total = aggregates.facet_counts(
        aggregates.get(today), wanted, tag.pk if tag is not None else None
    )
    tag_options = [
        FacetOption(t.slug, t.name, tag_counts[t.pk], tag is not None and tag.pk == t.pk, t.dimension.name)
        for t in CatalogTag.objects.select_related("dimension").order_by(
            "dimension__order", "dimension_id", "order", "id"
        )
        if tag_counts[t.pk]
    ]
    if tag is not None and not any(option.active for option in tag_options):
        tag_options.insert(0, FacetOption(tag.slug, tag.name, 0, True, ""))
    organisation_options = [
        FacetOption(o.slug, o.name, counts["organisation"][o.pk], organisation is not None and organisation.pk == o.pk)
        for o in Organisation.objects.order_by("order", "id")
        if counts["organisation"][o.pk]
    ]
    if organisation is not None and not any(option.active for option in organisation_options):
        organisation_options.insert(0, FacetOption(organisation.slug, organisation.name, 0, True))
    facets = [
        Facet("tag", "标签", tag_options),
        Facet("organisation", "发文机关", organisation_options),
        *_scalar_facets(counts, active),
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
        documents.values("issuing_organisation_id", "issuing_organisation__slug", "issuing_organisation__name")
        .annotate(n=Count("pk"))
        .order_by("issuing_organisation__order", "issuing_organisation_id")
    )
    options = [
        FacetOption(
            row["issuing_organisation__slug"],
            row["issuing_organisation__name"],
            row["n"],
            selected is not None and selected.pk == row["issuing_organisation_id"],
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


def public_tag_catalogue(today: dt.date) -> list[tuple[str, list[CatalogTag]]]:
    """tag_catalogue of the public documents, from the cached aggregate (one small query)."""
    counts = aggregates.get(today).tag_counts()
    grouped: dict[str, list[CatalogTag]] = defaultdict(list)
    for tag in CatalogTag.objects.select_related("dimension").order_by(
        "dimension__order", "dimension_id", "order", "id"
    ):
        if counts[tag.pk]:
            tag.document_count = counts[tag.pk]
            grouped[tag.dimension.name].append(tag)
    return list(grouped.items())


# --- The standard disclosure catalogue ------------------------------------------------
# Documents are filed under a catalogue item by staff (PolicyDocument.catalogue_item).
# The other kinds of public item are registered by their apps (documents.catalogue).


@dataclass
class CatalogueNode:
    item: CatalogueItem
    document_count: int
    sources: list[tuple[CatalogueSource, int]] = field(default_factory=list)  # other kinds here, with counts
    children: list[CatalogueNode] = field(default_factory=list)

    @property
    def own_count(self) -> int:
        return self.document_count + sum(count for _, count in self.sources)

    @property
    def total(self) -> int:
        return self.own_count + sum(child.total for child in self.children)

    def subtree(self) -> list[CatalogueNode]:
        return [self, *(node for child in self.children for node in child.subtree())]


def catalogue_tree(
    documents: QuerySet, today: dt.date | None = None
) -> tuple[list[CatalogueNode], dict[int, CatalogueNode]]:
    """The standard catalogue as a tree, counting in each subtree `documents` and the
    public items of the registered catalogue sources (documents.catalogue). Two queries, and one per source kind."""
    today = today or timezone.localdate()
    counts = dict(
        documents.order_by()
        .filter(catalogue_item__isnull=False)
        .values_list("catalogue_item_id")
        .annotate(n=Count("pk"))
        .values_list("catalogue_item_id", "n")
    )
    items = CatalogueItem.objects.order_by("order", "code")
    nodes = {item.pk: CatalogueNode(item, counts.get(item.pk, 0)) for item in items}
    by_code = {node.item.code: node for node in nodes.values()}
    for source in catalogue.sources():
        if source.code in by_code:
            by_code[source.code].sources.append((source, source.items(today).count()))
    roots: list[CatalogueNode] = []
    for node in nodes.values():
        parent = nodes.get(node.item.parent_id) if node.item.parent_id else None
        (parent.children if parent else roots).append(node)
    return roots, nodes


def catalogue_ancestors(node: CatalogueNode, nodes: dict[int, CatalogueNode]) -> list[CatalogueItem]:
    ancestors: list[CatalogueItem] = []
    parent_id = node.item.parent_id
    while parent_id and parent_id in nodes and len(ancestors) < 20:
        ancestors.insert(0, nodes[parent_id].item)
        parent_id = nodes[parent_id].item.parent_id
    return ancestors


class CatalogueListing:
    """Everything public under a catalogue node (its subtree), newest first, sliced page by
    page for the Paginator.

    Documents alone are read as the library's listing. With other kinds in the subtree,
    one UNION of (kind, id, day) rows gives the page, then each kind's rows are read by id:
    a fixed number of queries per page.
    """

    def __init__(self, node: CatalogueNode, documents: QuerySet, today: dt.date) -> None:
        self.today = today
        self.total = node.total
        self._newest: list[CatalogueEntry] | None = None  # the first row, once read
        subtree = node.subtree()
        self.documents = documents.filter(catalogue_item_id__in=[n.item.pk for n in subtree])
        self.sources = [source for n in subtree for source, count in n.sources if count]

    def count(self) -> int:
        return self.total

    def __len__(self) -> int:
        return self.total

    def newest_day(self) -> dt.date | None:
        """The day of the newest public item under the node (最近更新): the listing's first
        row, read with the first page or by one query of its own."""
        if self._newest is None:
            self[0:1]
        return self._newest[0].day if self._newest else None

    def __getitem__(self, window: slice) -> list[CatalogueEntry]:
        entries = self._window(window)
        if not window.start:
            self._newest = entries[:1]
        return entries

    def _window(self, window: slice) -> list[CatalogueEntry]:
        if not self.sources:
            return [_document_entry(d) for d in self.documents.for_listing()[window]]
        keyed = [_keys("document", self.documents, catalogue.published_day())]
        keyed += [_keys(source.kind, source.items(self.today), source.day()) for source in self.sources]
        rows = list(keyed[0].union(*keyed[1:], all=True).order_by("-entry_day", "entry_kind", "-entry_id")[window])
        wanted: dict[str, list[int]] = defaultdict(list)
        for kind, pk, _ in rows:
            wanted[kind].append(pk)
        loaded: dict[tuple[str, int], CatalogueEntry] = {}
        if wanted["document"]:
            for document in self.documents.filter(pk__in=wanted["document"]).for_listing():
                loaded["document", document.pk] = _document_entry(document)
        for source in self.sources:
            if wanted[source.kind]:
                for item in source.items(self.today).filter(pk__in=wanted[source.kind]):
                    loaded[source.kind, item.pk] = source.entry(item, self.today)
        return [loaded[kind, pk] for kind, pk, _ in rows if (kind, pk) in loaded]


def _keys(kind: str, queryset: QuerySet, day) -> QuerySet:
    return (
        queryset.order_by()
        .annotate(entry_kind=Value(kind, output_field=CharField()), entry_id=F("pk"), entry_day=day)
        .values_list("entry_kind", "entry_id", "entry_day")
    )


def _document_entry(document: PolicyDocument) -> CatalogueEntry:
    return CatalogueEntry(
        kind="document",
        kind_label="政策文件",
        title=document.title,
        url=document.get_absolute_url(),
        day=timezone.localdate(document.published_at) if document.published_at else None,
        organisation="",
        document=document,
    )


def tags_by_dimension() -> list[tuple[str, list[CatalogTag]]]:
    """Every catalogue tag grouped by dimension, used or not (one may subscribe ahead). One query."""
    grouped: dict[str, list[CatalogTag]] = defaultdict(list)
    for tag in CatalogTag.objects.select_related("dimension").order_by(
        "dimension__order", "dimension_id", "order", "id"
    ):
        grouped[tag.dimension.name].append(tag)
    return list(grouped.items())


def organisation_groups() -> dict[str, list[Organisation]]:
    """Every organisation, split into 镇政府及部门 and 村居委. One query."""
    groups: dict[str, list[Organisation]] = {"镇政府及部门": [], "村居委": []}
    for organisation in Organisation.objects.order_by("order", "id"):
        groups["村居委" if organisation.kind in GRASSROOTS_KINDS else "镇政府及部门"].append(organisation)
    return groups


def organisations_with_counts(documents: QuerySet) -> dict[str, list[Organisation]]:
    """Issuing organisations split into 镇政府及部门 and 村居委, with `.document_count`."""
    organisations = Organisation.objects.annotate(
        document_count=Count("issued_documents", filter=Q(issued_documents__in=documents.values("pk")))
    ).order_by("order", "id")
    groups: dict[str, list[Organisation]] = {"镇政府及部门": [], "村居委": []}
    for organisation in organisations:
        groups["村居委" if organisation.kind in GRASSROOTS_KINDS else "镇政府及部门"].append(organisation)
    return groups


__all__ = [
    "CatalogueEntry",
    "CatalogueListing",
    "DocumentSearch",
    "Facet",
    "FacetOption",
    "catalogue_tree",
    "filtered_documents",
    "organisation_groups",
    "organisations_with_counts",
    "public_tag_catalogue",
    "tag_catalogue",
    "tags_by_dimension",
]
