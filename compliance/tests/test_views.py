"""The dashboard at /staff/compliance/: staff with the role permission only; a line per
rule with its findings and links; the button runs the check now; no private data."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from applications.models import Application
from applications.models import Status as ApplicationStatus
from compliance import rules, services
from compliance.models import RuleResult
from consultations.models import Message
from factories import MessageFactory, client_for

from .conftest import TODAY

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]

URL = "/staff/compliance/"


def test_the_url_is_the_dashboard():
    assert reverse("compliance:dashboard") == URL


def test_anonymous_visitors_are_sent_to_the_staff_sign_in(citizen):
    response = citizen.get(URL)
    assert response.status_code == 302 and response["Location"].startswith(reverse("admin:login"))
    assert citizen.post(reverse("compliance:run")).status_code == 302
    assert not RuleResult.objects.exists()


def test_a_signed_in_non_staff_account_is_refused(enterprise_user):
    client = client_for(enterprise_user)
    assert client.get(URL).status_code == 403
    assert client.post(reverse("compliance:run")).status_code == 403


def test_staff_without_the_role_permission_are_refused(drafter):
    response = client_for(drafter).get(URL)
    assert response.status_code == 403
    assert "合规自查" in response.content.decode()


def test_staff_with_the_role_see_a_line_per_rule(administrator):
    services.compliance_run()
    page = client_for(administrator).get(URL)

    assert page.status_code == 200 and page["Cache-Control"] == "private, no-store"
    text = page.content.decode()
    for rule in rules.RULES:
        assert rule.title in text
    assert "compliance-line--red" in text and "compliance-line--green" in text
    assert "近12个月趋势" in text and "2026-06" in text and "2025-07" in text
    assert reverse("admin:documents_policydocument_add") in text  # the home page's finding links to the fix
    assert "立即检查" in text


def test_before_any_run_the_dashboard_says_so(administrator):
    text = client_for(administrator).get(URL).content.decode()
    assert "尚未运行过检查" in text and "尚未检查" in text


def test_the_button_runs_the_check_now(administrator):
    client = client_for(administrator)
    response = client.post(reverse("compliance:run"), follow=True)

    assert response.status_code == 200
    assert RuleResult.objects.filter(run_on=TODAY).count() == len(rules.RULES)
    assert "已完成合规自查" in response.content.decode()


def test_signers_see_the_dashboard_but_may_not_run_it(signer):
    client = client_for(signer)
    assert client.get(URL).status_code == 200
    assert "立即检查" not in client.get(URL).content.decode()
    assert client.post(reverse("compliance:run")).status_code == 403
    assert not RuleResult.objects.exists()


def test_the_admin_home_links_the_dashboard_for_those_who_may_open_it(administrator, drafter):
    link = f'href="{URL}"'
    assert link in client_for(administrator).get(reverse("admin:index")).content.decode()
    assert link not in client_for(drafter).get(reverse("admin:index")).content.decode()


def test_the_dashboard_shows_no_private_data(administrator, organisation):
    message = MessageFactory(
        received_on=dt.date(2026, 1, 5), organisation=organisation, status=Message.Status.ASSIGNED,
        asker_name="张三丰", phone="13912345678", email="zhangsf@example.com",
        title="张三丰家门口的路灯坏了，电话13912345678",
    )  # fmt: skip
    Application.objects.create(
        number="2026-0009", year=2026, serial=9, applicant_name="李四光", phone="13800138000",
        email="lisg@example.com", postal_address="徐泾镇明珠路88弄8号", id_number="310229199001011234",
        description="申请公开道路养护经费。", organisation=organisation, received_on=dt.date(2026, 4, 1),
        due_on=dt.date(2026, 5, 6), replied_on=dt.date(2026, 5, 8), status=ApplicationStatus.ANSWERED,
    )  # fmt: skip
    services.compliance_run()

    text = client_for(administrator).get(URL).content.decode()
    assert message.tracking_number in text and "2026-0009" in text
    for private in [
        "张三丰", "13912345678", "zhangsf@example.com", "路灯", "李四光", "13800138000",
        "lisg@example.com", "明珠路", "310229199001011234",
    ]:  # fmt: skip
        assert private not in text, private
