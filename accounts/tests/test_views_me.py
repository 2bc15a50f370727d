from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from documents.models import Status
from factories import (
    AudienceGroupFactory,
    PolicyDocumentFactory,
    client_for,
    make_enterprise_user,
    make_targeted_document,
)
from organisations import roles

pytestmark = pytest.mark.django_db


def test_my_page_needs_the_public_sign_in(citizen):
    response = citizen.get("/accounts/me/")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/accounts/me/"


def test_it_lists_exactly_the_documents_targeted_to_my_groups():
    mine, theirs = AudienceGroupFactory(name="西虹桥重点企业联络员"), AudienceGroupFactory(name="前明村村民")
    for_me = make_targeted_document(mine, title="给联络员的安全生产通知")
    make_targeted_document(theirs, title="给村民的通知")
    make_targeted_document(mine, title="已撤回的定向通知", status=Status.WITHDRAWN)
    make_targeted_document(mine, title="尚未到发布时间的定向通知", published_at=timezone.now() + dt.timedelta(days=1))
    PolicyDocumentFactory(published=True, title="面向社会公开的文件")
    user = make_enterprise_user("qiye-a", mine, last_name="王", first_name="小明")

    response = client_for(user).get("/accounts/me/")

    assert response.status_code == 200
    assert [d.title for d in response.context["documents"]] == ["给联络员的安全生产通知"]
    text = response.content.decode()
    assert f'href="{for_me.get_absolute_url()}"' in text
    assert "给村民的通知" not in text and "已撤回的定向通知" not in text and "尚未到发布时间" not in text
    assert "王小明" in text and "西虹桥重点企业联络员" in text
    assert 'href="/accounts/password/change/"' in text
    assert 'action="/accounts/logout/"' in text


def test_it_names_my_audiences_but_not_my_role_groups(organisation):
    mine = AudienceGroupFactory(name="西虹桥重点企业联络员")
    user = make_enterprise_user("qiye-a", mine)
    user.groups.add(Group.objects.get(name=roles.DRAFTER))

    response = client_for(user).get("/accounts/me/")

    assert [g.name for g in response.context["audiences"]] == ["西虹桥重点企业联络员"]


def test_an_account_in_no_audience_is_told_whom_to_ask():
    response = client_for(make_enterprise_user("qiye-a")).get("/accounts/me/")

    assert response.context["documents"] == []
    assert "尚未加入定向公开对象" in response.content.decode()
