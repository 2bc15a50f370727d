"""sitemap.xml entries of the public interpretations and their list (assembled in xujing_portal.sitemaps)."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Interpretation


class InterpretationSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.7

    def items(self):
        return Interpretation.objects.public().only("id", "updated_at").order_by("-published_at", "-id")

    def lastmod(self, interpretation: Interpretation):
        return interpretation.updated_at


class InterpretationPageSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.7

    def items(self) -> list[str]:
        return ["interpretations:list"]

    def location(self, name: str) -> str:
        return reverse(name)
