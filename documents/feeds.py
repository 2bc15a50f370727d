"""RSS and Atom feeds of the latest public documents, overall and per tag (items 7, 23)."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import strip_tags
from django.utils.text import Truncator

from .models import CatalogTag, PolicyDocument

FEED_LENGTH = 30


class LatestDocumentsFeed(Feed):
    title = "徐泾镇政务公开 · 最新政策文件"
    link = reverse_lazy("documents:list")
    description = "徐泾镇人民政府及所属部门、村居委最新公开的政策文件。"

    def items(self):
        return PolicyDocument.objects.public().for_listing()[:FEED_LENGTH]

    def item_title(self, item: PolicyDocument) -> str:
        return item.title

    def item_description(self, item: PolicyDocument) -> str:
        """The summary, or the start of the body as plain text."""
        return item.summary or Truncator(strip_tags(item.body)).chars(200)

    def item_pubdate(self, item: PolicyDocument):
        return item.published_at

    def item_updateddate(self, item: PolicyDocument):
        return item.updated_at

    def item_author_name(self, item: PolicyDocument) -> str:
        return item.organisation.name

    def item_categories(self, item: PolicyDocument) -> list[str]:
        return [tag.name for tag in item.tags.all()]


class LatestDocumentsAtomFeed(LatestDocumentsFeed):
    feed_type = Atom1Feed
    subtitle = LatestDocumentsFeed.description


class TagDocumentsFeed(LatestDocumentsFeed):
    """The latest public documents carrying one catalogue tag; an unknown tag is a 404."""

    def get_object(self, request, slug: str) -> CatalogTag:
        return get_object_or_404(CatalogTag, slug=slug)

    def title(self, tag: CatalogTag) -> str:
        return f"徐泾镇政务公开 · 标签“{tag.name}”的政策文件"

    def link(self, tag: CatalogTag) -> str:
        return tag.get_absolute_url()

    def description(self, tag: CatalogTag) -> str:
        return f"带有“{tag.name}”标签的最新公开政策文件。"

    def items(self, tag: CatalogTag):
        return PolicyDocument.objects.public().filter(tags=tag).for_listing()[:FEED_LENGTH]


class TagDocumentsAtomFeed(TagDocumentsFeed):
    feed_type = Atom1Feed

    def subtitle(self, tag: CatalogTag) -> str:
        return self.description(tag)
