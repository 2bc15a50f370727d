"""Recording that a policy needs no relay, with its reason."""

from __future__ import annotations

import pytest
from django.urls import reverse

from factories import client_for
from relay import services
from relay.models import PolicyRelay, RelayPackage

from .conftest import make_partner, make_policy

pytestmark = pytest.mark.django_db


def test_the_reason_is_required(organisation, tags, coordinator):
    policy = make_policy(organisation, [tags["制造业"]])
    url = reverse("relay:staff_no_relay", args=[policy.pk])

    response = client_for(coordinator).post(url, {"reason": "   "})

    assert response.status_code == 400
    assert "请填写无需接力的理由" in response.content.decode()
    assert not PolicyRelay.objects.filter(document=policy).exclude(no_relay_reason="").exists()


def test_a_policy_that_needs_no_relay_is_not_sent(organisation, tags, coordinator):
    make_partner("制造业协会", industries=[tags["制造业"]])
    policy = make_policy(organisation, [tags["制造业"]])
    client = client_for(coordinator)

    response = client.post(reverse("relay:staff_no_relay", args=[policy.pk]), {"reason": "仅涉及内部管理"}, follow=True)
    assert "已记录无需接力：仅涉及内部管理" in response.content.decode()

    assert services.policies_match_new() == 0
    refused = client.post(reverse("relay:staff_send", args=[policy.pk]))
    assert refused.status_code == 409
    assert "无需接力" in refused.content.decode()
    assert not RelayPackage.objects.exists()
    relay = PolicyRelay.objects.get(document=policy)
    assert relay.no_relay_decided_by == coordinator


def test_staff_without_the_role_cannot_decide_or_send(organisation, other_organisation, tags, drafter):
    policy = make_policy(organisation, [tags["制造业"]])
    client = client_for(drafter)

    assert client.post(reverse("relay:staff_no_relay", args=[policy.pk]), {"reason": "x"}).status_code == 403
    assert client.post(reverse("relay:staff_send", args=[policy.pk])).status_code == 403
    assert client.get(reverse("relay:staff_index")).status_code == 403
    elsewhere = make_policy(other_organisation, [tags["制造业"]])
    assert client.get(reverse("relay:staff_policy", args=[elsewhere.pk])).status_code == 403


def test_anonymous_visitors_are_sent_to_the_sign_in(citizen, organisation, tags):
    policy = make_policy(organisation, [tags["制造业"]])
    response = citizen.get(reverse("relay:staff_policy", args=[policy.pk]))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_the_send_button_sends_and_says_how_many(organisation, tags, coordinator):
    make_partner("制造业协会", industries=[tags["制造业"]])
    policy = make_policy(organisation, [tags["制造业"]])

    client = client_for(coordinator)
    page = client.get(reverse("relay:staff_policy", args=[policy.pk])).content.decode()
    assert ">发送接力包</button>" in page and "匹配但尚未发送：制造业协会" in page

    response = client.post(reverse("relay:staff_send", args=[policy.pk]), follow=True)

    assert "已向 1 家接力单位发送接力包" in response.content.decode()
    assert RelayPackage.objects.get().sent_by == coordinator
