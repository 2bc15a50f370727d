"""sitemap.xml entries of the document library: public documents and the fixed public
pages (assembled in xujing_portal.sitemaps).

The documents' section is split by ranges of ids, not by OFFSET: page n lists the public
documents whose id is in ((n - 1) × ID_RANGE, n × ID_RANGE], so a page never holds more than
ID_RANGE entries and reading any page is one range scan of the primary key, however deep the
page and however large the corpus (Django's own paginator counts every public document and
skips n × limit rows). A range whose documents are all private, targeted or withdrawn is an
empty page, which the sitemap protocol allows."""

from __future__ import annotations

import math

from django.contrib.sitemaps import Sitemap
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.urls import reverse

from .models import PolicyDocument

ID_RANGE = 2_000  # ids per page of the documents' section: at most this many entries (~280 KB)


def page_of(pk: int) -> int:
    """The page of the documents' section that lists the document with this id (if public)."""
    return (pk - 1) // ID_RANGE + 1


class IdRangePage:
    def __init__(self, object_list) -> None:
        self.object_list = object_list


class IdRangePaginator:
    """What Django's sitemap views read of a paginator (num_pages, page(n).object_list),
    over ranges of ids of `queryset`."""

    def __init__(self, queryset, width: int) -> None:
        self.queryset = queryset
        self.width = width

    @property
    def num_pages(self) -> int:
        # The highest public id: a backward scan of the primary key that stops at the first match.
        last = self.queryset.order_by("-pk").values_list("pk", flat=True).first()
        return max(1, math.ceil((last or 0) / self.width))

    def page(self, number) -> IdRangePage:
        raw = str(number).strip()
        if not raw.isascii() or not raw.isdigit() or len(raw) > 12:
            raise PageNotAnInteger("页码必须是整数")
        number = int(raw)
        if number < 1:
            raise EmptyPage("页码从 1 开始")
        if number > 1 and number > self.num_pages:
            raise EmptyPage("没有这一页")
        low = (number - 1) * self.width
        return IdRangePage(self.queryset.filter(pk__gt=low, pk__lte=low + self.width).order_by("pk"))


class DocumentSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.8
    limit = ID_RANGE

    def items(self):
        return PolicyDocument.objects.public().only("id", "updated_at").order_by("pk")

    @property
    def paginator(self) -> IdRangePaginator:
        return IdRangePaginator(self.items(), self.limit)

    def lastmod(self, document: PolicyDocument):
        return document.updated_at


class StaticPageSitemap(Sitemap):
    changefreq = "daily"
    priority = 1.0

    def items(self) -> list[str]:
        return [
            "documents:home",
            "documents:list",
            "documents:normative",
            "documents:catalogue",
            "documents:subscribe",
            "xxgk:index",
        ]

    def location(self, name: str) -> str:
        return reverse(name)
