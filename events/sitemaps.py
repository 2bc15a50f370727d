"""sitemap.xml entries of the events: the list and each published event page (assembled in
xujing_portal.sitemaps). Unpublished events are left out, as on every public surface."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Event


class EventPageSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.6

    def items(self) -> list[str]:
        return ["events:list"]

    def location(self, name: str) -> str:
        return reverse(name)


class EventSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.6

    def items(self):
        return Event.objects.public().only("id", "updated_at").order_by("-updated_at", "-id")

    def lastmod(self, event: Event):
        return event.updated_at
