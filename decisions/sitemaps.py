"""sitemap.xml entries of major decisions: the index, the representatives page, each
published year's catalogue and each public decision (assembled in xujing_portal.sitemaps)."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Catalogue, Decision


class DecisionPageSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.7

    def items(self) -> list[str]:
        return ["decisions:index", "decisions:representatives"]

    def location(self, name: str) -> str:
        return reverse(name)


class CatalogueSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return Catalogue.objects.public().only("id", "year", "published_at").order_by("-year")

    def lastmod(self, catalogue: Catalogue):
        return catalogue.published_at


class DecisionSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.7

    def items(self):
        return Decision.objects.public().select_related("catalogue").order_by("-updated_at", "-id")

    def lastmod(self, decision: Decision):
        return decision.updated_at
