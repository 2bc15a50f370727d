"""sitemap.xml entry of the public data page (assembled in xujing_portal.sitemaps)."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class FiguresSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.5

    def items(self) -> list[str]:
        return ["figures:index"]

    def location(self, name: str) -> str:
        return reverse(name)
