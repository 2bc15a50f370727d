"""RSS and Atom feeds per keyword query: what a query subscription e-mails, for a feed
reader (the same rule, ``services.query_filter``), and of the decision drafts open for
comment (what a 征求意见 subscription e-mails, ``Decision.objects.open_for_comment``). Per
tag and per issuing organisation the documents app has them already (documents/feeds.py),
the latest interpretations the interpretations app (interpretations/feeds.py)."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from django.core.exceptions import BadRequest
from django.urls import reverse, reverse_lazy
from django.utils import timezone

from decisions.models import Decision
from documents.feeds import LatestDocumentsFeed, ReadableAtomFeedGenerator, ReadableFeed
from documents.models import PolicyDocument

from . import services

FEED_LENGTH = 30


class QueryDocumentsFeed(LatestDocumentsFeed):
    """``?q=`` words, all in the title, 文号 or summary; no query, every latest document; a bad one is a 400."""

    def get_object(self, request, *args, **kwargs) -> str:
        typed = request.GET.get("q", "")
        if "\x00" in typed or len(typed) > 200:
            raise BadRequest("关键词最多 100 个字，且不能含有不允许的字符。")
        return services.normalise_query(typed)  # empty: no filter

    def title(self, query: str) -> str:
        if not query:
            return "徐泾镇政务公开 · 按关键词订阅（请在地址后加 ?q=关键词）"
        return f"徐泾镇政务公开 · 含“{query}”的政策文件"

    def link(self, query: str) -> str:
        return f"{reverse('search:search')}?{urlencode({'q': query})}"

    def description(self, query: str) -> str:
        return f"标题、文号或摘要中含有“{query}”的最新公开政策文件。"

    def items(self, query: str):
        if not query:  # no words: every latest public document, as the site-wide feed
            return PolicyDocument.objects.public().for_listing()[:FEED_LENGTH]
        return services.query_filter(PolicyDocument.objects.public(), query).for_listing()[:FEED_LENGTH]


class QueryDocumentsAtomFeed(QueryDocumentsFeed):
    feed_type = ReadableAtomFeedGenerator

    def subtitle(self, query: str) -> str:
        return self.description(query)


class OpenForCommentFeed(ReadableFeed):
    """The public decision drafts open for comment today, the one closing first on top."""

    title = "徐泾镇政务公开 · 征求意见中的重大行政决策草案"
    link = reverse_lazy("decisions:index")
    description = "正在公开征求意见的徐泾镇重大行政决策草案，请在截止日期前提出意见。"

    def items(self):
        return (
            Decision.objects.public().open_for_comment().for_listing().order_by("comment_closes_on", "pk")[:FEED_LENGTH]
        )

    def item_title(self, item: Decision) -> str:
        return f"【征求意见至 {item.comment_closes_on:%Y-%m-%d}】{item.title}"

    def item_description(self, item: Decision) -> str:
        window = f"征求意见期：{item.comment_opens_on:%Y年%m月%d日} 至 {item.comment_closes_on:%Y年%m月%d日}。"
        return f"{item.summary}\n\n{window}" if item.summary else window

    def item_pubdate(self, item: Decision):
        return timezone.make_aware(dt.datetime.combine(item.comment_opens_on, dt.time.min))

    def item_author_name(self, item: Decision) -> str:
        return item.organisation.name


class OpenForCommentAtomFeed(OpenForCommentFeed):
    feed_type = ReadableAtomFeedGenerator

    def subtitle(self) -> str:
        return self.description
