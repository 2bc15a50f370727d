"""Addresses are private: no public page shows one, nothing logs one, staff lists mask them."""

from __future__ import annotations

import logging

from django.test import Client

from factories import CatalogTagFactory, client_for
from notifications.models import OutboxMessage

from .helpers import digests, link, publish, run

ADDRESS = "zhang.wei.private@example.com"


def test_no_public_page_and_no_log_shows_the_address(citizen: Client, caplog, administrator):
    caplog.set_level(logging.DEBUG)
    tag = CatalogTagFactory(name="养老服务")
    response = citizen.post(
        "/subscriptions/", {"email": ADDRESS, "tags": [tag.pk], "frequency": "immediate"}, follow=True
    )
    pages = [response.content.decode()]
    confirm = link(OutboxMessage.objects.get(key__startswith="subscriptions.confirm").body, "confirm")
    pages.append(citizen.get(confirm).content.decode())
    pages.append(citizen.post(confirm, follow=True).content.decode())
    document = publish(title="关于养老服务补贴的通知", tags=[tag])
    run()
    [digest] = digests()
    pages.append(citizen.get(link(digest.body, "manage")).content.decode())
    pages.append(citizen.get(link(digest.body, "unsubscribe")).content.decode())
    for public in ["/subscriptions/", "/subscribe/", document.get_absolute_url(), "/api/documents/", "/feed.rss"]:
        pages.append(citizen.get(public).content.decode())
    assert all(ADDRESS not in page for page in pages)
    assert "zhang" not in digest.key  # the outbox key names the subscriber's id, not the address

    staff_list = client_for(administrator).get("/admin/subscriptions/subscriber/").content.decode()
    assert "z***@example.com" in staff_list and ADDRESS not in staff_list
    assert ADDRESS not in caplog.text


def test_the_subscriber_list_is_for_staff_with_the_permission_only(citizen: Client, drafter):
    assert citizen.get("/admin/subscriptions/subscriber/").status_code == 302
    assert client_for(drafter).get("/admin/subscriptions/subscriber/").status_code == 403
