"""What every endpoint of the portal's JSON API shares (REST_FRAMEWORK in settings):
pagination with `page_size`, and Chinese error bodies, 404s included.

Kept apart from documents.api: DRF imports the pagination class while it defines its
generic views, so this module must not import viewsets or decorators.
"""

from __future__ import annotations

from django import forms
from django.core.paginator import InvalidPage
from django.http import Http404
from drf_spectacular.contrib.django_filters import DjangoFilterExtension
from rest_framework import exceptions
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import exception_handler

from xujing_portal import paging
from xujing_portal.converters import MAX_ID

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
MAX_PAGE = 10**18 - 1  # the largest page number taken (18 digits); larger ones are a 400
MAX_SHOWN_VALUE = 30
NOT_FOUND_MESSAGE = "未找到：该条目不存在或尚未公开。请检查地址中的编号，或从列表接口（例如 /api/documents/）中查找。"


def shown_value(value: str) -> str:
    value = value.replace("\x00", "")
    return value if len(value) <= MAX_SHOWN_VALUE else value[:MAX_SHOWN_VALUE] + "…"


def _positive_int(raw: str) -> int | None:
    raw = raw.strip()
    if not raw.isascii() or not raw.isdigit() or len(raw) > len(str(MAX_PAGE)) or int(raw) < 1:
        return None
    return int(raw)


class PortalPagination(PageNumberPagination):
    """Page numbers with `page_size` (1 to MAX_PAGE_SIZE); a malformed page or page size is
    a 400, a page past the last a 404, each with a Chinese message that says what to send."""

    page_size = DEFAULT_PAGE_SIZE
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
    page_query_description = "页码，从 1 开始；超出总页数时返回 404。"
    page_size_query_description = f"每页条数，1 到 {MAX_PAGE_SIZE} 之间的整数，默认 {DEFAULT_PAGE_SIZE}。"

    def get_page_size(self, request: Request) -> int:
        raw = request.query_params.get(self.page_size_query_param, "")
        if not raw.strip():
            return self.page_size
        value = _positive_int(raw)
        if value is None or value > self.max_page_size:
            raise exceptions.ValidationError(
                {
                    self.page_size_query_param: [
                        f"每页条数“{shown_value(raw)}”无效：请填写 1 到 {self.max_page_size} 之间的整数，"
                        f"例如 page_size={self.max_page_size}。"
                    ]
                }
            )
        return value

    def get_page_number(self, request: Request, paginator) -> int:
        raw = request.query_params.get(self.page_query_param, "")
        if not raw.strip():
            return 1
        if raw in self.last_page_strings:
            return paginator.num_pages
        value = _positive_int(raw)
        if value is None:
            raise exceptions.ValidationError(
                {self.page_query_param: [f"页码“{shown_value(raw)}”无效：请填写从 1 开始的整数，例如 page=2。"]}
            )
        return value

    def paginate_queryset(self, queryset, request: Request, view=None) -> list:
        self.request = request
        paginator = self.django_paginator_class(queryset, self.get_page_size(request))
        # A view that knows how many rows its filtered list holds without counting them
        # (documents: the cached aggregate) says so; otherwise Django's COUNT(*).
        known = getattr(view, "known_count", None)
        count = known(request) if known is not None else None
        if count is not None:
            paginator.count = count  # the cached_property, set before anything reads it
        number = self.get_page_number(request, paginator)
        try:
            self.page = paginator.page(number)
        except InvalidPage:
            raise exceptions.NotFound(
                f"没有第 {number} 页：共 {paginator.num_pages} 页。"
                f"请把 page 改为 1 到 {paginator.num_pages} 之间的页码。"
            ) from None
        if count is not None:  # not a search (ranked by the index), whose matches are few
            paging.defer_if_deep(self.page)
        return list(self.page)

    def get_schema_operation_parameters(self, view) -> list[dict]:
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"].update(maximum=self.max_page_size, default=self.page_size)
            else:
                parameter["schema"]["maximum"] = MAX_PAGE
        return parameters


