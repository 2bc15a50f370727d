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
    """``?q=`` words, all in the title, 文号 or summary; no or a bad query is a 400."""

    def get_object(self, request, *args, **kwargs) -> str:
        query = services.normalise_query(request.GET.get("q", ""))
        if not query or "\x00" in query or len(request.GET.get("q", "")) > 200:
            raise BadRequest("请提供关键词（最多 100 个字）。")
        return query

    def title(self, query: str) -> str:
        return f"徐泾镇政务公开 · 含“{query}”的政策文件"

    def link(self, query: str) -> str:
        return f"{reverse('search:search')}?{urlencode({'q': query})}"

    def description(self, query: str) -> str:
        return f"标题、文号或摘要中含有“{query}”的最新公开政策文件。"

    def items(self, query: str):
        return services.query_filter(PolicyDocument.objects.public(), query).for_listing()[:FEED_LENGTH]


class QueryDocumentsAtomFeed(QueryDocumentsFeed):
    feed_type = ReadableAtomFeedGenerator

    def subtitle(self, query: str) -> str:
        return self.description(query)
