"""sitemap.xml entries of the message board: the board, 留言选登 and each published
message (assembled in xujing_portal.sitemaps). Unpublished messages are never listed."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Message


class BoardPageSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.7

    def items(self) -> list[str]:
        return ["consultations:board", "consultations:published"]

    def location(self, name: str) -> str:
        return reverse(name)


class PublishedMessageSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        return Message.objects.published().only("id", "published_at").order_by("-published_at", "-id")

    def lastmod(self, message: Message):
        return message.published_at
