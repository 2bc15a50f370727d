"""The per-query feed does for a feed reader what a query subscription e-mails."""

from __future__ import annotations

from django.test import Client

from factories import PolicyDocumentFactory, make_hidden_documents


def test_the_query_feed_lists_public_documents_with_every_word(citizen: Client, organisation):
    PolicyDocumentFactory(published=True, title="关于人才公寓租赁补贴的通知", organisation=organisation)
    PolicyDocumentFactory(published=True, title="关于人才引进的通知", organisation=organisation)
    make_hidden_documents(organisation)
    for path in ["/subscriptions/feeds/query.rss?q=人才+补贴", "/subscriptions/feeds/query.atom?q=人才%20补贴"]:
        response = citizen.get(path)
        assert response.status_code == 200
        feed = response.content.decode()
        assert "关于人才公寓租赁补贴的通知" in feed
        assert "关于人才引进的通知" not in feed and "不应公开" not in feed and "尚未到点" not in feed


def test_a_bad_query_is_a_400_and_no_query_lists_the_latest(citizen: Client, organisation):
    PolicyDocumentFactory(published=True, title="关于人才引进的通知", organisation=organisation)
    for path in ["/subscriptions/feeds/query.rss?q=%00", "/subscriptions/feeds/query.rss?q=" + "长" * 300]:
        assert citizen.get(path).status_code == 400
    latest = citizen.get("/subscriptions/feeds/query.rss")
    assert latest.status_code == 200
    assert "?q=关键词" in latest.content.decode() and "关于人才引进的通知" in latest.content.decode()


def test_a_typed_payload_stays_text(citizen: Client, organisation):
    PolicyDocumentFactory(published=True, title="人才<script>alert(1)</script>", organisation=organisation)
    feed = citizen.get("/subscriptions/feeds/query.rss?q=<script>").content.decode()
    assert "<script>" not in feed and "&lt;script&gt;" in feed
