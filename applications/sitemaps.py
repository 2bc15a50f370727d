"""sitemap.xml entries of disclosure on application: the guide, the online form and the
statistics (assembled in xujing_portal.sitemaps). Applications themselves are private."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class ApplicationPageSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.6

    def items(self) -> list[str]:
        return ["applications:guide", "applications:new", "applications:statistics"]

    def location(self, name: str) -> str:
        return reverse(name)
