"""Read-only JSON API of public interpretations (`/api/interpretations/`)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets

from .filters import InterpretationFilter
from .models import Interpretation, InterpretationQuerySet
from .serializers import InterpretationSerializer


@extend_schema_view(
    list=extend_schema(
        summary="已公开的政策解读列表", description="可按标签、解读机关、解读形式筛选，按发布时间倒序。"
    ),
    retrieve=extend_schema(summary="一份已公开的政策解读"),
)
class InterpretationViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = InterpretationSerializer
    filterset_class = InterpretationFilter

    def get_queryset(self) -> InterpretationQuerySet:
        return (
            Interpretation.objects.public()
            .select_related("document", "organisation")
            .prefetch_related("images", "questions")
            .order_by("-published_at", "-id")
        )
