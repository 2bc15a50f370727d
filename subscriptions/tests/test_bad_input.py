"""Bad input: a Chinese message and a 4xx, never a 500, and the form keeps what was typed."""

from __future__ import annotations

import pytest
from django.test import Client

from factories import CatalogTagFactory
from subscriptions.models import Subscriber


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"email": "not-an-address", "query": "人才公寓", "frequency": "daily"}, "请填写正确的电子邮箱地址"),
        ({"email": "", "query": "人才公寓", "frequency": "daily"}, "请填写电子邮箱"),
        ({"email": "a@example.com", "frequency": "daily"}, "请至少选择一项要订阅的内容"),
        ({"email": "a@example.com", "query": "人才公寓", "frequency": "hourly"}, "请选择发送频率"),
        ({"email": "a@example.com", "query": "人才公寓", "tags": ["99999999"], "frequency": "daily"}, "所选标签不存在"),
        ({"email": "a\x00@example.com", "query": "人才公寓", "frequency": "daily"}, "电子邮箱"),
        ({"email": "a@example.com", "query": "人才\x00公寓", "frequency": "daily"}, "关键词"),
        (
            {"email": "a@example.com", "query": "人才公寓", "tags": ["1\x00"], "frequency": "daily"},
            "标签（主题、对象、行业）</a>：",
        ),
    ],
)
def test_bad_input_is_refused_in_chinese_and_kept(citizen: Client, data, message):
    response = citizen.post("/subscriptions/", data)
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert "人才公寓" in page or "query" not in data or "\x00" in data["query"]
    assert Subscriber.objects.count() == 0


def test_too_many_subscriptions_from_one_address_are_refused(citizen: Client, settings):
    settings.SUBSCRIPTIONS_SUBSCRIBE_RATE = "3/h"
    tag = CatalogTagFactory()
    for number in range(3):
        response = citizen.post(
            "/subscriptions/", {"email": f"u{number}@example.com", "tags": [tag.pk], "frequency": "daily"}
        )
        assert response.status_code == 302
    response = citizen.post("/subscriptions/", {"email": "last@example.com", "query": "人才公寓", "frequency": "daily"})
    assert response.status_code == 429
    page = response.content.decode()
    assert "您提交得太频繁了" in page and "人才公寓" in page and "last@example.com" in page
    assert Subscriber.objects.count() == 3


def test_one_address_is_limited_from_any_client(settings, db):
    settings.SUBSCRIPTIONS_SUBSCRIBE_RATE = "2/h"
    tag = CatalogTagFactory()
    statuses = [
        Client(REMOTE_ADDR=f"10.0.0.{n}")
        .post("/subscriptions/", {"email": "victim@example.com", "tags": [tag.pk], "frequency": "daily"})
        .status_code
        for n in range(1, 5)
    ]
    assert statuses == [302, 302, 429, 429]


def test_broken_links_are_400_not_500(citizen: Client):
    for path in ["/subscriptions/manage/abc/", "/subscriptions/unsubscribe/abc/", "/subscriptions/confirm/a%00b/"]:
        assert citizen.get(path).status_code == 400
        assert citizen.post(path).status_code == 400


def test_the_feeds_page_links_to_the_email_subscription(citizen: Client):
    assert 'href="/subscriptions/"' in citizen.get("/subscribe/").content.decode()
