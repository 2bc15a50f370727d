"""RSS and Atom feeds of upcoming events (no registrant appears in them)."""

from __future__ import annotations

from django.urls import reverse_lazy
from django.utils.text import Truncator

from documents.feeds import ReadableAtomFeedGenerator, ReadableFeed

from . import selectors
from .models import Event


class UpcomingEventsFeed(ReadableFeed):
    title = "徐泾镇政务公开 · 政府开放活动与政策宣讲"
    link = reverse_lazy("events:list")
    description = "徐泾镇即将举行的政府开放活动、政策宣讲辅导和座谈会。"

    def items(self):
        return selectors.upcoming_and_past()[0][:30]

    def item_title(self, item: Event) -> str:
        return f"【{item.get_kind_display()}】{item.title}"

    def item_description(self, item: Event) -> str:
        dates = "、".join(f"{s.date:%Y年%m月%d日} {s.start_time:%H:%M}" for s in item.sessions.all())
        return f"{item.status_label()}。时间：{dates}。地点：{item.venue}。{Truncator(item.summary).chars(200)}"

    def item_pubdate(self, item: Event):
        return item.created_at

    def item_updateddate(self, item: Event):
        return item.updated_at

    def item_author_name(self, item: Event) -> str:
        return item.organiser.name


class UpcomingEventsAtomFeed(UpcomingEventsFeed):
    feed_type = ReadableAtomFeedGenerator
    subtitle = UpcomingEventsFeed.description