def _has_chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def portal_exception_handler(exc: Exception, context: dict) -> Response | None:
    """DRF's handler, with a Chinese body for every 404: Django's get_object_or_404 says
    "No PolicyDocument matches the given query." and DRF's own text is a bare "未找到。"."""
    if isinstance(exc, Http404 | exceptions.NotFound):
        detail = str(getattr(exc, "detail", "") or (exc.args[0] if exc.args else ""))
        if not _has_chinese(detail) or detail == str(exceptions.NotFound.default_detail):
            exc = exceptions.NotFound(NOT_FOUND_MESSAGE)
    return exception_handler(exc, context)


# --- What the OpenAPI schema says of every endpoint (SPECTACULAR_SETTINGS) -----------

NOT_FOUND_SCHEMA = "NotFound"
INVALID_PARAMETERS_SCHEMA = "InvalidParameters"
ERROR_SCHEMAS = {
    NOT_FOUND_SCHEMA: {
        "type": "object",
        "description": "404 的响应体：中文说明，告诉调用方下一步怎么做。",
        "properties": {"detail": {"type": "string", "example": NOT_FOUND_MESSAGE}},
        "required": ["detail"],
        "additionalProperties": False,
    },
    INVALID_PARAMETERS_SCHEMA: {
        "type": "object",
        "description": "400 的响应体：键是出错的查询参数名，值是中文说明（说明应当怎样填写）。",
        "additionalProperties": {"type": "array", "items": {"type": "string"}, "minItems": 1},
        "minProperties": 1,
        "example": {"page_size": [f"每页条数“500”无效：请填写 1 到 {MAX_PAGE_SIZE} 之间的整数，例如 page_size=100。"]},
    },
}


def _error_response(description: str, schema_name: str) -> dict:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema_name}"}}},
    }


def document_error_answers(result: dict, generator, request, public: bool) -> dict:
    """Every operation's 4xx answers with their Chinese bodies, the bounds of ids in paths, and
    the rule that a query parameter sent empty is the same as one left out (as a list page's
    form sends them): drf-spectacular documents only the 200 of each view."""
    result.setdefault("components", {}).setdefault("schemas", {}).update(ERROR_SCHEMAS)
    for path_item in result["paths"].values():
        for operation in path_item.values():
            parameters = operation.get("parameters", [])
            for parameter in parameters:
                if parameter["in"] == "path" and parameter["schema"].get("type") == "integer":
                    parameter["schema"].update(minimum=1, maximum=MAX_ID)
                elif parameter["in"] == "query":
                    parameter["allowEmptyValue"] = True
            responses = operation["responses"]
            if any(parameter["in"] == "query" for parameter in parameters):
                responses["400"] = _error_response(
                    "查询参数有误（类型、取值范围或可选值不对）；响应体逐个参数说明应当怎样填写。",
                    INVALID_PARAMETERS_SCHEMA,
                )
            responses["404"] = _error_response(
                "未找到：编号对应的条目不存在或尚未公开，或页码超出总页数。", NOT_FOUND_SCHEMA
            )
    return result


class PortalFilterExtension(DjangoFilterExtension):
    """django-filter's parameters as the portal's filters check them: a number filter that takes
    whole numbers is an integer (drf-spectacular says "number"), with the filter's bounds."""

    priority = 1

    def resolve_filter_field(self, auto_schema, model, filterset_class, field_name, filter_field) -> list[dict]:
        parameters = super().resolve_filter_field(auto_schema, model, filterset_class, field_name, filter_field)
        extra = filter_field.extra
        whole = issubclass(filter_field.field_class, forms.IntegerField) or extra.get("decimal_places") == 0
        bounds = {
            key: extra[name]
            for key, name in (("minimum", "min_value"), ("maximum", "max_value"))
            if extra.get(name) is not None
        }
        for parameter in parameters:
            schema = parameter["schema"]
            if whole and schema.get("type") == "number":
                schema["type"] = "integer"
                schema.pop("format", None)
            if schema.get("type") in ("integer", "number"):
                schema.update(bounds)
        return parameters
