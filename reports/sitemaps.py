"""sitemap.xml entries of the annual reports: the list and every published report
(assembled in xujing_portal.sitemaps)."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import AnnualReport


class AnnualReportSitemap(Sitemap):
    changefreq = "yearly"
    priority = 0.6

    def items(self) -> list:
        return ["reports:annual_list", *AnnualReport.objects.published().select_related("organisation")]

    def location(self, item) -> str:
        return reverse(item) if isinstance(item, str) else item.get_absolute_url()
