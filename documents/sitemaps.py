"""sitemap.xml entries of the document library: public documents and the fixed public
pages (assembled in xujing_portal.sitemaps)."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import PolicyDocument


class DocumentSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.8

    def items(self):
        return PolicyDocument.objects.public().only("id", "updated_at").order_by("-published_at", "-id")

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
