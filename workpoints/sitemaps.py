"""sitemap.xml entries of the column 政务公开工作要点: the column and each public year
(assembled in xujing_portal.sitemaps)."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from . import selectors


class WorkPointsSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self) -> list[str]:
        return [reverse("workpoints:index"), *(plan.get_absolute_url() for plan in selectors.public_plans())]

    def location(self, url: str) -> str:
        return url
