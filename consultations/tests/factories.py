from __future__ import annotations

import factory
from django.utils import timezone

from documents.models import Topic

from .. import search_sync
from ..models import FAQ, Message
from ..services import query_code_hash


class MessageFactory(factory.django.DjangoModelFactory):
    """A stored message (not through the service: no deadline, no event). Query code: ABC234."""

    class Meta:
        model = Message

    tracking_number = factory.Sequence(lambda n: f"20260101{n:04d}")
    query_code_hash = factory.LazyAttribute(lambda m: query_code_hash(m.tracking_number, "ABC234"))
    asker_name = "张三丰"
    phone = "13912345678"
    email = "zhangsf@example.com"
    topic = Topic.ECONOMY
    title = "产业扶持资金怎么申请"
    question = "请问产业扶持资金的申请条件和材料是什么？"
    consent_to_publish = True
    received_on = factory.LazyFunction(timezone.localdate)


class FAQFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FAQ
        skip_postgeneration_save = True

    question = factory.Sequence(lambda n: f"常见问题{n}怎么办？")
    answer = "按规定办理。"
    topic = Topic.ECONOMY
    asked_count = 1
    is_published = True

    @factory.post_generation
    def indexed(obj, create, extracted, **kwargs):
        """In the site search, as the admin and the demo leave a saved FAQ."""
        if create:
            search_sync.sync_faq(obj)
