"""sitemap.xml entries of the organisations' sections (assembled in xujing_portal.sitemaps)."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap

from .models import Organisation


class OrganisationSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.5

    def items(self):
        return Organisation.objects.order_by("order", "id")
