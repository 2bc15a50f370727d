from __future__ import annotations

from django.contrib.syndication.views import Feed


class LatestDocumentsFeed(Feed):
    title = "x"
    link = "/"

    def items(self):
        return []


LatestDocumentsAtomFeed = TagDocumentsFeed = TagDocumentsAtomFeed = LatestDocumentsFeed
