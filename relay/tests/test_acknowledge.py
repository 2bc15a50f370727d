"""The partner confirms on the signed link, without an account."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from relay import services, tokens
from relay.models import Channel, RelayPackage

from .conftest import SHANGHAI, make_partner, make_policy

pytestmark = pytest.mark.django_db


@pytest.fixture
def package(organisation, tags) -> RelayPackage:
    make_partner("制造业协会", industries=[tags["制造业"]])
    make_policy(organisation, [tags["制造业"]])
    services.policies_match_new()
    return RelayPackage.objects.get()


def _url(package) -> str:
    return reverse("relay:acknowledge", args=[tokens.ack_token(package.pk)])


def _good(**changes) -> dict:
    data = {
        "enterprises_reached": "35",
        "channel": Channel.WECHAT_GROUP,
        "relayed_on": timezone.localdate().isoformat(),
    }
    data.update(changes)
    return data


def test_the_partner_confirms_how_many_by_what_channel_and_when(citizen, package):
    page = citizen.get(_url(package))
    assert page.status_code == 200
    assert package.relay.document.title in page.content.decode()

    response = citizen.post(_url(package), _good(), follow=True)

    assert "已确认转发" in response.content.decode()
    package.refresh_from_db()
    assert package.enterprises_reached == 35
    assert package.channel == Channel.WECHAT_GROUP
    assert package.relayed_on == timezone.localdate()
    assert package.acknowledged_at is not None


def test_a_second_confirmation_updates_the_figures(citizen, package):
    citizen.post(_url(package), _good())
    first_at = RelayPackage.objects.get().acknowledged_at

    page = citizen.get(_url(package)).content.decode()
    assert "已于" in page and 'value="35"' in page  # says it is confirmed and shows what was given
    response = citizen.post(_url(package), _good(enterprises_reached="60", channel=Channel.MEETING), follow=True)

    assert "已更新转发情况" in response.content.decode()
    package.refresh_from_db()
    assert (package.enterprises_reached, package.channel) == (60, Channel.MEETING)
    assert package.acknowledged_at == first_at
    assert package.acknowledgement_count == 2


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"enterprises_reached": "三十"}, "覆盖企业数请填写整数"),
        ({"enterprises_reached": "-3"}, "不能为负数"),
        ({"channel": "carrier-pigeon"}, "请从列出的渠道中选择一项"),
        ({"relayed_on": "2099-01-01"}, "转发日期不能晚于今天"),
        ({"relayed_on": "2000-01-01"}, "不能早于接力包发送日期"),
        ({"relayed_on": "yesterday"}, "转发日期格式不正确"),
    ],
)
def test_bad_input_is_a_chinese_message_and_the_form_keeps_what_was_typed(citizen, package, changes, message):
    data = _good(**changes)
    response = citizen.post(_url(package), data)

    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert f'value="{data["enterprises_reached"]}"' in page
    package.refresh_from_db()
    assert package.acknowledged_at is None


def test_a_forged_link_is_a_chinese_404(citizen, package):
    forged = tokens.ack_token(package.pk)[:-3] + "abc"
    other_kind = signing.dumps({"p": package.pk}, salt="subscriptions.manage")

    for token in [forged, other_kind, "nonsense"]:
        response = citizen.get(reverse("relay:acknowledge", args=[token]))
        assert response.status_code == 404
        assert "确认链接无效" in response.content.decode()
    assert citizen.post(reverse("relay:acknowledge", args=[forged]), _good()).status_code == 404
    package.refresh_from_db()
    assert package.acknowledged_at is None


def test_an_expired_link_is_a_chinese_410(citizen, package, settings):
    url = _url(package)
    later = timezone.now() + dt.timedelta(days=settings.RELAY_ACK_LINK_DAYS + 1)
    with time_machine.travel(later):
        response = citizen.post(url, _good(relayed_on=timezone.localdate().isoformat()))

    assert response.status_code == 410
    assert "确认链接已过期" in response.content.decode()


def test_confirming_meets_the_deadline(citizen, package):
    from deadlines import services as deadlines

    citizen.post(_url(package), _good())

    assert deadlines.deadline_for(package, services.DEADLINE_KIND).state == "met"


def test_the_deadline_counts_working_days_over_national_day(organisation, tags):
    from deadlines import services as deadlines

    with time_machine.travel(dt.datetime(2025, 9, 29, 10, 0, tzinfo=SHANGHAI), tick=False):
        make_partner("制造业协会", industries=[tags["制造业"]])
        make_policy(organisation, [tags["制造业"]])
        services.policies_match_new()

    # Sent Mon 29 Sep 2025: 30 Sep, 9 and 10 Oct (1-8 Oct off), Sat 11 Oct (make-up day), Mon 13 Oct.
    package = RelayPackage.objects.get()
    assert deadlines.deadline_for(package, services.DEADLINE_KIND).due_date == dt.date(2025, 10, 13)


def test_after_the_policy_is_withdrawn_the_page_says_not_to_relay_it_further(citizen, package, signer):
    from documents import services as document_services

    document = package.relay.document
    before = citizen.get(_url(package)).content.decode()
    document_services.document_withdraw(document=document, user=signer, comment="依据的上位政策已调整")

    page = citizen.get(_url(package)).content.decode()
    assert 'id="ack-withdrawn"' not in before and document.get_absolute_url() in before
    assert "已撤回" in page and "请不要继续转发" in page
    assert document.title in page and f'href="{document.get_absolute_url()}"' not in page
    # A partner that relayed it before the withdrawal still records it.
    response = citizen.post(_url(package), _good(), follow=True)
    assert "已确认转发" in response.content.decode()
