"""The partners' year, the admin's 发送接力包 action and the demo."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from factories import client_for
from relay import selectors, services
from relay.models import Channel, PolicyRelay, RelayPackage, RelayPartner

from .conftest import make_partner, make_policy

pytestmark = pytest.mark.django_db


def test_per_partner_what_it_relayed_this_year(organisation, tags, coordinator):
    make_partner("制造业协会", industries=[tags["制造业"]])
    make_partner("产业园", tags=[tags["企业"]])
    for _ in range(2):
        make_policy(organisation, [tags["企业"], tags["制造业"]])
    services.policies_match_new()
    for number, package in enumerate(RelayPackage.objects.filter(partner__name="制造业协会"), start=1):
        services.package_acknowledge(
            package=package, enterprises_reached=10 * number, channel=Channel.MEETING, relayed_on=timezone.localdate()
        )

    page = client_for(coordinator).get(reverse("relay:staff_partners")).content.decode()

    year = timezone.localdate().year
    row = page.split("制造业协会", 1)[1].split("</tr>", 1)[0]
    assert [cell.split(">")[-1] for cell in row.split("</td>")[2:6]] == ["50", "2", "2", "30"]
    assert f"{year}年共发送接力包 4 个，确认转发 2 次，覆盖企业 30 家次" in page
    assert selectors.annual_figures(year - 1).enterprises_reached == 0


def test_the_admin_action_sends_the_packages_once(organisation, tags, coordinator):
    make_partner("制造业协会", industries=[tags["制造业"]])
    policy = make_policy(organisation, [tags["制造业"]])
    relay = services.relay_ensure(document=policy)
    client = client_for(coordinator)
    url = reverse("admin:relay_policyrelay_changelist")

    for _ in range(2):
        client.post(url, {"action": "send_packages", "_selected_action": [relay.pk]})

    assert RelayPackage.objects.filter(relay=relay).count() == 1


def test_the_admin_keeps_key_points_through_the_service(organisation, tags, coordinator):
    policy = make_policy(organisation, [tags["制造业"]])
    relay = services.relay_ensure(document=policy)
    url = reverse("admin:relay_policyrelay_change", args=[relay.pk])
    data = {
        "applicable_to": "制造业企业",
        "conditions": "注册地在徐泾",
        "time_limit": "15个工作日",
        "consult_phone": "021-59740000",
        "packages-TOTAL_FORMS": "0",
        "packages-INITIAL_FORMS": "0",
    }

    response = client_for(coordinator).post(url, data)

    assert response.status_code == 302
    relay.refresh_from_db()
    assert (relay.applicable_to, relay.consult_phone) == ("制造业企业", "021-59740000")


def test_the_demo_loads_twice_without_duplicates():
    call_command("load_demo", stdout=io.StringIO())
    call_command("load_demo_relay", stdout=io.StringIO())
    counts = (RelayPartner.objects.count(), RelayPackage.objects.count(), PolicyRelay.objects.count())
    call_command("load_demo_relay", stdout=io.StringIO())

    assert counts == (RelayPartner.objects.count(), RelayPackage.objects.count(), PolicyRelay.objects.count())
    assert counts[0] == 4 and counts[1] >= 3
    assert RelayPackage.objects.acknowledged().count() == 1
    assert PolicyRelay.objects.needing_no_relay().count() == 1
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(username="relay-coordinator")
    assert client_for(user).get(reverse("relay:staff_index")).status_code == 200


def test_the_coordinator_adds_a_partner_with_its_coverage_in_the_admin(tags, coordinator):
    data = {
        "name": "徐泾镇农业合作联社",
        "kind": "association",
        "member_enterprises": "30",
        "active": "on",
        "contact_person": "李华",
        "contact_phone": "13800000000",
        "contact_email": "coop@relay.example.org",
        "tags": [tags["企业"].pk],
        "industries": [tags["农业"].pk],
    }

    response = client_for(coordinator).post(reverse("admin:relay_relaypartner_add"), data)

    assert response.status_code == 302
    partner = RelayPartner.objects.get(name="徐泾镇农业合作联社")
    assert set(partner.industries.values_list("name", flat=True)) == {"农业"}
    assert set(partner.tags.values_list("name", flat=True)) == {"企业"}
    assert partner.public_consent is False


def test_an_industry_must_be_an_industry_tag(tags, coordinator):
    data = {
        "name": "某协会",
        "kind": "association",
        "member_enterprises": "30",
        "contact_person": "李华",
        "contact_email": "x@relay.example.org",
        "industries": [tags["营商环境"].pk],
    }

    response = client_for(coordinator).post(reverse("admin:relay_relaypartner_add"), data)

    assert response.status_code == 200
    assert not RelayPartner.objects.filter(name="某协会").exists()


def test_the_admin_start_page_links_the_relay_page_for_its_staff_only(coordinator, drafter):
    url = reverse("relay:staff_index")
    assert url in client_for(coordinator).get(reverse("admin:index")).content.decode()
    assert url not in client_for(drafter).get(reverse("admin:index")).content.decode()
