"""Partner contacts are on no public page; the policy page names consenting partners that
confirmed, and the staff lists mask contacts."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from factories import UserFactory, client_for
from relay import services, tokens
from relay.models import Channel, RelayPackage

from .conftest import make_partner, make_policy

pytestmark = pytest.mark.django_db

PRIVATE = ["周明远", "13912345678", "assoc@relay.example.org", "quiet@relay.example.org"]


@pytest.fixture
def relayed(organisation, tags):
    make_partner("制造业协会", industries=[tags["制造业"]], contact_email="assoc@relay.example.org")
    make_partner("不愿署名的商会", industries=[tags["制造业"]], consent=False, contact_email="quiet@relay.example.org")
    make_partner("尚未确认的园区", industries=[tags["制造业"]])
    policy = make_policy(organisation, [tags["制造业"]])
    services.policies_match_new()
    for name in ["制造业协会", "不愿署名的商会"]:
        services.package_acknowledge(
            package=RelayPackage.objects.get(partner__name=name),
            enterprises_reached=10,
            channel=Channel.WECHAT_GROUP,
            relayed_on=timezone.localdate(),
        )
    return policy


def test_the_policy_page_names_only_consenting_partners_that_confirmed(citizen, relayed):
    page = citizen.get(relayed.get_absolute_url()).content.decode()

    assert "转发本政策的协会和园区" in page
    assert "制造业协会" in page
    assert "不愿署名的商会" not in page
    assert "尚未确认的园区" not in page
    for text in PRIVATE:
        assert text not in page


def test_a_policy_nobody_relayed_shows_no_panel(citizen, organisation, tags):
    policy = make_policy(organisation, [tags["制造业"]])
    assert "转发本政策的协会和园区" not in citizen.get(policy.get_absolute_url()).content.decode()


def test_withdrawing_consent_removes_the_name(citizen, relayed, django_capture_on_commit_callbacks):
    partner = RelayPackage.objects.get(partner__name="制造业协会").partner
    partner.public_consent = False
    with django_capture_on_commit_callbacks(execute=True):
        services.partner_save(partner=partner, changed=["public_consent"])

    assert "制造业协会" not in citizen.get(relayed.get_absolute_url()).content.decode()


def test_the_acknowledgement_page_shows_no_contact(citizen, relayed):
    package = RelayPackage.objects.get(partner__name="制造业协会")
    page = citizen.get(reverse("relay:acknowledge", args=[tokens.ack_token(package.pk)])).content.decode()
    for text in PRIVATE:
        assert text not in page


def test_the_api_and_search_show_no_contact(citizen, relayed):
    for url in [f"/api/documents/{relayed.pk}/", "/api/documents/", "/documents/", "/feeds/latest.rss"]:
        response = citizen.get(url)
        body = response.content.decode()
        for text in PRIVATE:
            assert text not in body, url


def test_the_admin_list_masks_contacts(relayed):
    admin = UserFactory(username="root", is_staff=True, is_superuser=True)
    page = client_for(admin).get(reverse("admin:relay_relaypartner_changelist")).content.decode()

    assert "制造业协会" in page
    assert "139****5678" in page and "a***@relay.example.org" in page and "周**" in page
    for text in PRIVATE:
        assert text not in page


def test_confirming_a_named_partners_relay_drops_the_cached_pages(relayed, django_capture_on_commit_callbacks):
    from xujing_portal import pagecache

    before = pagecache._shared().get(pagecache.VERSION_KEY)
    package = RelayPackage.objects.get(partner__name="尚未确认的园区")
    with django_capture_on_commit_callbacks(execute=True):
        services.package_acknowledge(
            package=package, enterprises_reached=3, channel=Channel.VISIT, relayed_on=timezone.localdate()
        )
    assert pagecache._shared().get(pagecache.VERSION_KEY) != before


def test_matching_sending_and_reminding_log_no_contact(organisation, tags, caplog):
    import logging

    import time_machine

    caplog.set_level(logging.DEBUG)
    make_partner("制造业协会", industries=[tags["制造业"]], contact_email="assoc@relay.example.org")
    make_policy(organisation, [tags["制造业"]])
    services.policies_match_new()
    with time_machine.travel(timezone.now() + dt.timedelta(days=30)):
        assert services.reminders_send() == 1

    for text in PRIVATE:
        assert text not in caplog.text


def test_the_administrator_reads_the_staff_pages_but_cannot_send(organisation, tags, administrator):
    policy = make_policy(organisation, [tags["制造业"]])
    client = client_for(administrator)

    page = client.get(reverse("relay:staff_policy", args=[policy.pk]))
    assert page.status_code == 200 and ">发送接力包</button>" not in page.content.decode()
    assert client.post(reverse("relay:staff_send", args=[policy.pk])).status_code == 403
