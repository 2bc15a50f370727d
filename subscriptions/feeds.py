"""RSS and Atom feeds per keyword query: what a query subscription e-mails, for a feed
reader (the same rule, ``services.query_filter``). Per tag and per issuing organisation
the documents app has them already (documents/feeds.py)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.core.exceptions import BadRequest
from django.urls import reverse

from documents.feeds import LatestDocumentsFeed, ReadableAtomFeedGenerator
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
