"""Which partners a policy goes to, and only once: the periodic match and the staff action."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from notifications.models import OutboxMessage
from relay import services
from relay.models import PolicyRelay, RelayPackage

from .conftest import make_partner, make_policy

pytestmark = pytest.mark.django_db


def _partners_of(document) -> set[str]:
    return set(RelayPackage.objects.filter(relay__document=document).values_list("partner__name", flat=True))


def test_a_new_policy_goes_to_the_partners_covering_its_tags_or_industries(organisation, tags):
    make_partner("制造业协会", industries=[tags["制造业"]])
    make_partner("营商环境商会", tags=[tags["营商环境"]])
    make_partner("农业合作社", industries=[tags["农业"]])
    make_partner("养老联合会", tags=[tags["养老服务"]])
    make_partner("停用的园区", tags=[tags["企业"]], active=False)
    policy = make_policy(organisation, [tags["营商环境"], tags["企业"], tags["制造业"]])

    sent = services.policies_match_new()

    assert sent == 2
    assert _partners_of(policy) == {"制造业协会", "营商环境商会"}
    subjects = set(OutboxMessage.objects.filter(key__startswith="relay.package").values_list("subject", flat=True))
    assert subjects == {f"【政策接力】{policy.title}"}


def test_each_partner_gets_one_package_per_policy_however_often_it_runs(organisation, tags, coordinator):
    make_partner("制造业协会", industries=[tags["制造业"]], tags=[tags["企业"]])
    policy = make_policy(organisation, [tags["企业"], tags["制造业"]])

    assert services.policies_match_new() == 1
    assert services.policies_match_new() == 0
    again = services.packages_send(document=policy, user=coordinator)

    assert (again.sent, again.already) == (0, 1)
    assert RelayPackage.objects.count() == 1
    assert OutboxMessage.objects.filter(key__startswith="relay.package").count() == 1


def test_the_staff_action_reaches_a_partner_registered_after_publication(organisation, tags, coordinator):
    policy = make_policy(organisation, [tags["制造业"]])
    services.policies_match_new()  # nobody covers it yet
    make_partner("新登记的协会", industries=[tags["制造业"]])

    assert services.policies_match_new() == 0  # matched once, at publication
    assert services.packages_send(document=policy, user=coordinator).sent == 1
    assert _partners_of(policy) == {"新登记的协会"}


def test_old_and_unpublished_policies_are_not_matched(organisation, tags):
    make_partner("制造业协会", industries=[tags["制造业"]])
    old = make_policy(organisation, [tags["制造业"]], published_at=timezone.now() - dt.timedelta(days=400))
    draft = make_policy(organisation, [tags["制造业"]])
    draft.status = "draft"
    draft.save(update_fields=["status"])

    assert services.policies_match_new() == 0
    assert not RelayPackage.objects.filter(relay__document__in=[old, draft]).exists()


def test_the_package_carries_the_policy_its_key_points_and_a_link(organisation, tags):
    make_partner("制造业协会", industries=[tags["制造业"]])
    policy = make_policy(
        organisation,
        [tags["企业"], tags["制造业"]],
        body="<p>符合条件的企业请于每年3月提出申请，经济发展办公室在收到材料后15个工作日内办结。咨询电话：021-59741234。</p>",
    )

    services.policies_match_new()

    relay = PolicyRelay.objects.get(document=policy)
    assert relay.applicable_to == "企业"
    assert "15个工作日内办结" in relay.time_limit
    assert relay.consult_phone == "021-59741234"
    body = OutboxMessage.objects.get(key__startswith="relay.package").body
    for text in ["适用对象：企业", "申报条件：", "办理时限：", "咨询电话：021-59741234", "/relay/ack/", policy.title]:
        assert text in body


def test_key_points_edited_by_staff_are_what_is_sent(organisation, tags, coordinator):
    make_partner("制造业协会", industries=[tags["制造业"]])
    policy = make_policy(organisation, [tags["制造业"]])
    relay = services.relay_ensure(document=policy)
    services.relay_update_key_points(
        relay=relay,
        applicable_to="规上制造业企业",
        conditions="年研发投入增长",
        time_limit="20个工作日",
        consult_phone="021-1",
    )

    services.packages_send(document=policy, user=coordinator)

    relay.refresh_from_db()
    assert relay.applicable_to == "规上制造业企业"
    assert "申报条件：年研发投入增长" in OutboxMessage.objects.get(key__startswith="relay.package").body
