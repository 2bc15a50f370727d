"""sitemap.xml entries of the public interpretations (assembled in xujing_portal.sitemaps)."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap

from .models import Interpretation


class InterpretationSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.7

    def items(self):
        return Interpretation.objects.public().only("id", "updated_at").order_by("-published_at", "-id")

    def lastmod(self, interpretation: Interpretation):
        return interpretation.updated_at
