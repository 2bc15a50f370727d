"""RSS feed of major decisions: drafts open for comment and published feedback reports."""

from __future__ import annotations

from django.urls import reverse_lazy

from documents.feeds import ReadableFeed

from .models import Decision

FEED_LENGTH = 30


class DecisionsFeed(ReadableFeed):
    title = "徐泾镇政务公开 · 重大行政决策"
    link = reverse_lazy("decisions:index")
    description = "徐泾镇重大行政决策的征求意见、决策结果和意见采纳情况。"

    def items(self):
        return Decision.objects.public().for_listing().exclude(stage="catalogue").order_by("-updated_at")[:FEED_LENGTH]

    def item_title(self, item: Decision) -> str:
        return f"【{item.get_stage_display()}】{item.title}"

    def item_description(self, item: Decision) -> str:
        return item.summary or item.legal_basis[:200]

    def item_pubdate(self, item: Decision):
        return item.updated_at

    def item_author_name(self, item: Decision) -> str:
        return item.organisation.name
