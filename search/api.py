"""`?search=` on the JSON API's list endpoints, answered by the site search's index.

One filter backend (REST_FRAMEWORK's DEFAULT_FILTER_BACKENDS) for every endpoint whose
model is indexed: the words match as on /search/ (characters side by side, any way of
writing a document number), through the full-text index rather than a scan of the
table, and only rows the endpoint already shows are kept. The order stays the
endpoint's own, except that the rows with the document number the query holds come first.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone
from rest_framework.filters import BaseFilterBackend
from rest_framework.request import Request

from . import backends
from . import text as search_text
from .models import Kind, SearchEntry

SEARCH_PARAM = "search"
# The API's models as the search index knows them (model label -> Kind).
SEARCHED_MODELS: dict[str, str] = {
    "documents.PolicyDocument": Kind.DOCUMENT,
    "interpretations.Interpretation": Kind.INTERPRETATION,
    "decisions.Decision": Kind.DECISION,
    "consultations.FAQ": Kind.FAQ,
    "consultations.Message": Kind.MESSAGE,
}


def _kind_of(view) -> str | None:
    """The Kind of the model a view lists (from its serializer: viewsets build their queryset per request)."""
    model = getattr(getattr(view.get_serializer_class(), "Meta", None), "model", None)
    return SEARCHED_MODELS.get(model._meta.label) if model is not None else None


def search_queryset(queryset: QuerySet, kind: str, raw: str) -> QuerySet:
    """The rows of `queryset` whose search entry (of `kind`) matches `raw`; none when `raw`
    has no letter, digit or Chinese character to look for (any text is a well-formed query)."""
    query = backends.resolve_number(search_text.parse_query(raw))
    if query.is_empty:
        return queryset.none()
    entries = SearchEntry.objects.filter(kind=kind, published_at__lte=timezone.now())
    matched = backends.get_backend().matched(entries, query)
    # Read the ids first: the backends' conditions name the search table, which Django
    # renames inside a subquery (PostgreSQL then refuses the query).
    found = queryset.filter(pk__in=list(matched.values_list("object_id", flat=True)))
    if not query.number_key:
        return found
    numbered = SearchEntry.objects.filter(kind=kind, object_id=OuterRef("pk"), number_key=query.number_key)
    ordering = list(queryset.query.order_by or queryset.model._meta.ordering)
    return found.annotate(has_searched_number=Exists(numbered)).order_by("-has_searched_number", *ordering)


class SiteSearchFilter(BaseFilterBackend):
    def filter_queryset(self, request: Request, queryset: QuerySet, view) -> QuerySet:
        raw = request.query_params.get(SEARCH_PARAM, "")
        kind = SEARCHED_MODELS.get(queryset.model._meta.label)
        if not raw.strip() or kind is None:
            return queryset
        return search_queryset(queryset, kind, raw)

    def get_schema_operation_parameters(self, view) -> list[dict]:
        if getattr(view, "action", "list") != "list" or _kind_of(view) is None:
            return []
        return [
            {
                "name": SEARCH_PARAM,
                "required": False,
                "in": "query",
                "description": "搜索词：与站内搜索相同的匹配方式（标题、发文字号和正文中连续出现的字词，"
                "空格分隔多个词，须同时出现）；含发文字号时，带有该文号的条目排在最前。"
                f"最多按前 {search_text.MAX_QUERY_CHARS} 个字搜索；"
                "只有标点或符号、没有可检索的汉字、字母或数字时，返回空列表。",
                "schema": {"type": "string"},
            }
        ]
