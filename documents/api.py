"""Read-only JSON API of the public document library (`/api/documents/`), and the JSON 404
for addresses under /api/ that do not exist (pagination and error bodies of every
endpoint: documents.api_defaults)."""

from __future__ import annotations

from django.db.models import Prefetch
from django.http import HttpRequest
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import exceptions, viewsets
from rest_framework.decorators import api_view
from rest_framework.response import Response

from .filters import PolicyDocumentFilter
from .models import PolicyDocument, PolicyDocumentQuerySet
from .serializers import PolicyDocumentSerializer

UNKNOWN_ADDRESS_MESSAGE = "接口地址不存在。可用的接口及参数见 /api/schema/（OpenAPI 说明），例如 /api/documents/。"


@extend_schema(exclude=True)
@api_view(["GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE"])
def unknown_api_address(request: HttpRequest, path: str = "") -> Response:
    """Anything under /api/ the router does not know: a JSON 404, not the HTML page."""
    raise exceptions.NotFound(UNKNOWN_ADDRESS_MESSAGE)


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
class PolicyDocumentViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = PolicyDocumentSerializer
    filterset_class = PolicyDocumentFilter

    def get_queryset(self) -> PolicyDocumentQuerySet:
        return public_documents_for_api()
