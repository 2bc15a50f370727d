"""One-click unsubscribe (a page with one button, and RFC 8058's POST), the manage link,
the account page."""

from __future__ import annotations

from django.test import Client

from factories import CatalogTagFactory, client_for, make_enterprise_user
from subscriptions import tokens
from subscriptions.models import Kind, Subscriber, Subscription
from subscriptions.services import Choice

from .helpers import confirmed, digests, link, publish, run


def _digest_links():
    tag = CatalogTagFactory(name="人才服务")
    confirmed("a@example.com", Choice(kind=Kind.TAG, tag_id=tag.pk), Choice(kind=Kind.QUERY, query="人才"))
    publish(tags=[tag])
    run()
    [digest] = digests()
    return link(digest.body, "unsubscribe"), link(digest.body, "manage")


def test_the_unsubscribe_page_asks_once_and_the_button_unsubscribes(citizen: Client):
    unsubscribe, _ = _digest_links()
    page = citizen.get(unsubscribe)
    assert page.status_code == 200 and "退订全部" in page.content.decode()
    assert Subscriber.objects.exists()  # opening the link changes nothing
    response = citizen.post(unsubscribe)
    assert response.status_code == 200 and "已退订" in response.content.decode()
    assert not Subscriber.objects.exists()  # the address is deleted


def test_rfc_8058_one_click_post_unsubscribes_without_cookie_or_token(db):
    unsubscribe, _ = _digest_links()
    mail_client = Client(enforce_csrf_checks=True)
    response = mail_client.post(
        unsubscribe, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    assert not Subscriber.objects.exists()
    assert (
        mail_client.post(
            unsubscribe, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
        ).status_code
        == 200
    )


def test_the_manage_link_changes_frequency_and_cancels_one_subscription(citizen: Client):
    _, manage = _digest_links()
    page = citizen.get(manage).content.decode()
    assert "a***@example.com" in page and "a@example.com" not in page
    tag_row, query_row = Subscription.objects.order_by("kind")  # query < tag
    response = citizen.post(manage, {"subscription": query_row.pk, "action": "frequency", "frequency": "weekly"})
    assert response.status_code == 302
    assert Subscription.objects.get(pk=query_row.pk).frequency == "weekly"
    citizen.post(manage, {"subscription": tag_row.pk, "action": "cancel"})
    assert list(Subscription.objects.values_list("pk", flat=True)) == [query_row.pk]
    assert citizen.post(manage, {"subscription": "12\x00", "action": "cancel"}).status_code == 404
    last = citizen.post(manage, {"subscription": query_row.pk, "action": "cancel"})
    assert last.status_code == 200 and "已退订" in last.content.decode()
    assert not Subscriber.objects.exists()  # the last subscription cancelled: the address is deleted


def test_a_manage_link_is_not_an_unsubscribe_link(citizen: Client):
    subscriber = confirmed("a@example.com", Choice(kind=Kind.QUERY, query="人才"))
    assert citizen.post(f"/subscriptions/unsubscribe/{tokens.manage_token(subscriber.pk)}/").status_code == 400
    assert Subscriber.objects.exists()


def test_a_signed_in_account_manages_its_subscriptions(db):
    tag = CatalogTagFactory(name="企业服务")
    user = make_enterprise_user("corp", email="corp@corp.example", first_name="王")
    browser = client_for(user)
    assert "我的订阅" in browser.get("/accounts/me/").content.decode()
    form = browser.get("/subscriptions/").content.decode()
    assert 'value="corp@corp.example"' in form  # the account's address, to the account holder only
    response = browser.post("/subscriptions/", {"email": "corp@corp.example", "tags": [tag.pk], "frequency": "daily"})
    assert response.status_code == 302 and response["Location"] == "/subscriptions/mine/"
    page = browser.get("/subscriptions/mine/").content.decode()
    assert "企业服务" in page and "已确认" in page
    subscription = Subscription.objects.get()
    browser.post("/subscriptions/mine/", {"subscription": subscription.pk, "action": "cancel"})
    assert not Subscription.objects.exists()
    assert Subscriber.objects.get().user == user  # the account keeps its (empty) subscriber row


def test_another_address_typed_when_signed_in_still_needs_confirmation(db):
    tag = CatalogTagFactory()
    browser = client_for(make_enterprise_user("corp", email="corp@corp.example"))
    response = browser.post(
        "/subscriptions/", {"email": "someone@else.example", "tags": [tag.pk], "frequency": "daily"}
    )
    assert response["Location"] == "/subscriptions/submitted/"
    subscriber = Subscriber.objects.get()
    assert subscriber.user is None and subscriber.subscriptions.get().confirmed_at is None


def test_the_account_page_needs_a_sign_in(citizen: Client):
    assert citizen.get("/subscriptions/mine/").status_code == 302
