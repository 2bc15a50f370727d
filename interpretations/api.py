"""Read-only JSON API of public interpretations (`/api/interpretations/`)."""

from __future__ import annotations

import django_filters
from drf_spectacular.utils import extend_schema, extend_schema_view

from documents.api import PortalReadOnlyViewSet

from .filters import InterpretationFilter
from .models import Interpretation, InterpretationQuerySet
from .serializers import InterpretationSerializer


class InterpretationAPIFilter(InterpretationFilter):
    """The list page's filters; a tag or organisation that matches nothing is an empty list, not a 400."""

    tag = django_filters.CharFilter(label="所解读文件的标签的网址标识", field_name="document__tags__slug")
    organisation = django_filters.CharFilter(label="解读机关的网址标识", field_name="organisation__slug")


@extend_schema_view(
    list=extend_schema(
        summary="已公开的政策解读列表", description="可按标签、解读机关、解读形式筛选，按发布时间倒序。"
    ),
    retrieve=extend_schema(summary="一份已公开的政策解读"),
)
class InterpretationViewSet(PortalReadOnlyViewSet):
    serializer_class = InterpretationSerializer
    filterset_class = InterpretationAPIFilter

    def get_queryset(self) -> InterpretationQuerySet:
        return (
            Interpretation.objects.public()
            .select_related("document", "organisation")
            .prefetch_related("images", "questions")
            .order_by("-published_at", "-id")
        )
