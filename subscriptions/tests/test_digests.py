"""Digests: grouped per subscriber, each document once, never a withdrawn one."""

from __future__ import annotations

import datetime as dt

from django.core import mail
from django.utils import timezone

from factories import AudienceGroupFactory, CatalogTagFactory, OrganisationFactory, client_for, make_enterprise_user
from notifications import delivery
from subscriptions import services
from subscriptions.models import Delivery, Frequency, Kind
from subscriptions.services import Choice

from .helpers import confirmed, digests, publish, run, subscribe


def test_a_document_matching_several_subscriptions_is_sent_once_in_one_digest(db):
    tag = CatalogTagFactory(name="就业创业")
    organisation = OrganisationFactory(name="徐泾镇社区管理办公室")
    confirmed(
        "a@example.com",
        Choice(kind=Kind.TAG, tag_id=tag.pk),
        Choice(kind=Kind.ORGANISATION, organisation_id=organisation.pk),
        Choice(kind=Kind.QUERY, query="创业 补贴"),
        frequency=Frequency.DAILY,
    )
    both = publish(title="关于创业补贴申领的通知", tags=[tag], organisation=organisation)
    only_tag = publish(title="关于就业见习的通知", tags=[tag])
    publish(title="与订阅无关的通知")

    assert run(Frequency.IMMEDIATE) == 0  # daily subscriptions wait for the daily digest
    assert run(Frequency.DAILY) == 1
    [digest] = digests()
    assert digest.body.count(both.title) == 1
    assert only_tag.title in digest.body
    assert "与订阅无关的通知" not in digest.body
    assert "（2 件）" in digest.subject
    assert Delivery.objects.filter(sent_at__isnull=False).count() == 2

    assert run(Frequency.DAILY) == 0  # once only
    assert len(digests()) == 1


def test_the_most_urgent_frequency_wins(db):
    tag = CatalogTagFactory()
    organisation = OrganisationFactory()
    subscriber = subscribe("a@example.com", Choice(kind=Kind.TAG, tag_id=tag.pk), frequency=Frequency.WEEKLY)
    subscribe("a@example.com", Choice(kind=Kind.ORGANISATION, organisation_id=organisation.pk))
    subscriber.subscriptions.update(confirmed_at=subscriber.created_at)
    publish(tags=[tag], organisation=organisation)
    assert run(Frequency.IMMEDIATE) == 1
    assert run(Frequency.WEEKLY) == 0


def test_each_subscriber_gets_their_own_email(db):
    tag = CatalogTagFactory()
    for number in range(3):
        confirmed(f"u{number}@example.com", Choice(kind=Kind.TAG, tag_id=tag.pk))
    publish(tags=[tag])
    later = timezone.now() + dt.timedelta(seconds=1)
    services.documents_match_new(now=later)
    assert services.digests_send(frequency=Frequency.IMMEDIATE, now=later, batch_size=2) == 3  # two batches
    assert sorted(message.recipients[0] for message in digests()) == [f"u{n}@example.com" for n in range(3)]
    assert run() == 0  # nothing left


def test_a_document_withdrawn_before_sending_is_not_sent(db):
    tag = CatalogTagFactory()
    confirmed("a@example.com", Choice(kind=Kind.TAG, tag_id=tag.pk), frequency=Frequency.DAILY)
    withdrawn = publish(title="发布后又撤回的通知", tags=[tag])
    kept = publish(title="仍然有效的通知", tags=[tag])
    run(Frequency.IMMEDIATE)  # matched
    withdrawn.status = "withdrawn"
    withdrawn.save(update_fields=["status"])

    run(Frequency.DAILY)
    [digest] = digests()
    assert kept.title in digest.body and withdrawn.title not in digest.body
    assert Delivery.objects.get(document=withdrawn).cancelled_at is not None


def test_a_digest_of_only_withdrawn_documents_is_not_sent(db):
    tag = CatalogTagFactory()
    confirmed("a@example.com", Choice(kind=Kind.TAG, tag_id=tag.pk), frequency=Frequency.DAILY)
    document = publish(tags=[tag])
    run(Frequency.IMMEDIATE)
    document.status = "withdrawn"
    document.save(update_fields=["status"])
    assert run(Frequency.DAILY) == 0
    assert digests() == []


def test_a_targeted_document_reaches_only_members_of_its_groups(db):
    tag = CatalogTagFactory(name="重点企业")
    audience = AudienceGroupFactory(name="西虹桥重点企业联络员")
    member = make_enterprise_user("member", audience, email="member@corp.example")
    outsider = make_enterprise_user("outsider", email="outsider@corp.example")
    for user in (member, outsider):
        client_for(user).post("/subscriptions/", {"email": user.email, "tags": [tag.pk], "frequency": "immediate"})
    confirmed("anon@example.com", Choice(kind=Kind.TAG, tag_id=tag.pk))

    targeted = publish(title="定向公开的企业扶持通知", tags=[tag], disclosure_scope="targeted")
    targeted.target_groups.add(audience)
    run()
    assert [message.recipients for message in digests()] == [["member@corp.example"]]


def test_an_account_that_left_the_group_before_sending_gets_nothing(db):
    tag = CatalogTagFactory()
    audience = AudienceGroupFactory()
    member = make_enterprise_user("member", audience, email="member@corp.example")
    client_for(member).post("/subscriptions/", {"email": member.email, "tags": [tag.pk], "frequency": "daily"})
    targeted = publish(tags=[tag], disclosure_scope="targeted")
    targeted.target_groups.add(audience)
    run(Frequency.IMMEDIATE)
    member.groups.clear()
    assert run(Frequency.DAILY) == 0


def test_a_scheduled_document_is_matched_once_its_time_has_come(db):
    tag = CatalogTagFactory()
    confirmed("a@example.com", Choice(kind=Kind.TAG, tag_id=tag.pk))
    publish(tags=[tag], published_at=dt.datetime.now(dt.UTC) + dt.timedelta(hours=2))
    assert run() == 0
    assert run(later=dt.timedelta(hours=3)) == 1


def test_the_email_carries_one_click_unsubscribe_headers_and_links(db, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    tag = CatalogTagFactory()
    confirmed("a@example.com", Choice(kind=Kind.TAG, tag_id=tag.pk))
    publish(tags=[tag])
    run()
    [digest] = digests()
    assert delivery.deliver(digest.pk)
    [sent] = mail.outbox
    assert sent.to == ["a@example.com"]
    unsubscribe = sent.extra_headers["List-Unsubscribe"]
    assert unsubscribe.startswith(f"<{settings.SITE_URL}/subscriptions/unsubscribe/")
    assert sent.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe.strip("<>") in sent.body
    assert "/subscriptions/manage/" in sent.body
    digest.refresh_from_db()
    assert digest.headers == {} and "unsubscribe" not in digest.body  # credentials cleared once sent
