"""Read-only JSON API of the public document library (`/api/documents/`), and the JSON 404
for addresses under /api/ that do not exist (pagination and error bodies of every
endpoint: documents.api_defaults)."""

from __future__ import annotations

import django_filters
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import exceptions, viewsets
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from organisations.models import Organisation
from search.api import SEARCH_PARAM
from xujing_portal import pagecache

from . import aggregates
from .api_defaults import shown_value
from .filters import PolicyDocumentFilter
from .models import CatalogTag, PolicyDocument, PolicyDocumentQuerySet
from .serializers import PolicyDocumentSerializer

# The list's filters that are keys of documents.aggregates (besides tag and organisation).
AGGREGATE_FILTERS = ("doc_type", "topic", "year", "validity")

UNKNOWN_ADDRESS_MESSAGE = "接口地址不存在。可用的接口及参数见 /api/schema/（OpenAPI 说明），例如 /api/documents/。"


@extend_schema(exclude=True)
@api_view(["GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE"])
def unknown_api_address(request: HttpRequest, path: str = "") -> Response:
    """Anything under /api/ the router does not know: a JSON 404, not the HTML page."""
    raise exceptions.NotFound(UNKNOWN_ADDRESS_MESSAGE)


class PortalReadOnlyViewSet(viewsets.ReadOnlyModelViewSet):
    """What every endpoint of the API is: read-only, and strict about the values of its list
    parameters. The filters and the pagination trim blanks (a list page's form may send them),
    but the schema's integers, dates and choices have none: such a value with blanks around it,
    or of blanks only, is a 400 rather than taken as another value. Text parameters (`search`,
    a tag's slug) take any string."""

    def initial(self, request: Request, *args, **kwargs) -> None:
        super().initial(request, *args, **kwargs)
        if self.action == "list":
            self._refuse_padded_values(request)

    def _refuse_padded_values(self, request: Request) -> None:
        checked = {"page", "page_size"}
        filterset_class = DjangoFilterBackend().get_filterset_class(self, self.get_queryset())
        if filterset_class is not None:
            filters = filterset_class.base_filters.items()
            checked |= {name for name, f in filters if not isinstance(f, django_filters.CharFilter)}
        errors = {
            name: [
                f"参数 {name} 的值“{shown_value(value)}”前后有空格或其他空白字符：请去掉空白后重试；"
                "不需要这个条件时，留空或去掉该参数。"
            ]
            for name, value in request.query_params.items()
            if name in checked and value != value.strip()
        }
        if errors:
            raise exceptions.ValidationError(errors)


class PolicyDocumentAPIFilter(PolicyDocumentFilter):
    """The list page's filters, except that a tag or organisation no document has is an empty
    list rather than a 400: any slug is a well-formed value (the page offers only existing ones)."""

    tag = django_filters.CharFilter(label="标签的网址标识", field_name="tags__slug")
    organisation = django_filters.CharFilter(label="发文机关的网址标识", field_name="issuing_organisation__slug")


def public_documents_for_api() -> PolicyDocumentQuerySet:
    """Public documents with everything the serializer reads, in a fixed number of queries."""
    public_links = PolicyDocument.objects.public().only("id").order_by("id")
    return (
        PolicyDocument.objects.public()
        .select_related("issuing_organisation")
        .prefetch_related(
            "tags__dimension",
            "attachments",
            Prefetch("replaces", queryset=public_links, to_attr="public_replaces"),
            Prefetch("replaced_by", queryset=public_links, to_attr="public_replaced_by"),
        )
    )


@extend_schema_view(
    list=extend_schema(
        summary="已公开的政策文件列表",
        description="筛选条件与文件库列表页相同，按发布日期倒序；search 按站内搜索的方式查找，"
        "搜索词含发文字号时，该文号的文件排在最前。",
    ),
    retrieve=extend_schema(summary="一份已公开的政策文件"),
)
class PolicyDocumentViewSet(PortalReadOnlyViewSet):
    serializer_class = PolicyDocumentSerializer
    filterset_class = PolicyDocumentAPIFilter

    def get_queryset(self) -> PolicyDocumentQuerySet:
        return public_documents_for_api()

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        """The list, for anonymous readers, from the page cache (xujing_portal.pagecache)."""
        if getattr(self, "action_map", {}).get("get") == "list":
            return pagecache.serve(request, super().dispatch, *args, **kwargs)
        return super().dispatch(request, *args, **kwargs)

    def known_count(self, request: Request) -> int | None:
        """How many documents the filtered list holds, read from the cached aggregate of the
        public documents (documents.aggregates: exact, the same public rule and today's
        validity from the dates) instead of a COUNT(*) over the corpus on every request.
        Every filter but `search` is one of the aggregate's keys; with `search`, the list is
        the search index's matches and the paginator counts those (None)."""
        if request.query_params.get(SEARCH_PARAM, "").strip():
            return None
        filterset = self.filterset_class(request.query_params, queryset=PolicyDocument.objects.none())
        if not filterset.is_valid():
            return None  # the filter backend has already answered 400
        data = filterset.form.cleaned_data
        wanted = {name: data[name] for name in AGGREGATE_FILTERS if data.get(name) not in (None, "")}
        tag_id = None
        if data.get("tag"):
            tag_id = CatalogTag.objects.filter(slug=data["tag"]).values_list("pk", flat=True).first()
            if tag_id is None:
                return 0
        if data.get("organisation"):
            wanted["organisation"] = (
                Organisation.objects.filter(slug=data["organisation"]).values_list("pk", flat=True).first()
            )
            if wanted["organisation"] is None:
                return 0
        return aggregates.facet_counts(aggregates.get(), wanted, tag_id)[2]
