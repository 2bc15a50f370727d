"""Double opt-in: nothing is sent until the address confirms with its signed link."""

from __future__ import annotations

import time

from django.test import Client

from factories import CatalogTagFactory
from notifications.models import OutboxMessage
from subscriptions import services
from subscriptions.models import Kind, Subscriber, Subscription

from .helpers import digests, link, publish, run


def _confirmation() -> OutboxMessage:
    return OutboxMessage.objects.get(key__startswith="subscriptions.confirm")


def test_nothing_is_sent_until_the_address_confirms(citizen: Client):
    tag = CatalogTagFactory(name="养老服务")
    response = citizen.post(
        "/subscriptions/", {"email": "Li.Ming@Example.com", "tags": [tag.pk], "frequency": "immediate"}
    )
    assert response.status_code == 302
    page = citizen.get(response["Location"])
    assert "请到邮箱确认订阅" in page.content.decode()

    message = _confirmation()
    assert message.recipients == ["li.ming@example.com"]
    assert message.confidential  # the link is a credential: not shown in the admin, cleared once sent

    publish(title="关于养老服务补贴的通知", tags=[tag])
    run()
    assert digests() == []

    confirm_path = link(message.body, "confirm")
    page = citizen.get(confirm_path)
    assert page.status_code == 200 and "养老服务" in page.content.decode()
    assert Subscription.objects.get().confirmed_at is None  # opening the link (a mail scanner) confirms nothing
    response = citizen.post(confirm_path)
    assert response.status_code == 302
    assert "已确认 1 项订阅" in citizen.get(response["Location"]).content.decode()

    publish(title="关于养老服务设施建设的通知", tags=[tag])
    run()
    [digest] = digests()
    assert "关于养老服务设施建设的通知" in digest.body
    assert "关于养老服务补贴的通知" not in digest.body  # published before the confirmation


def test_an_expired_or_altered_confirmation_link_is_refused(citizen: Client, monkeypatch):
    tag = CatalogTagFactory()
    citizen.post("/subscriptions/", {"email": "a@example.com", "tags": [tag.pk], "frequency": "daily"})
    confirm_path = link(_confirmation().body, "confirm")

    altered = citizen.post(confirm_path[:-3] + "xx/")
    assert altered.status_code == 400 and "确认链接无效或已过期" in altered.content.decode()

    real = time.time
    monkeypatch.setattr(time, "time", lambda: real() + 4 * 86400)
    expired = citizen.post(confirm_path)
    assert expired.status_code == 400 and "有效期 3 天" in expired.content.decode()
    assert Subscription.objects.get().confirmed_at is None


def test_a_link_confirms_only_what_was_registered_before_it_was_sent(db):
    first, second = CatalogTagFactory(), CatalogTagFactory()
    subscriber = services.subscriber_subscribe(
        email="a@example.com", choices=[services.Choice(kind=Kind.TAG, tag_id=first.pk)], frequency="daily"
    ).subscriber
    issued = Subscription.objects.get().created_at
    services.subscriber_subscribe(
        email="a@example.com", choices=[services.Choice(kind=Kind.TAG, tag_id=second.pk)], frequency="daily"
    )
    assert services.subscriptions_confirm(subscriber=subscriber, issued_at=issued) == 1
    assert subscriber.subscriptions.get(tag=second).confirmed_at is None


def test_subscribing_twice_adds_no_row_and_says_so(citizen: Client):
    tag = CatalogTagFactory()
    data = {"email": "a@example.com", "tags": [tag.pk], "frequency": "weekly", "query": "营商环境"}
    citizen.post("/subscriptions/", data)
    response = citizen.post("/subscriptions/", data, follow=True)
    assert Subscriber.objects.count() == 1
    assert Subscription.objects.count() == 2
    assert "其中 2 项此前已经登记过，没有重复登记" in response.content.decode()
