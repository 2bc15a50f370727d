"""A relay partner opens the link of its package, types a negative number, confirms the relay
without an account, and the policy page then names it; axe finds nothing on the page."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from relay import tokens
from relay.models import Channel, RelayPackage

from .a11y import axe_run, describe

pytestmark = pytest.mark.browser


@pytest.fixture
def relay_site(demo_site) -> str:
    call_command("load_demo_relay", stdout=io.StringIO())
    return demo_site


def test_a_partner_acknowledges_a_relay_on_its_link(relay_site, new_page, screenshot):
    package = RelayPackage.objects.select_related("partner", "relay__document").get(
        partner__name="西虹桥商务区产业园", relay__document__doc_number="徐府发〔2023〕18号"
    )
    document = package.relay.document
    page = new_page()
    page.goto(relay_site + f"/relay/ack/{tokens.ack_token(package.pk)}/")
    expect(page.get_by_role("heading", name="确认政策转发")).to_be_visible()
    expect(page.get_by_role("link", name=document.title)).to_be_visible()

    result = axe_run(page, base_url=relay_site)
    assert not result["violations"], describe(result["violations"])

    page.get_by_label("覆盖企业数").fill("-5")
    page.get_by_label("微信群").check()
    page.get_by_role("button", name="确认已转发").click()
    expect(page.locator(".cf-error").first).to_contain_text("覆盖企业数不能为负数")
    expect(page.get_by_label("覆盖企业数")).to_have_value("-5")
    expect(page.get_by_label("微信群")).to_be_checked()
    assert not axe_run(page, base_url=relay_site)["violations"]

    page.get_by_label("覆盖企业数").fill("42")
    page.get_by_role("button", name="确认已转发").click()
    expect(page.locator("#ack-notice")).to_contain_text("已确认转发")
    screenshot(page, "relay-acknowledged")
    package.refresh_from_db()
    assert (package.enterprises_reached, package.channel) == (42, Channel.WECHAT_GROUP)

    page.get_by_role("link", name=document.title).click()
    carriers = page.locator("#relay-carriers-title").locator("xpath=..")
    expect(carriers).to_contain_text("西虹桥商务区产业园")
    expect(carriers).to_contain_text("徐泾镇制造业企业协会")
    assert "park@relay.example.org" not in page.content() and "吴芳" not in page.content()
