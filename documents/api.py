"""Read-only JSON API of the public document library (`/api/documents/`)."""

from __future__ import annotations

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets

from .filters import PolicyDocumentFilter
from .models import PolicyDocument, PolicyDocumentQuerySet
from .serializers import PolicyDocumentSerializer


def public_documents_for_api() -> PolicyDocumentQuerySet:
    """Public documents with everything the serializer reads, in a fixed number of queries."""
    public_links = PolicyDocument.objects.public().only("id").order_by("id")
    return (
        PolicyDocument.objects.public()
        .select_related("organisation")
        .prefetch_related(
            "tags__dimension",
            "attachments",
            Prefetch("replaces", queryset=public_links, to_attr="public_replaces"),
            Prefetch("replaced_by", queryset=public_links, to_attr="public_replaced_by"),
        )
    )


@extend_schema_view(
    list=extend_schema(summary="已公开的政策文件列表", description="筛选条件与文件库列表页相同，按发布日期倒序。"),
    retrieve=extend_schema(summary="一份已公开的政策文件"),
)
class PolicyDocumentViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = PolicyDocumentSerializer
    filterset_class = PolicyDocumentFilter

    def get_queryset(self) -> PolicyDocumentQuerySet:
        return public_documents_for_api()
