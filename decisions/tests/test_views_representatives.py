"""The open call for public representatives: applying, privacy of the contact, bad input."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from decisions.models import RepresentativeApplication, RepresentativeCall

pytestmark = pytest.mark.django_db

GOOD = {
    "kind": "small_business",
    "name": "钱晓东",
    "contact_phone": "13912345678",
    "contact_email": "qian@example.com",
    "statement": "经营社区便利店十年，熟悉小微企业需求。",
}


@pytest.fixture
def call(organisation):
    return RepresentativeCall.objects.create(
        organisation=organisation,
        title="公开征集公众代表",
        description="拟邀请5名代表列席。",
        opens_on=dt.date(2023, 9, 1),
        closes_on=dt.date(2023, 9, 30),
        seats=5,
    )


def url(call) -> str:
    return reverse("decisions:representative_apply", args=[call.pk])


@time_machine.travel(dt.date(2023, 9, 10))
def test_a_citizen_applies_and_the_contact_stays_private(citizen, call):
    assert "公开征集公众代表" in citizen.get(reverse("decisions:representatives")).content.decode()
    response = citizen.post(url(call), GOOD)
    assert response.status_code == 302
    application = RepresentativeApplication.objects.get()
    assert (application.call, application.name, application.status) == (call, "钱晓东", "pending")
    for page in [reverse("decisions:representatives"), url(call) + "?sent=1"]:
        text = citizen.get(page).content.decode()
        assert "13912345678" not in text and "qian@example.com" not in text and "钱晓东" not in text
    assert "报名已收到" in citizen.get(url(call) + "?sent=1").content.decode()


@time_machine.travel(dt.date(2023, 9, 10))
def test_bad_input_keeps_the_form(citizen, call):
    response = citizen.post(url(call), {**GOOD, "contact_phone": "", "statement": "<script>x</script>"})
    assert response.status_code == 400
    text = response.content.decode()
    assert "请填写联系电话" in text and "含有网页代码" in text and "钱晓东" in text
    assert not RepresentativeApplication.objects.exists()


@time_machine.travel(dt.date(2023, 10, 1))
def test_after_the_call_closes_nobody_can_apply(citizen, call):
    assert "已于 2023年9月30日 截止" in citizen.get(url(call)).content.decode()
    response = citizen.post(url(call), GOOD)
    assert response.status_code == 400 and "报名时间已结束" in response.content.decode()
    assert not RepresentativeApplication.objects.exists()


def test_an_unknown_call_is_404(citizen):
    assert citizen.get(reverse("decisions:representative_apply", args=[999])).status_code == 404
