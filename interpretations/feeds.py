"""RSS and Atom feeds of the latest public interpretations."""

from __future__ import annotations

from django.urls import reverse_lazy
from django.utils.html import strip_tags
from django.utils.text import Truncator

from documents.feeds import ReadableAtomFeedGenerator, ReadableFeed

from . import selectors
from .models import Interpretation

FEED_LENGTH = 30


class LatestInterpretationsFeed(ReadableFeed):
    title = "徐泾镇政务公开 · 最新政策解读"
    link = reverse_lazy("interpretations:list")
    description = "徐泾镇政策文件的最新解读，包括图解、视频、问答和动态跟踪解读。"

    def items(self):
        return selectors.public_interpretations()[:FEED_LENGTH]

    def item_title(self, item: Interpretation) -> str:
        return item.title

    def item_description(self, item: Interpretation) -> str:
        text = item.summary or strip_tags(item.how_to_apply or item.body or item.core_concepts)
        return f"解读文件：{item.document.title}。{Truncator(text).chars(200)}"

    def item_pubdate(self, item: Interpretation):
        return item.published_at

    def item_updateddate(self, item: Interpretation):
        return item.updated_at

    def item_author_name(self, item: Interpretation) -> str:
        return item.organisation.name

    def item_categories(self, item: Interpretation) -> list[str]:
        return [item.get_form_display()]


class LatestInterpretationsAtomFeed(LatestInterpretationsFeed):
    feed_type = ReadableAtomFeedGenerator
    subtitle = LatestInterpretationsFeed.description
