"""What every endpoint of the portal's JSON API shares (REST_FRAMEWORK in settings):
pagination with `page_size`, and Chinese error bodies, 404s included.

Kept apart from documents.api: DRF imports the pagination class while it defines its
generic views, so this module must not import viewsets or decorators.
"""

from __future__ import annotations

from django.core.paginator import InvalidPage
from django.http import Http404
from rest_framework import exceptions
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import exception_handler

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
MAX_SHOWN_VALUE = 30
NOT_FOUND_MESSAGE = "未找到：该条目不存在或尚未公开。请检查地址中的编号，或从列表接口（例如 /api/documents/）中查找。"


def _shown(value: str) -> str:
    value = value.replace("\x00", "")
    return value if len(value) <= MAX_SHOWN_VALUE else value[:MAX_SHOWN_VALUE] + "…"


def _positive_int(raw: str) -> int | None:
    raw = raw.strip()
    if not raw.isascii() or not raw.isdigit() or len(raw) > 18 or int(raw) < 1:
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
                        f"每页条数“{_shown(raw)}”无效：请填写 1 到 {self.max_page_size} 之间的整数，"
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
                {self.page_query_param: [f"页码“{_shown(raw)}”无效：请填写从 1 开始的整数，例如 page=2。"]}
            )
        return value

    def paginate_queryset(self, queryset, request: Request, view=None) -> list:
        self.request = request
        paginator = self.django_paginator_class(queryset, self.get_page_size(request))
        number = self.get_page_number(request, paginator)
        try:
            self.page = paginator.page(number)
        except InvalidPage:
            raise exceptions.NotFound(
                f"没有第 {number} 页：共 {paginator.num_pages} 页。"
                f"请把 page 改为 1 到 {paginator.num_pages} 之间的页码。"
            ) from None
        return list(self.page)

    def get_schema_operation_parameters(self, view) -> list[dict]:
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"].update(maximum=self.max_page_size, default=self.page_size)
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
