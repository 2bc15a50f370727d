"""RSS feed of published messages (留言选登): only the masked public copy."""

from __future__ import annotations

from django.urls import reverse_lazy

from documents.feeds import ReadableFeed

from .models import Message


class PublishedMessagesFeed(ReadableFeed):
    title = "徐泾镇政务公开 · 留言选登"
    link = reverse_lazy("consultations:published")
    description = "徐泾镇网上留言板选登的留言与答复（已隐去个人信息）。"

    def items(self):
        return Message.objects.published().order_by("-published_at")[:30]

    def item_title(self, item: Message) -> str:
        return item.public_title

    def item_description(self, item: Message) -> str:
        return f"{item.public_question}\n\n答复：{item.public_answer}"

    def item_pubdate(self, item: Message):
        return item.published_at
